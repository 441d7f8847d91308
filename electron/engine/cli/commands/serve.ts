import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KequnError } from '../../../../shared/contract/errors';
import { ensureDemoProject } from '../../demo/demo-project';
import { startBrowserHost } from '../../host/ws-host';
import type { CliCommand } from '../command';

/** The built renderer sits next to the built engine: dist/engine → dist/renderer. */
export function defaultStaticDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, '..', 'renderer'), join(here, '..', '..', '..', 'dist', 'renderer')]) {
    if (existsSync(join(candidate, 'index.html'))) return candidate;
  }
  return join(here, '..', 'renderer');
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: { zh: '浏览器模式：在 127.0.0.1 上提供界面与引擎', en: 'Browser mode: serve the UI and engine on 127.0.0.1' },
  usage: 'kequn serve [--project P] [--port N] [--host 127.0.0.1] [--static DIR] [--json]',
  options: { port: { type: 'string' }, host: { type: 'string' }, static: { type: 'string' } },
  longRunning: true,
  async run(ctx) {
    const staticDir = typeof ctx.values.static === 'string' ? resolve(ctx.values.static) : defaultStaticDir();
    if (!existsSync(join(staticDir, 'index.html'))) {
      throw new KequnError('FILE_NOT_FOUND', `The UI is not built (${staticDir}); run npm run build:renderer`, {
        zh: `界面尚未构建（${staticDir}），请先运行 npm run build:renderer`,
      });
    }
    if (typeof ctx.values.project === 'string') await ctx.openProject({ create: true });
    else ctx.engine().openProject(await ensureDemoProject(ctx.engine().dataDir));
    const port = typeof ctx.values.port === 'string' ? Number(ctx.values.port) : 0;
    const host = typeof ctx.values.host === 'string' ? ctx.values.host : '127.0.0.1';
    const started = await startBrowserHost({ engine: ctx.engine(), staticDir, port, host });
    const project = ctx.engine().currentProject?.path ?? null;
    return { url: started.url, port: started.port, project };
  },
  human(result, lang) {
    const r = result as { url: string; project: string | null };
    return lang === 'zh'
      ? `客群浏览器模式已启动：\n  ${r.url}\n项目：${r.project ?? '（无）'}\n按 Ctrl+C 停止。`
      : `Kequn browser mode is running:\n  ${r.url}\nProject: ${r.project ?? '(none)'}\nPress Ctrl+C to stop.`;
  },
};
