import { setTimeout as sleep } from 'node:timers/promises';
import { APP_VERSION } from '../../../shared/version';
import { ensureDemoProject } from '../demo/demo-project';
import { sqliteVersion } from '../store/sqlite-version';
import type { EngineHandlers } from './context';


export const engineHandlers = {
  'engine.info': (_p, ctx) => ({
    appVersion: APP_VERSION,
    nodeVersion: process.version,
    sqliteVersion: sqliteVersion(),
    platform: `${process.platform}-${process.arch}`,
    project: ctx.maybeStore()?.info() ?? null,
  }),
  'engine.selfTest': async (p, ctx) => {
    for (let i = 0; i < p.steps; i++) {
      ctx.progress(i, p.steps, 'selfTest');
      await sleep(p.stepMs);
      await ctx.checkpoint();
    }
    ctx.progress(p.steps, p.steps, 'selfTest');
    return { completed: p.steps };
  },
  'project.openDemo': async (_p, ctx) => {
    ctx.progress(0, 1, 'demo');
    const path = await ensureDemoProject(ctx.dataDir, (done, total, step) => ctx.progress(done, total, 'demo', { name: step }));
    ctx.progress(1, 1, 'demo');
    return (await ctx.openProject(path)).info();
  },
} satisfies Pick<EngineHandlers, 'engine.info' | 'engine.selfTest' | 'project.openDemo'>;
