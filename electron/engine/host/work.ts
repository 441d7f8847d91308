import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { KequnError } from '../../../shared/contract/errors';
import type { ProgressDetail, ProgressLabel } from '../../../shared/contract/progress';
import type { CancelToken } from '../../../shared/rpc/cancel';
import type { DatasetSnapshot, SnapshotInputs } from '../store/dataset-snapshot';
import type { ProjectStore } from '../store/project-store';
import type { StagedColumns } from '../store/staged-columns';

/**
 * One piece of engine work (a contract call, a CLI command, a harness step). It is bound at
 * start to the project it works on, and keeps that binding whatever happens to the engine's
 * "current project" meanwhile. It reads through snapshots, which remember what was read; it
 * computes outside any transaction, yielding at checkpoints (progress, cancel); and it commits
 * once, in one short transaction, after checking that nothing it read has changed.
 */
export class Work {
  private readonly snapshots: DatasetSnapshot[] = [];
  private readonly staged: StagedColumns[] = [];
  /** Snapshots whose dataset this work replaces whole (see replacesWhole). */
  private readonly wholes: DatasetSnapshot[] = [];

  constructor(
    readonly store: ProjectStore,
    readonly cancel: CancelToken,
    private readonly report: (done: number, total: number | null, label: ProgressLabel, detail?: ProgressDetail) => void,
  ) {}

  progress(done: number, total: number | null, label: ProgressLabel, detail?: ProgressDetail): void {
    this.report(done, total, label, detail);
  }

  /** Yields to the event loop, then stops if the caller cancelled or the project closed. */
  async checkpoint(): Promise<void> {
    await yieldToLoop();
    this.cancel.throwIfCancelled();
    this.store.assertOpen();
  }

  /** Reads a dataset for this work; its inputs are checked again at commit. */
  snapshot(datasetIdOrName: string): DatasetSnapshot {
    const s = this.store.snapshot(datasetIdOrName);
    this.snapshots.push(s);
    return s;
  }

  /**
   * Marks a snapshot's dataset as replaced whole by this work's commit (a cleaning step writes
   * the full column list): then any write since the snapshot, even to a column this work did not
   * read, makes it stale — otherwise two steps computed from one state would drop each other's columns.
   */
  replacesWhole(snapshot: DatasetSnapshot): void {
    this.wholes.push(snapshot);
  }

  /** Column data this work writes before it commits; discarded if it never does. */
  stage(): StagedColumns {
    const s = this.store.stage();
    this.staged.push(s);
    return s;
  }

  /**
   * Commits in one transaction, after checking every snapshot's inputs are unchanged: a column
   * it read now holds other data, or rows were added or removed → STALE_INPUT, nothing written.
   */
  commit<T>(fn: () => T extends Promise<unknown> ? never : T): T {
    this.cancel.throwIfCancelled();
    return this.store.write(() => {
      for (const s of this.snapshots) assertCurrent(this.store, s.inputs(), s.info.name);
      for (const s of this.wholes) if (this.store.datasets.version(s.info.id) !== s.version) throw staleInput(s.info.name, s.info.id);
      const out = fn();
      for (const st of this.staged) st.commitInside();
      return out;
    });
  }

  /** Throws away what was staged (called by the host when the work fails or is cancelled). */
  discard(): void {
    for (const st of this.staged) st.discard();
    this.staged.length = 0;
  }
}

function staleInput(name: string, datasetId: string): KequnError {
  return new KequnError('STALE_INPUT', `Dataset "${name}" changed while this ran; nothing was saved — run it again`, {
    zh: `运行期间数据集“${name}”已被修改，结果未保存，请重新运行`,
    details: { dataset: datasetId },
  });
}

function assertCurrent(store: ProjectStore, inputs: SnapshotInputs, name: string): void {
  const stale = (): KequnError => staleInput(name, inputs.datasetId);
  if (!store.datasets.has(inputs.datasetId)) throw stale();
  const now = store.datasets.state(inputs.datasetId);
  if (now.rowCount !== inputs.rowCount || now.rowIds !== inputs.rowIds) throw stale();
  for (const [key, dataId] of inputs.columns) {
    if (now.columns.find((c) => c.key === key)?.dataId !== dataId) throw stale();
  }
}
