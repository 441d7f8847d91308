import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KequnError } from '../../../../shared/contract/errors';
import { ensureDemoProject } from '../../demo/demo-project';
import { startBrowserHost } from '../../host/ws-host';
import type { CliCommand } from '../command';
import { arg } from '../options';

/** The built renderer sits next to the built engine: dist/engine → dist/renderer. */
export function defaultStaticDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, '..', 'renderer'), join(here, '..', '..', '..', 'dist', 'renderer')]) {
    if (existsSync(join(candidate, 'index.html'))) return candidate;
  }
  return join(here, '..', 'renderer');
}

/** --port: a whole number 0–65535 (0 or absent = any free port). */
function parsePort(raw: unknown): number {
  if (raw === undefined) return 0;
  const port = typeof raw === 'string' && /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(port) || port > 65_535) {
    throw new KequnError('USAGE', `--port must be a whole number from 0 to 65535, not "${String(raw)}"`, { zh: `--port 必须是 0 到 65535 之间的整数，而不是“${String(raw)}”`, details: { port: String(raw) } });
  }
  return port;
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: {
    zh: '浏览器模式：在 127.0.0.1 上提供界面与引擎；访问令牌在地址的 # 之后，只留在浏览器中',
    en: 'Browser mode: serve the UI and engine on 127.0.0.1; the access token follows # in the address and stays in the browser',
  },
  usage: 'kequn serve [--project P] [--port N] [--host 127.0.0.1] [--static DIR] [--json]',
  options: {
    port: arg('N', '端口（默认自动选择空闲端口）', 'port (default: a free one)'),
    host: arg('ADDR', '监听地址', 'address to listen on', { default: '127.0.0.1' }),
    static: arg('DIR', '界面文件所在文件夹（默认为构建好的界面）', 'folder of the UI files (default: the built UI)'),
  },
  longRunning: true,
  async run(ctx) {
    const port = parsePort(ctx.values.port);
    const staticDir = typeof ctx.values.static === 'string' ? resolve(ctx.values.static) : defaultStaticDir();
    if (!existsSync(join(staticDir, 'index.html'))) {
      throw new KequnError('FILE_NOT_FOUND', `The UI is not built (${staticDir}); run npm run build:renderer`, {
        zh: `界面尚未构建（${staticDir}），请先运行 npm run build:renderer`,
      });
    }
    if (typeof ctx.values.project === 'string') await ctx.openProject({ create: true });
    else await ctx.engine().openProject(await ensureDemoProject(ctx.engine().dataDir));
    const host = typeof ctx.values.host === 'string' ? ctx.values.host : '127.0.0.1';
    let started: Awaited<ReturnType<typeof startBrowserHost>>;
    try {
      started = await startBrowserHost({ engine: ctx.engine(), staticDir, port, host });
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'EADDRINUSE') throw new KequnError('PORT_IN_USE', `Port ${port} is already in use; choose another with --port or leave it out`, { zh: `端口 ${port} 已被占用，请用 --port 换一个或省略该参数`, details: { port } });
      if (code === 'EACCES') throw new KequnError('USAGE', `Port ${port} needs administrator rights; choose one above 1024`, { zh: `端口 ${port} 需要管理员权限，请选择 1024 以上的端口`, details: { port } });
      throw e;
    }
    const project = ctx.engine().currentProject?.path ?? null;
    return { url: started.url, port: started.port, project };
  },
  human(result, lang) {
    const r = result as { url: string; project: string | null };
    return lang === 'zh'
      ? `客群浏览器模式已启动，请在浏览器中打开（# 之后是访问令牌，不会发送给任何服务器，请勿分享）：\n  ${r.url}\n项目：${r.project ?? '（无）'}\n按 Ctrl+C 停止。`
      : `Kequn browser mode is running; open this address (after # is the access token: it is never sent to a server, do not share it):\n  ${r.url}\nProject: ${r.project ?? '(none)'}\nPress Ctrl+C to stop.`;
  },
};
