import type { SqlCheckMismatch, SqlCheckResult, SqlSourceSettings, SqlTarget } from '../../../shared/contract/sql';
import type { EngineContext } from '../host/context';
import { tagsByRow } from '../segment/tags';
import { ColumnReader } from '../store/column-reader';
import type { ProjectStore } from '../store/project-store';
import { loadCheckDatabase } from './check-database';
import { generateSql } from './generate';
import { KEY } from './sql-parts';
import { resolveTarget, type ResolvedTarget } from './request-builder';

const MAX_MISMATCHES = 20;

export type CheckContext = Pick<EngineContext, 'progress' | 'checkpoint'>;

/** Label per key in the app's result: the segment, the RFM values, or the row's tags. */
function engineSide(store: ProjectStore, t: ResolvedTarget, reader: ColumnReader): Map<string, string | null> {
  const ds = t.dataset;
  const out = new Map<string, string | null>();
  const keyOf: (i: number) => string =
    t.from === 'transactions'
      ? (() => {
          const cat = reader.category(ds.id, t.customerColumn!);
          return (i: number) => (cat.codes[i]! < 0 ? '' : cat.labels[cat.codes[i]!]!.trim());
        })()
      : (i: number) => String(i);
  if (t.compare.kind === 'labels') {
    const cat = reader.category(ds.id, t.compare.columnKey);
    for (let i = 0; i < ds.rowCount; i++) out.set(keyOf(i), cat.codes[i]! < 0 ? null : cat.labels[cat.codes[i]!]!);
  } else if (t.compare.kind === 'rfm') {
    const [r, f, m] = ['R', 'F', 'M'].map((c) => reader.numeric(ds.id, c).values);
    for (let i = 0; i < ds.rowCount; i++) out.set(keyOf(i), rfmText(r![i]!, f![i]!, m![i]!));
  } else {
    const tags = tagsByRow(store, ds.id, t.compare.tagSet);
    for (let i = 0; i < ds.rowCount; i++) out.set(keyOf(i), tagText(tags.get(i)));
  }
  return out;
}

function rfmText(r: number, f: number, m: number): string {
  return `R=${r} F=${f} M=${Number.isFinite(m) ? m.toFixed(6) : 'NaN'}`;
}

function tagText(tags: Set<string> | undefined): string | null {
  return tags && tags.size > 0 ? [...tags].sort().join(' | ').replace(/\u0000/g, ':') : null;
}

/**
 * `--check`: runs the generated SQLite statement on the project's own data (loaded into a
 * private in-memory database) and compares its labels with the app's, key by key.
 */
export async function checkSql(store: ProjectStore, target: SqlTarget, options: SqlSourceSettings, ctx: CheckContext): Promise<SqlCheckResult> {
  const started = performance.now();
  const t = resolveTarget(store, target, options, true);
  const generated = generateSql(t.request, 'sqlite');
  ctx.progress(0, 3, 'read');
  const check = await loadCheckDatabase(store, t.loads, async (done, total) => {
    ctx.progress(done, total, 'read');
    await ctx.checkpoint();
  });
  let rows: Record<string, unknown>[];
  try {
    ctx.progress(1, 3, 'sqlRun');
    await ctx.checkpoint();
    rows = check.all(generated.sql);
  } finally {
    check.close();
  }
  ctx.progress(2, 3, 'compare');
  await ctx.checkpoint();
  const engine = engineSide(store, t, new ColumnReader(store));
  const sql = new Map<string, string | null>();
  if (t.compare.kind === 'tags') {
    const byRow = new Map<string, Set<string>>();
    for (const row of rows) {
      const key = String(row[KEY]);
      let set = byRow.get(key);
      if (!set) byRow.set(key, (set = new Set()));
      set.add(`${String(row.tag_group)}\u0000${String(row.tag)}`);
    }
    for (const key of engine.keys()) sql.set(key, tagText(byRow.get(key)));
  } else {
    for (const row of rows) {
      const key = String(row[KEY]);
      const value = t.compare.kind === 'rfm' ? rfmText(Number(row.recency_days), Number(row.frequency), Number(row.monetary)) : row.segment === null ? null : String(row.segment);
      sql.set(key, value);
    }
  }
  let agree = 0;
  let engineOnly = 0;
  let sqlOnly = 0;
  const mismatches: SqlCheckMismatch[] = [];
  for (const [key, label] of engine) {
    if (!sql.has(key)) {
      engineOnly++;
      if (mismatches.length < MAX_MISMATCHES) mismatches.push({ key, engine: label, sql: null });
    } else if (sql.get(key) === label) agree++;
    else if (mismatches.length < MAX_MISMATCHES) mismatches.push({ key, engine: label, sql: sql.get(key) ?? null });
  }
  for (const [key, label] of sql) {
    if (!engine.has(key)) {
      sqlOnly++;
      if (mismatches.length < MAX_MISMATCHES) mismatches.push({ key, engine: null, sql: label });
    }
  }
  ctx.progress(3, 3, 'compare');
  return {
    compared: engine.size + sqlOnly,
    agree,
    engineOnly,
    sqlOnly,
    mismatches,
    unit: t.compare.kind === 'tags' ? 'rows' : t.from === 'transactions' ? 'customers' : 'rows',
    from: t.from,
    sql: generated.sql,
    milliseconds: Math.round(performance.now() - started),
  };
}
