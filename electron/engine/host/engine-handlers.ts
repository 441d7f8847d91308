import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { APP_VERSION } from '../../../shared/version';
import { ensureDemoProject } from '../demo/demo-project';
import type { EngineHandlers } from './context';

let sqliteVersion: string | null = null;
function getSqliteVersion(): string {
  if (sqliteVersion === null) {
    const db = new Database(':memory:');
    sqliteVersion = String(db.prepare('SELECT sqlite_version()').pluck().get());
    db.close();
  }
  return sqliteVersion;
}

export const engineHandlers = {
  'engine.info': (_p, ctx) => ({
    appVersion: APP_VERSION,
    nodeVersion: process.version,
    sqliteVersion: getSqliteVersion(),
    platform: `${process.platform}-${process.arch}`,
    project: ctx.maybeStore()?.info() ?? null,
  }),
  'engine.selfTest': async (p, ctx) => {
    for (let i = 0; i < p.steps; i++) {
      ctx.progress(i, p.steps, 'self-test');
      await sleep(p.stepMs);
      await ctx.checkpoint();
    }
    ctx.progress(p.steps, p.steps, 'self-test');
    return { completed: p.steps };
  },
  'project.openDemo': async (_p, ctx) => {
    ctx.progress(0, 1, 'demo');
    const path = await ensureDemoProject(ctx.dataDir, (done, total, label) => ctx.progress(done, total, label));
    ctx.progress(1, 1, 'demo');
    return ctx.openProject(path).info();
  },
} satisfies Pick<EngineHandlers, 'engine.info' | 'engine.selfTest' | 'project.openDemo'>;
