import type Database from 'better-sqlite3';

export interface ProjectCheck {
  ok: boolean;
  integrity: string;
  problems: string[];
  datasets: { id: string; table: string; rows: number }[];
  segmentations: { id: string; datasetId: string; column: string }[];
}

/**
 * Structural invariants of a project file, beyond SQLite's own integrity check: every dataset's
 * table exists with exactly its recorded row count and columns, no orphan data tables, every
 * segmentation's label column exists. Used by `kequn check` and the crash-safety harness.
 */
export function checkProject(db: Database.Database): ProjectCheck {
  const problems: string[] = [];
  const integrity = (db.prepare('PRAGMA integrity_check').pluck().all() as string[]).join('; ');
  if (integrity !== 'ok') problems.push(`integrity_check: ${integrity}`);
  const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  const datasets = db.prepare('SELECT id, table_name AS tableName, row_count AS rowCount FROM datasets ORDER BY seq').all() as {
    id: string;
    tableName: string;
    rowCount: number;
  }[];
  const out: ProjectCheck['datasets'] = [];
  for (const d of datasets) {
    if (!tables.has(d.tableName)) {
      problems.push(`dataset ${d.id}: table ${d.tableName} is missing`);
      continue;
    }
    const rows = db.prepare(`SELECT count(*) FROM "${d.tableName}"`).pluck().get() as number;
    if (rows !== d.rowCount) problems.push(`dataset ${d.id}: ${rows} rows in table, ${d.rowCount} recorded`);
    const actual = new Set((db.prepare(`PRAGMA table_info("${d.tableName}")`).all() as { name: string }[]).map((c) => c.name));
    const declared = db.prepare('SELECT key FROM dataset_columns WHERE dataset_id = ?').pluck().all(d.id) as string[];
    for (const key of declared) if (!actual.has(key)) problems.push(`dataset ${d.id}: column ${key} missing from table`);
    out.push({ id: d.id, table: d.tableName, rows });
  }
  const known = new Set(datasets.map((d) => d.tableName));
  for (const t of tables) if (/^ds_\d+$/.test(t) && !known.has(t)) problems.push(`orphan data table ${t}`);
  const segs = db.prepare('SELECT id, dataset_id AS datasetId, column_key AS columnKey FROM segmentations ORDER BY seq').all() as {
    id: string;
    datasetId: string;
    columnKey: string;
  }[];
  for (const s of segs) {
    const has = db.prepare('SELECT 1 FROM dataset_columns WHERE dataset_id = ? AND key = ?').get(s.datasetId, s.columnKey);
    if (!has) problems.push(`segmentation ${s.id}: label column ${s.columnKey} missing`);
  }
  return { ok: problems.length === 0, integrity, problems, datasets: out, segmentations: segs.map((s) => ({ id: s.id, datasetId: s.datasetId, column: s.columnKey })) };
}
