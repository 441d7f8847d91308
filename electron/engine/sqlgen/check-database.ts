import { ColumnReader } from '../store/column-reader';
import type { ProjectStore } from '../store/project-store';
import { ScratchDatabase } from '../store/scratch-database';
import { sqlite } from './dialect';
import { CHECK_TABLES, type CheckLoad } from './request-builder';

/** Epoch ms of a wall-clock time → 'yyyy-mm-dd hh:mm:ss[.sss]', the text SQLite's date functions read. */
export function isoText(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? iso.slice(0, 19).replace('T', ' ') : iso.slice(0, 23).replace('T', ' ');
}

export type CheckDatabase = ScratchDatabase;

/** A loaded dataset as plain rows: what every check or test database is filled with. */
export interface CheckTable {
  table: string;
  columns: { name: string; kind: 'number' | 'text' | 'date' | 'key' }[];
  rowCount: number;
  /** Row i's cells, in column order (numbers, text, ISO date text or null). */
  row(i: number): (number | string | null)[];
}

/**
 * Reads one dataset for the check through the column reader (not the project's tables): numbers
 * as doubles (missing or invalid → null), text as the app reads category levels (empty → null),
 * dates as ISO text, and the row position as text when the comparison is row by row.
 */
export function readCheckTable(store: ProjectStore, reader: ColumnReader, load: CheckLoad): CheckTable {
  const ds = store.getDataset(load.datasetId);
  const getters = load.columns.map((c): ((i: number) => number | string | null) => {
    if (c.kind === 'text') {
      const cat = reader.category(ds.id, c.name);
      return (i) => (cat.codes[i]! < 0 ? null : cat.labels[cat.codes[i]!]!);
    }
    const values = reader.numeric(ds.id, c.name).values;
    if (c.kind === 'date') return (i) => (Number.isFinite(values[i]!) ? isoText(values[i]!) : null);
    return (i) => (Number.isFinite(values[i]!) ? values[i]! : null);
  });
  return {
    table: load.table,
    columns: [...(load.rowKey ? [{ name: CHECK_TABLES.rowKey, kind: 'key' as const }] : []), ...load.columns],
    rowCount: ds.rowCount,
    row: (i) => [...(load.rowKey ? [String(i)] : []), ...getters.map((g) => g(i))],
  };
}

/** A private in-memory SQLite database holding the datasets a model reads. */
export async function loadCheckDatabase(store: ProjectStore, loads: readonly CheckLoad[], between: (done: number, total: number) => Promise<void>): Promise<CheckDatabase> {
  const db = new ScratchDatabase();
  try {
    const reader = new ColumnReader(store);
    for (let li = 0; li < loads.length; li++) {
      const t = readCheckTable(store, reader, loads[li]!);
      const names = t.columns.map((c) => sqlite.ident(c.name));
      const table = sqlite.ident(t.table);
      db.createTable(table, names);
      const n = t.rowCount;
      const chunk = 50_000;
      for (let start = 0; start < n; start += chunk) {
        db.insertRows(table, names.length, start, Math.min(n, start + chunk), t.row);
        await between(li * n + Math.min(n, start + chunk), loads.length * n);
      }
    }
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}
