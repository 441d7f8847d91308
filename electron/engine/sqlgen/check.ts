import type { SqlCheckMismatch, SqlCheckResult, SqlSourceSettings, SqlTarget } from '../../../shared/contract/sql';
import type { EngineContext } from '../host/context';
import { ColumnReader } from '../store/column-reader';
import type { ProjectStore } from '../store/project-store';
import { loadCheckDatabase } from './check-database';
import { engineAnswers, sameAnswer, SCORE_TOLERANCE, sqlAnswers } from './engine-answers';
import { generateSql } from './generate';
import { resolveTarget } from './request-builder';

const MAX_MISMATCHES = 20;

export type CheckContext = Pick<EngineContext, 'progress' | 'checkpoint'>;

/**
 * `--check`: runs the generated SQLite statement on the project's own data (loaded into a
 * private in-memory database) and compares its answers with the app's, key by key.
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
  const engine = engineAnswers(store, t, new ColumnReader(store));
  const sql = sqlAnswers(t, rows, generated.outputs, engine.keys());
  let agree = 0;
  let engineOnly = 0;
  let sqlOnly = 0;
  const mismatches: SqlCheckMismatch[] = [];
  for (const [key, label] of engine) {
    if (!sql.has(key)) {
      engineOnly++;
      if (mismatches.length < MAX_MISMATCHES) mismatches.push({ key, engine: label, sql: null });
    } else if (sameAnswer(t, label, sql.get(key) ?? null)) agree++;
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
    tolerance: t.compare.kind === 'scores' ? SCORE_TOLERANCE : null,
    from: t.from,
    sql: generated.sql,
    milliseconds: Math.round(performance.now() - started),
  };
}
