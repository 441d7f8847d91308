import Database from 'better-sqlite3';
import { resolve } from 'node:path';
import { KequnError } from '../../../shared/contract/errors';
import { CHUNK_ROWS, PART_CODE, PART_NUM } from './column-codec';
import { inspectProjectFile } from './project-file-check';
import { storageError } from './sqlite-errors';

export interface ProjectCheck {
  ok: boolean;
  integrity: string;
  problems: string[];
  /** Not problems: facts worth knowing (work killed before it committed, tables awaiting conversion). */
  notes: string[];
  datasets: { id: string; rows: number; columns: number }[];
  segmentations: { id: string; datasetId: string; column: string }[];
}

/**
 * Checks a project file without changing it: refuses files that are not Kequn projects
 * (PROJECT_NOT_KEQUN), reports a damaged one (PROJECT_DAMAGED when SQLite cannot read it), and
 * otherwise runs SQLite's integrity check plus the store's own invariants.
 */
export function checkProjectFile(path: string): ProjectCheck {
  const full = resolve(path);
  inspectProjectFile(full);
  let db: Database.Database | null = null;
  try {
    db = new Database(full, { readonly: true, fileMustExist: true });
    return checkProject(db);
  } catch (e) {
    if (e instanceof KequnError) throw e;
    const mapped = storageError(e, full);
    if (mapped) throw mapped;
    throw new KequnError('PROJECT_DAMAGED', `The project file could not be checked: ${full}`, { zh: `无法检查项目文件：${full}`, details: { path: full }, cause: e });
  } finally {
    db?.close();
  }
}

/**
 * Structural invariants of a project, beyond SQLite's own integrity check: every dataset column
 * points at column data with exactly the dataset's row count and chunks of the right sizes, row
 * ids likewise, every cleaning step's states point at existing data, every segmentation's label
 * column exists. Used by `kequn check` and the crash and interleaving harnesses.
 */
export function checkProject(db: Database.Database): ProjectCheck {
  const problems: string[] = [];
  const notes: string[] = [];
  const integrity = (db.prepare('PRAGMA integrity_check').pluck().all() as string[]).join('; ');
  if (integrity !== 'ok') problems.push(`integrity_check: ${integrity}`);
  const datasets = db.prepare('SELECT id, row_count AS rows, rowid_data AS rowIds, legacy_table AS legacy FROM datasets ORDER BY seq').all() as {
    id: string;
    rows: number;
    rowIds: number | null;
    legacy: string | null;
  }[];
  const dataRows = db.prepare('SELECT rows, staged FROM col_data WHERE id = ?');
  const chunkSizes = db.prepare('SELECT part, chunk, length(bytes) AS len FROM col_chunks WHERE data_id = ? AND part IN (?, ?)');
  const checkData = (owner: string, dataId: number | null, rows: number): void => {
    if (dataId === null) {
      problems.push(`${owner}: no column data`);
      return;
    }
    const d = dataRows.get(dataId) as { rows: number; staged: number } | undefined;
    if (!d) return void problems.push(`${owner}: column data ${dataId} is missing`);
    if (d.staged) problems.push(`${owner}: column data ${dataId} is still staged`);
    if (d.rows !== rows) problems.push(`${owner}: column data ${dataId} has ${d.rows} rows, ${rows} recorded`);
    for (const c of chunkSizes.all(dataId, PART_NUM, PART_CODE) as { part: number; chunk: number; len: number }[]) {
      const n = Math.min(CHUNK_ROWS, rows - c.chunk * CHUNK_ROWS);
      if (n <= 0) problems.push(`${owner}: chunk ${c.chunk} lies beyond the last row`);
      else if (c.part === PART_NUM && c.len !== n * 8) problems.push(`${owner}: number chunk ${c.chunk} has ${c.len} bytes, expected ${n * 8}`);
      else if (c.part === PART_CODE && ![1, 2, 4].some((w) => c.len === 8 + n * w)) problems.push(`${owner}: code chunk ${c.chunk} has ${c.len} bytes`);
    }
  };
  const out: ProjectCheck['datasets'] = [];
  for (const d of datasets) {
    const cols = db.prepare('SELECT key, data_id AS dataId FROM dataset_columns WHERE dataset_id = ? ORDER BY ordinal').all(d.id) as { key: string; dataId: number | null }[];
    if (d.legacy !== null) {
      notes.push(`dataset ${d.id}: stored as rows (table ${d.legacy}), converted when the project is next opened`);
    } else {
      for (const c of cols) checkData(`dataset ${d.id} column ${c.key}`, c.dataId, d.rows);
      if (d.rowIds !== null) checkData(`dataset ${d.id} row ids`, d.rowIds, d.rows);
    }
    out.push({ id: d.id, rows: d.rows, columns: cols.length });
  }
  const steps = db.prepare('SELECT id, before_json, after_json, legacy_before_table AS legacy FROM clean_steps ORDER BY dataset_id, seq').all() as {
    id: string;
    before_json: string;
    after_json: string;
    legacy: string | null;
  }[];
  for (const s of steps) {
    if (s.legacy !== null) continue;
    for (const [side, json] of [['before', s.before_json], ['after', s.after_json]] as const) {
      const st = JSON.parse(json) as { columns: { key: string; dataId: number }[]; rowIds: number | null; rowCount: number };
      for (const c of st.columns) checkData(`step ${s.id} ${side} column ${c.key}`, c.dataId, st.rowCount);
      if (st.rowIds !== null) checkData(`step ${s.id} ${side} row ids`, st.rowIds, st.rowCount);
    }
  }
  const staged = db.prepare('SELECT count(*) FROM col_data WHERE staged = 1').pluck().get() as number;
  if (staged > 0) notes.push(`${staged} column data object(s) of work that never committed (removed when the project is next opened)`);
  const segs = db.prepare('SELECT id, dataset_id AS datasetId, column_key AS columnKey FROM segmentations ORDER BY seq').all() as {
    id: string;
    datasetId: string;
    columnKey: string;
  }[];
  for (const s of segs) {
    const has = db.prepare('SELECT 1 FROM dataset_columns WHERE dataset_id = ? AND key = ?').get(s.datasetId, s.columnKey);
    if (!has) problems.push(`segmentation ${s.id}: label column ${s.columnKey} missing`);
  }
  return {
    ok: problems.length === 0,
    integrity,
    problems,
    notes,
    datasets: out,
    segmentations: segs.map((s) => ({ id: s.id, datasetId: s.datasetId, column: s.columnKey })),
  };
}
