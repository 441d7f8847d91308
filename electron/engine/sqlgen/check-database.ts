import Database from 'better-sqlite3';
import { ColumnReader } from '../store/column-reader';
import type { ProjectStore } from '../store/project-store';
import { sqlite } from './dialect';
import { CHECK_TABLES, type CheckLoad } from './request-builder';

/** Epoch ms of a wall-clock time → 'yyyy-mm-dd hh:mm:ss[.sss]', the text SQLite's date functions read. */
export function isoText(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? iso.slice(0, 19).replace('T', ' ') : iso.slice(0, 23).replace('T', ' ');
}

export interface CheckDatabase {
  db: Database.Database;
  close(): void;
}

/**
 * A private in-memory SQLite database holding the datasets a model reads, loaded through the
 * column reader (not the project's tables): numbers as REAL (missing or invalid → NULL), text as
 * the app reads category levels (empty → NULL), dates as ISO text.
 */
export async function loadCheckDatabase(store: ProjectStore, loads: readonly CheckLoad[], between: (done: number, total: number) => Promise<void>): Promise<CheckDatabase> {
  const db = new Database(':memory:');
  try {
    const reader = new ColumnReader(store);
    for (let li = 0; li < loads.length; li++) {
      const load = loads[li]!;
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
      const names = [...(load.rowKey ? [CHECK_TABLES.rowKey] : []), ...load.columns.map((c) => c.name)];
      db.exec(`CREATE TABLE ${sqlite.ident(load.table)} (${names.map((n) => sqlite.ident(n)).join(', ')})`);
      const insert = db.prepare(`INSERT INTO ${sqlite.ident(load.table)} VALUES (${names.map(() => '?').join(', ')})`);
      const n = ds.rowCount;
      const chunk = 50_000;
      for (let start = 0; start < n; start += chunk) {
        db.transaction(() => {
          for (let i = start; i < Math.min(n, start + chunk); i++) {
            const row = getters.map((g) => g(i));
            if (load.rowKey) insert.run(String(i), ...row);
            else insert.run(...row);
          }
        })();
        await between(li * n + Math.min(n, start + chunk), loads.length * n);
      }
    }
  } catch (e) {
    db.close();
    throw e;
  }
  return { db, close: () => db.close() };
}
