import type { SqlTarget } from '../../../shared/contract/sql';
import { generateSql } from '../../../electron/engine/sqlgen/generate';
import { readCheckTable } from '../../../electron/engine/sqlgen/check-database';
import { resolveTarget, type ResolvedTarget } from '../../../electron/engine/sqlgen/request-builder';
import { ColumnReader } from '../../../electron/engine/store/column-reader';
import type { ProjectStore } from '../../../electron/engine/store/project-store';
import { tagsByRow } from '../../../electron/engine/segment/tags';
import type { SqlEngine } from './sql-engines';

export const AUTO = { from: 'auto', columnMap: {}, asOf: 'saved' } as const;

export interface Agreement {
  engine: string;
  compared: number;
  agree: number;
  /** First disagreements, for the failure message. */
  examples: string[];
}

/** The app's answer per key: the label, "R/F/M" for an RFM definition, or the row's sorted tags. */
function appAnswers(store: ProjectStore, t: ResolvedTarget): Map<string, string | null> {
  const reader = new ColumnReader(store);
  const ds = t.dataset;
  const out = new Map<string, string | null>();
  const keys = t.from === 'transactions' ? reader.category(ds.id, t.customerColumn!) : null;
  const keyOf = (i: number): string => (keys ? keys.labels[keys.codes[i]!]! : String(i));
  if (t.compare.kind === 'labels') {
    const labels = reader.category(ds.id, t.compare.columnKey);
    for (let i = 0; i < ds.rowCount; i++) out.set(keyOf(i), labels.codes[i]! < 0 ? null : labels.labels[labels.codes[i]!]!);
  } else if (t.compare.kind === 'rfm') {
    const [r, f, m] = ['R', 'F', 'M'].map((c) => reader.numeric(ds.id, c).values);
    for (let i = 0; i < ds.rowCount; i++) out.set(keyOf(i), `${r![i]}/${f![i]}/${m![i]!.toFixed(6)}`);
  } else {
    const tags = tagsByRow(store, ds.id, t.compare.tagSet);
    for (let i = 0; i < ds.rowCount; i++) {
      const set = tags.get(i);
      out.set(keyOf(i), set ? [...set].sort().join('|') : null);
    }
  }
  return out;
}

function sqlAnswers(t: ResolvedTarget, rows: Record<string, string | null>[]): Map<string, string | null> {
  const out = new Map<string, string | null>();
  if (t.compare.kind === 'tags') {
    const sets = new Map<string, string[]>();
    for (const r of rows) {
      const list = sets.get(r.customer_key!) ?? [];
      list.push(`${r.tag_group}\u0000${r.tag}`);
      sets.set(r.customer_key!, list);
    }
    for (const [k, list] of sets) out.set(k, [...new Set(list)].sort().join('|'));
  } else if (t.compare.kind === 'rfm') {
    for (const r of rows) out.set(r.customer_key!, `${Number(r.recency_days)}/${Number(r.frequency)}/${Number(r.monetary).toFixed(6)}`);
  } else for (const r of rows) out.set(r.customer_key!, r.segment ?? null);
  return out;
}

/** Runs the generated statement of `target` on `engine` over the project's data and compares it key by key with the app. */
export async function agreement(store: ProjectStore, target: SqlTarget, engine: SqlEngine): Promise<Agreement> {
  const t = resolveTarget(store, target, AUTO, true);
  const reader = new ColumnReader(store);
  await engine.load(t.loads.map((l) => readCheckTable(store, reader, l)));
  const rows = await engine.run(generateSql(t.request, engine.name).sql);
  const app = appAnswers(store, t);
  const sql = sqlAnswers(t, rows);
  let agree = 0;
  const examples: string[] = [];
  const keys = new Set([...app.keys(), ...(t.compare.kind === 'tags' ? [] : sql.keys())]);
  for (const k of keys) {
    const a = app.get(k) ?? null;
    const s = sql.get(k) ?? null;
    if (app.has(k) && (sql.has(k) || t.compare.kind === 'tags') && a === s) agree++;
    else if (examples.length < 5) examples.push(`${k}: app ${a} / sql ${s}`);
  }
  return { engine: engine.name, compared: keys.size, agree, examples };
}
