import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { rpcProtocols, tokenFromFragment } from '../../shared/rpc/browser-credentials';
import { CHROMIUM_SKIP_MESSAGE, hasChromium, startApp, type RunningApp } from './harness';
import { AppPage } from './pages/app-page';

if (!hasChromium) console.warn(CHROMIUM_SKIP_MESSAGE);

describe.skipIf(!hasChromium)('npm run serve (scripts/serve.mjs)', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp({ viaServeScript: true, name: 'serve-script' });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('prints a 127.0.0.1 URL with the token in its fragment, whose page shows the demo project', async () => {
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{20,}$/);
    const ui = new AppPage(app.page);
    await ui.waitReady();
    expect(await ui.datasetNames()).toEqual(expect.arrayContaining(['客户信息', '订单明细']));
  });

  it('serves the page without the token, but the engine socket only with it', async () => {
    const bare = app.url.replace(/#token=.*$/, '');
    const page = await fetch(bare);
    expect(page.status).toBe(200);
    const token = tokenFromFragment(new URL(app.url).hash)!;
    expect(await page.text()).not.toContain(token);
    const socket = (protocols: string[]): Promise<number | 'open'> =>
      new Promise((ok) => {
        const ws = new WebSocket(bare.replace(/^http/, 'ws') + 'rpc', protocols, { origin: new URL(bare).origin });
        ws.on('error', () => undefined);
        ws.once('open', () => {
          ok('open');
          ws.close();
        });
        ws.once('unexpected-response', (_req, res) => {
          ok(res.statusCode ?? 0);
          ws.terminate();
        });
      });
    expect(await socket([])).toBe(403);
    expect(await socket(rpcProtocols(token))).toBe('open');
  });
});
