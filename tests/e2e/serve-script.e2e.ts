import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('prints a 127.0.0.1 URL with a token whose page shows the demo project', async () => {
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
    const ui = new AppPage(app.page);
    await ui.waitReady();
    expect(await ui.datasetNames()).toEqual(expect.arrayContaining(['客户信息', '订单明细']));
  });

  it('refuses the same URL without its token', async () => {
    const bare = app.url.replace(/\?token=.*$/, '');
    expect((await fetch(bare)).status).toBe(403);
    expect((await fetch(app.url)).status).toBe(200);
  });
});
