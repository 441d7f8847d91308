import type { SqlTarget } from '../../../shared/contract/sql';
import { generateSql } from '../../../electron/engine/sqlgen/generate';
import { readCheckTable } from '../../../electron/engine/sqlgen/check-database';
import { engineAnswers, sameAnswer, sqlAnswers } from '../../../electron/engine/sqlgen/engine-answers';
import { resolveTarget } from '../../../electron/engine/sqlgen/request-builder';
import { ColumnReader } from '../../../electron/engine/store/column-reader';
import type { ProjectStore } from '../../../electron/engine/store/project-store';
import type { SqlEngine } from './sql-engines';

export const AUTO = { from: 'auto', columnMap: {}, asOf: 'saved' } as const;

export interface Agreement {
  engine: string;
  compared: number;
  agree: number;
  /** First disagreements, for the failure message. */
  examples: string[];
}

/**
 * Runs the generated statement of `target` on `engine` over the project's data and compares it
 * key by key with the app: labels exactly, factor scores within the check's tolerance. The app's
 * side is computed by the engine's own code (label columns, tree walks, factor.save's scoring).
 */
export async function agreement(store: ProjectStore, target: SqlTarget, engine: SqlEngine): Promise<Agreement> {
  const t = resolveTarget(store, target, AUTO, true);
  const reader = new ColumnReader(store);
  await engine.load(t.loads.map((l) => readCheckTable(store, reader, l)));
  const generated = generateSql(t.request, engine.name);
  const rows = await engine.run(generated.sql);
  const app = engineAnswers(store, t, reader);
  const sql = sqlAnswers(t, rows, generated.outputs, app.keys());
  let agree = 0;
  const examples: string[] = [];
  const keys = new Set([...app.keys(), ...sql.keys()]);
  for (const k of keys) {
    const a = app.get(k) ?? null;
    const s = sql.get(k) ?? null;
    if (app.has(k) && sql.has(k) && sameAnswer(t, a, s)) agree++;
    else if (examples.length < 5) examples.push(`${k}: app ${a} / sql ${s}`);
  }
  return { engine: engine.name, compared: keys.size, agree, examples };
}
