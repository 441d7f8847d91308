import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineClient } from '../../shared/rpc/client';
import type { EngineProcess } from './interleave-engine';
import type { Expectation, ProjectName } from './interleave-ledger';

/** Ids of each project's starting data (the same shape in both projects). */
export interface ProjectSetup {
  path: string;
  orders: string;
  customers: string;
  rfm: string;
  /** Segmentations that renames may target (grows as k-means and RFM-8 commit). */
  segmentations: string[];
}

export interface ScheduleState {
  dir: string;
  engine: EngineProcess;
  projects: Record<ProjectName, ProjectSetup>;
  current: ProjectName;
  ledger: Expectation[];
  counts: Record<string, number>;
}

type OpKind = 'import' | 'formula' | 'rfm' | 'rfm8' | 'kmeans' | 'rename';
const OPS: OpKind[] = ['import', 'formula', 'rfm', 'rfm8', 'kmeans', 'rename', 'rfm', 'kmeans'];

/** Order lines with a unique file per operation (its name is the dataset's tag). */
export function writeOrders(path: string, rows: number, seed: number): void {
  const lines = ['订单编号,客户编号,下单日期,金额,产品类别'];
  const cats = ['家具', '文具', '电器', '食品'];
  for (let i = 0; i < rows; i++) {
    const k = (i * 7919 + seed) % 2000;
    lines.push(`D${seed}-${Math.floor(i / 2)},KH${k},2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},${(10 + ((i + seed) % 97) * 3.5).toFixed(2)},${cats[i % 4]}`);
  }
  writeFileSync(path, lines.join('\n'));
}

function bump(state: ScheduleState, key: string): void {
  state.counts[key] = (state.counts[key] ?? 0) + 1;
}

/** Starts one operation on the current project; the returned promise settles its ledger entry. */
async function launch(state: ScheduleState, client: EngineClient, kind: OpKind, tag: string, signal: AbortSignal | undefined): Promise<void> {
  const p = state.projects[state.current];
  const project = state.current;
  const expect = (k: Expectation['kind'], extra: Partial<Expectation> = {}): Expectation => {
    const e: Expectation = { project, kind: k, tag, outcome: 'pending', ...extra };
    state.ledger.push(e);
    return e;
  };
  let entry: Expectation | null = null;
  try {
    if (kind === 'import') {
      const file = join(state.dir, `${tag}.csv`);
      writeOrders(file, 30_000, state.ledger.length + 1);
      entry = expect('dataset');
      await client.call('import.run', { path: file, name: tag }, { signal });
    } else if (kind === 'formula') {
      entry = expect('column');
      await client.call('clean.apply', { datasetId: p.orders, operation: { op: 'formula', formula: '[金额]*2', name: tag } }, { signal });
    } else if (kind === 'rfm') {
      entry = expect('dataset');
      await client.call('metrics.rfm', { datasetId: p.orders, customer: '客户编号', date: '下单日期', amount: '金额', order: '订单编号', name: tag }, { signal });
    } else if (kind === 'rfm8') {
      entry = expect('segmentation');
      const r = await client.call('segment.rfm8', { datasetId: p.rfm, name: tag }, { signal });
      if (r.segmentation) p.segmentations.push(r.segmentation.id);
    } else if (kind === 'kmeans') {
      entry = expect('segmentation');
      const r = await client.call('cluster.run', { datasetId: p.customers, features: [{ column: 'M', transforms: ['log1p', 'zscore'] }, { column: 'R', transforms: ['zscore'] }], k: 4, seed: state.ledger.length, restarts: 4, name: tag }, { signal });
      p.segmentations.push(r.segmentation.id);
    } else {
      const segId = p.segmentations[state.ledger.length % p.segmentations.length]!;
      const seg = await client.call('segmentations.get', { segmentationId: segId });
      const from = seg.segments[0]!.name;
      entry = expect('label', { segmentationId: segId, from });
      await client.call('segment.updateTexts', { segmentationId: segId, segments: [{ segment: from, name: tag }] }, { signal });
    }
    entry.outcome = 'committed';
    bump(state, `${kind}:committed`);
  } catch (e) {
    const code = (e as { code?: string }).code ?? 'THROWN';
    if (code === 'INTERNAL' || code === 'THROWN') throw new Error(`${tag} ${kind} failed with ${code}: ${(e as Error).message}`);
    const killed = code === 'ENGINE_UNAVAILABLE' || code === 'ENGINE_RESTARTED';
    if (entry) entry.outcome = killed ? 'unknown' : 'refused';
    bump(state, `${kind}:${killed ? 'killed' : code}`);
  }
}

/**
 * One random schedule: operations started on the current project without waiting for each
 * other, project switches, cancels after a random delay and possibly one kill -9 of the engine.
 */
export async function runSchedule(state: ScheduleState, schedule: number, random: () => number): Promise<void> {
  const running: Promise<void>[] = [];
  const steps = 5 + Math.floor(random() * 5);
  const killAt = random() < 0.35 ? Math.floor(random() * steps) : -1;
  for (let step = 0; step < steps; step++) {
    const client = state.engine.client!;
    const tag = `${state.current}-s${schedule}-o${step}`;
    const roll = random();
    if (roll < 0.15) {
      // Switch project: work already started stays bound to the project it started on.
      const next: ProjectName = state.current === 'A' ? 'B' : 'A';
      await client.call('project.open', { path: state.projects[next].path });
      state.current = next;
      bump(state, 'switch');
    } else {
      const kind = OPS[Math.floor(random() * OPS.length)]!;
      const cancel = roll > 0.8 ? new AbortController() : null;
      running.push(launch(state, client, kind, tag, cancel?.signal));
      if (cancel) {
        const after = Math.floor(random() * 400);
        setTimeout(() => cancel.abort(), after);
        bump(state, 'cancel');
      }
    }
    await new Promise((r) => setTimeout(r, Math.floor(random() * 250)));
    if (step === killAt) {
      await state.engine.kill();
      bump(state, 'kill -9');
      await Promise.allSettled(running);
      await state.engine.start(state.projects[state.current].path);
    }
  }
  const settled = await Promise.allSettled(running);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
}
