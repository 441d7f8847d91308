import type { CleanOperation, CleanStep } from '../../../shared/contract/clean';
import { KequnError } from '../../../shared/contract/errors';
import type { ProjectStore } from '../store/project-store';
import { columnKey, quoteIdent } from '../store/sql';
import type { StepPlan, SqlCell } from './plan';
import { metaOf, stepRows, toStep, type StepRow } from './step-store';
import { currentTable, readMeta, recount, touchDataset, writeMeta, type ColumnMeta } from './version-meta';

/**
 * Version tables: the live state of a dataset always stays in its own table (ds_<seq>, what
 * datasets.table_name names, so nothing else in the engine has to know about versions). Every
 * other state is parked under kq_ds<seq>_v<k> (k = 0 for the imported original, k = step seq
 * after it). Undo/redo swap tables by renaming, which is instant whatever the row count.
 */
export function versionTable(store: ProjectStore, datasetId: string, version: number): string {
  const seq = store.db.prepare('SELECT seq FROM datasets WHERE id = ?').pluck().get(datasetId) as number;
  return `kq_ds${seq}_v${version}`;
}

function tableExists(store: ProjectStore, name: string): boolean {
  return store.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

function rename(store: ProjectStore, from: string, to: string): void {
  store.db.exec(`ALTER TABLE ${quoteIdent(from)} RENAME TO ${quoteIdent(to)}`);
}

/** Drops the parked tables of steps that can no longer be redone (a new step replaces them). */
function discardRedoable(store: ProjectStore, datasetId: string): void {
  const undone = stepRows(store, datasetId).filter((r) => r.state === 'undone');
  for (const r of undone) {
    if (tableExists(store, r.after_table)) store.db.exec(`DROP TABLE ${quoteIdent(r.after_table)}`);
  }
  store.db.prepare("DELETE FROM clean_steps WHERE dataset_id = ? AND state = 'undone'").run(datasetId);
}

/**
 * Writes a plan as a new step: the current table is streamed once through the plan (SQL user
 * functions call back into the plan per cell) into a new version table, in one transaction.
 * The old table is left exactly as it was: it is the state that undo returns to.
 */
export function applyPlan(store: ProjectStore, datasetId: string, operation: CleanOperation, plan: StepPlan): CleanStep {
  const db = store.db;
  const id = db.transaction(() => {
    dropOrphanVersions(store);
    discardRedoable(store, datasetId);
    const live = currentTable(store, datasetId);
    const seq = ((db.prepare('SELECT max(seq) FROM clean_steps WHERE dataset_id = ?').pluck().get(datasetId) as number | null) ?? 0) + 1;
    // Park the current state (it is what undo returns to); the live table is rebuilt below.
    const from = versionTable(store, datasetId, seq - 1);
    rename(store, live, from);
    const before = readMeta(store, datasetId);
    const rowsBefore = db.prepare('SELECT row_count FROM datasets WHERE id = ?').pluck().get(datasetId) as number;
    const after: ColumnMeta[] = before.map((c) => ({ ...c, type: plan.typeChanges.get(c.key) ?? c.type }));
    const used = new Set(after.map((c) => c.key));
    const usedNames = new Set(after.map((c) => c.name));
    let ordinal = after.reduce((m, c) => Math.max(m, c.ordinal), -1) + 1;
    const added: { key: string; valueOf: (rowId: number) => SqlCell }[] = [];
    for (const nc of plan.newColumns) {
      let k = ordinal;
      while (used.has(columnKey(k))) k++;
      const key = columnKey(k);
      used.add(key);
      let name = nc.name;
      for (let i = 2; usedNames.has(name); i++) name = `${nc.name} (${i})`;
      usedNames.add(name);
      after.push({ ordinal: k, key, name, original_header: null, type: nc.type, format: null, invalid_count: 0, missing_count: 0 });
      added.push({ key, valueOf: nc.valueOf });
      ordinal = k + 1;
    }
    const to = live;
    const cols = after.map((c) => quoteIdent(c.key));
    db.exec(`CREATE TABLE ${quoteIdent(to)} (_row INTEGER PRIMARY KEY${cols.length ? ', ' + cols.join(', ') : ''})`);

    // Per-cell callbacks become SQL functions for this one statement (released again below, so
    // the connection does not keep a plan's row maps alive).
    const tag = 'kq_clean';
    const registered: string[] = [];
    const register = (name: string, fn: (...args: unknown[]) => SqlCell): void => {
      db.function(name, { deterministic: false, varargs: true }, fn);
      registered.push(name);
    };
    const exprs: string[] = [];
    let fnIndex = 0;
    for (const c of before) {
      const rewrite = plan.rewrites.get(c.key);
      if (!rewrite) {
        exprs.push(quoteIdent(c.key));
        continue;
      }
      const name = `${tag}_${fnIndex++}`;
      register(name, (v, rowId) => rewrite(v as SqlCell, Number(rowId)));
      exprs.push(`${name}(${quoteIdent(c.key)}, _row)`);
    }
    for (const a of added) {
      const name = `${tag}_${fnIndex++}`;
      register(name, (rowId) => a.valueOf(Number(rowId)));
      exprs.push(`${name}(_row)`);
    }
    let where = '';
    if (plan.removed && plan.removed.size > 0) {
      const removed = plan.removed;
      register(`${tag}_keep`, (rowId) => (removed.has(Number(rowId)) ? 0 : 1));
      where = ` WHERE ${tag}_keep(_row)`;
    }
    try {
      db.exec(
        `INSERT INTO ${quoteIdent(to)} (_row${cols.length ? ', ' + cols.join(', ') : ''}) SELECT _row${exprs.length ? ', ' + exprs.join(', ') : ''} FROM ${quoteIdent(from)}${where} ORDER BY _row`,
      );
    } finally {
      for (const name of registered) db.function(name, { varargs: true }, () => null);
    }
    const removedRows = plan.removed?.size ?? 0;
    // Without removed rows only the rewritten and new columns can have changed counts.
    const touched = removedRows > 0 ? undefined : new Set([...plan.rewrites.keys(), ...plan.typeChanges.keys(), ...added.map((a) => a.key)]);
    recount(store, to, after, touched);
    const rowsAfter = rowsBefore - removedRows;
    writeMeta(store, datasetId, after);
    touchDataset(store, datasetId, { rowCount: rowsAfter });
    const stepId = `${datasetId}-s${seq}-${Date.now().toString(36)}`;
    db.prepare(
      `INSERT INTO clean_steps (id, dataset_id, seq, operation_json, report_json, affected_rows, rows_before, rows_after,
        before_table, after_table, before_meta_json, after_meta_json, state, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'applied', ?)`,
    ).run(
      stepId,
      datasetId,
      seq,
      JSON.stringify(operation),
      JSON.stringify(plan.report),
      plan.affectedRows,
      rowsBefore,
      rowsAfter,
      from,
      versionTable(store, datasetId, seq),
      JSON.stringify(before),
      JSON.stringify(after),
      new Date().toISOString(),
    );
    return stepId;
  })();
  return toStep(db.prepare('SELECT * FROM clean_steps WHERE id = ?').get(id) as StepRow);
}

/**
 * Makes a parked version live: the live table is parked as `park`, `target` becomes live.
 * Columns added to the dataset outside cleaning since the live state was recorded (segment
 * labels, formula columns: keys not in `liveMeta`) are carried over by _row, so undo keeps them.
 */
function switchTo(store: ProjectStore, datasetId: string, park: string, liveMeta: ColumnMeta[], target: string, targetMeta: ColumnMeta[], rows: number): void {
  const db = store.db;
  const live = currentTable(store, datasetId);
  const recorded = new Set(liveMeta.map((c) => c.key));
  const extras = readMeta(store, datasetId).filter((c) => !recorded.has(c.key));
  if (!tableExists(store, target)) {
    throw new KequnError('CLEAN_FAILED', `The saved state ${target} is missing from the project file`, { zh: '项目文件中缺少该步骤保存的数据' });
  }
  rename(store, live, park);
  rename(store, target, live);
  const meta = targetMeta.map((c) => ({ ...c }));
  if (extras.length > 0) {
    const existing = new Set((db.prepare(`PRAGMA table_info(${quoteIdent(live)})`).all() as { name: string }[]).map((r) => r.name));
    const t = quoteIdent(live);
    for (const c of extras) {
      const k = quoteIdent(c.key);
      if (!existing.has(c.key)) db.exec(`ALTER TABLE ${t} ADD COLUMN ${k}`);
      db.exec(`UPDATE ${t} SET ${k} = (SELECT s.${k} FROM ${quoteIdent(park)} s WHERE s._row = ${t}._row)`);
      meta.push({ ...c });
    }
    recount(store, live, meta);
  }
  writeMeta(store, datasetId, meta);
  touchDataset(store, datasetId, { rowCount: rows });
}

export function undoLast(store: ProjectStore, datasetId: string): boolean {
  const last = stepRows(store, datasetId)
    .filter((r) => r.state === 'applied')
    .pop();
  if (!last) return false;
  const rows = store.db.prepare('SELECT row_count FROM datasets WHERE id = ?').pluck().get(datasetId) as number;
  if (rows !== last.rows_after) {
    // Rows were appended (import.append) or removed outside cleaning: undo would lose them.
    throw new KequnError('CLEAN_FAILED', `The dataset has ${rows} rows, not the ${last.rows_after} this step left; undo would lose rows added since`, {
      zh: `数据集现有 ${rows} 行，与该步骤完成时的 ${last.rows_after} 行不同；撤销会丢失之后追加的行`,
      details: { rows, expected: last.rows_after },
    });
  }
  store.db.transaction(() => {
    switchTo(store, datasetId, last.after_table, metaOf(last.after_meta_json), last.before_table, metaOf(last.before_meta_json), last.rows_before);
    store.db.prepare("UPDATE clean_steps SET state = 'undone' WHERE id = ?").run(last.id);
  })();
  return true;
}

export function redoNext(store: ProjectStore, datasetId: string): boolean {
  const next = stepRows(store, datasetId).find((r) => r.state === 'undone');
  if (!next) return false;
  const current = readMeta(store, datasetId).map((c) => c.key);
  const expected = new Set(metaOf(next.before_meta_json).map((c) => c.key));
  if (current.some((k) => !expected.has(k))) {
    // Columns were added after the undo; the redone table would not hold them consistently.
    throw new KequnError('CLEAN_FAILED', 'The dataset changed after the undo; this step can no longer be redone', {
      zh: '撤销后数据集已有改动，无法再重做这一步',
    });
  }
  store.db.transaction(() => {
    switchTo(store, datasetId, next.before_table, metaOf(next.before_meta_json), next.after_table, metaOf(next.after_meta_json), next.rows_after);
    store.db.prepare("UPDATE clean_steps SET state = 'applied' WHERE id = ?").run(next.id);
  })();
  return true;
}

/** Undoes every applied step after `toSeq` in one transaction (0 = the imported original). */
export function revertTo(store: ProjectStore, datasetId: string, toSeq: number): void {
  store.db.transaction(() => {
    for (;;) {
      const last = stepRows(store, datasetId)
        .filter((r) => r.state === 'applied')
        .pop();
      if (!last || last.seq <= toSeq) break;
      undoLast(store, datasetId);
    }
  })();
}

/**
 * Drops parked tables no step refers to any more: removing a dataset deletes its steps (cascade)
 * but not their tables, and a later dataset may reuse the same sequence number.
 */
export function dropOrphanVersions(store: ProjectStore): void {
  const db = store.db;
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'kq_ds[0-9]*_v[0-9]*'").pluck().all() as string[];
  const referenced = new Set<string>([
    ...(db.prepare('SELECT before_table FROM clean_steps').pluck().all() as string[]),
    ...(db.prepare('SELECT after_table FROM clean_steps').pluck().all() as string[]),
  ]);
  db.transaction(() => {
    for (const t of tables) if (!referenced.has(t)) db.exec(`DROP TABLE ${quoteIdent(t)}`);
  })();
}
