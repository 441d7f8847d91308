import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_VERSION } from '../../shared/version';
import { CHROMIUM_SKIP_MESSAGE, hasChromium, startApp, type RunningApp } from './harness';
import { AppPage } from './pages/app-page';

if (!hasChromium) console.warn(CHROMIUM_SKIP_MESSAGE);

describe.skipIf(!hasChromium)('app shell in Chromium (browser mode, demo project)', () => {
  let app: RunningApp;
  let ui: AppPage;

  beforeAll(async () => {
    app = await startApp({ name: 'shell' });
    ui = new AppPage(app.page);
    await ui.waitReady();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('opens in Chinese with the demo project: customers, orders and their RFM', async () => {
    await expect.poll(() => app.page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await ui.byTestId('app-name').innerText()).toContain('客群');
    await expect.poll(() => ui.engineState.innerText()).toBe('已连接');
    const names = await ui.datasetNames();
    expect(names).toEqual(expect.arrayContaining(['客户信息', '订单明细']));
    expect(names).toHaveLength(3);
    expect(names[2]).toBe('RFM-订单明细');
    const customers = ui.datasetItem('客户信息');
    expect(await customers.locator('[data-testid="dataset-meta"]').innerText()).toContain('3,000 行');
    expect(await ui.projectName.innerText()).toContain('示例');
  });

  it('opens the first dataset on start in its default view', async () => {
    await expect.poll(() => ui.tabs.count()).toBe(1);
    expect(await ui.tabs.first().innerText()).toContain('客户信息');
    // 'grid' once the grid feature is registered, else the built-in overview.
    expect(['grid', 'dataset-overview']).toContain(await ui.activeViewId());
    expect(await ui.statusRows.innerText()).toBe('行数：3,000');
  });

  it('shows the dataset columns in the overview, opened from the dataset menu', async () => {
    await ui.openDatasetView('客户信息', 'dataset-overview');
    expect(await ui.activeViewId()).toBe('dataset-overview');
    const columns = await ui.overviewColumnNames();
    expect(columns).toEqual(expect.arrayContaining(['客户编号', '地区']));
    expect(await ui.activePanel.locator('[data-testid="overview-summary"]').innerText()).toContain('3,000 行');
  });

  it('opens another dataset in its own tab, focuses open tabs instead of duplicating, and closes tabs', async () => {
    const before = await ui.tabs.count();
    await ui.openDataset('订单明细');
    await expect.poll(() => ui.tabs.count()).toBe(before + 1);
    const orderRows = await ui.statusRows.innerText();
    expect(orderRows).toMatch(/^行数：[\d,]+$/);
    expect(orderRows).not.toBe('行数：3,000');
    await ui.openDatasetView('订单明细', 'dataset-overview');
    const orderColumns = await ui.overviewColumnNames();
    expect(orderColumns.length).toBeGreaterThan(3);
    expect(orderColumns).not.toContain('客户名称');
    const open = await ui.tabs.count();
    // Clicking an open dataset again focuses its tab.
    await ui.openDataset('客户信息');
    expect(await ui.tabs.count()).toBe(open);
    expect(await ui.statusRows.innerText()).toBe('行数：3,000');
    // Ctrl+PageDown / Ctrl+PageUp move between tabs like sheets.
    const activeTab = (): Promise<string | null> => ui.page.locator('[data-testid="tab"][aria-selected="true"]').getAttribute('data-tab-id');
    const start = await activeTab();
    await app.page.keyboard.press('Control+PageDown');
    await expect.poll(activeTab).not.toBe(start);
    await app.page.keyboard.press('Control+PageUp');
    await expect.poll(activeTab).toBe(start);
    // Close everything of 订单明细 again: back to the 客户信息 tabs only.
    while ((await ui.tabs.filter({ hasText: '订单明细' }).count()) > 0) {
      await ui.tabs.filter({ hasText: '订单明细' }).first().locator('[data-testid="tab-close"]').click();
    }
    expect(await ui.tabs.count()).toBe(before);
    for (const title of await ui.tabs.allInnerTexts()) expect(title).toContain('客户信息');
    // Right-click a tab: 关闭其他标签页 keeps only that one.
    await ui.openDatasetView('客户信息', 'dataset-overview');
    await ui.openDataset('订单明细');
    expect(await ui.tabs.count()).toBeGreaterThanOrEqual(2);
    await ui.tabs.filter({ hasText: '订单明细' }).click({ button: 'right' });
    await ui.page.locator('[data-testid="tab-menu"] [data-item-id="close-others"]').click();
    await expect.poll(() => ui.tabs.allInnerTexts()).toEqual([expect.stringContaining('订单明细')]);
    await ui.openDataset('客户信息');
  });

  it('switches every shell text to English and keeps it after a reload', async () => {
    await ui.switchLanguage('en');
    await expect.poll(() => app.page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await ui.engineState.innerText()).toBe('Connected');
    expect(await ui.byTestId('open-demo').innerText()).toBe('Open demo project');
    expect(await ui.datasetItem('客户信息').locator('[data-testid="dataset-meta"]').innerText()).toContain('3,000 rows');
    expect(await ui.statusRows.innerText()).toBe('Rows: 3,000');
    await ui.openDatasetView('客户信息', 'dataset-overview');
    expect(await ui.byTestId('dataset-menu').count()).toBe(0);
    const header = await ui.activePanel.locator('thead').innerText();
    expect(header).toContain('Original header');
    expect(header).not.toMatch(/[\u4e00-\u9fff]/);
    // Reload without the token in the URL: the tab kept it (sessionStorage, this origin only),
    // and the project's tabs come back as they were.
    const tabsBefore = await ui.tabs.allInnerTexts();
    const activeBefore = await ui.activeViewId();
    await app.page.goto(app.url.replace(/#token=.*$/, ''));
    await ui.waitReady();
    expect(await ui.engineState.innerText()).toBe('Connected');
    await expect.poll(() => ui.tabs.allInnerTexts()).toEqual(tabsBefore);
    expect(await ui.activeViewId()).toBe(activeBefore);
    // Restored tabs mount their view only when first shown.
    const hiddenPanels = ui.page.locator('[data-testid="tab-panel"][hidden]');
    expect(await hiddenPanels.count()).toBe(tabsBefore.length - 1);
    expect(await hiddenPanels.evaluateAll((els) => els.map((e) => e.childElementCount))).toEqual(tabsBefore.slice(1).map(() => 0));
    await ui.tabs.first().locator('button').first().click();
    await expect.poll(() => ui.activePanel.evaluate((e) => e.childElementCount)).toBe(1);
  });

  it('shows a coded error in the chosen language for a missing project path', async () => {
    const missing = join(app.home, 'no-such-folder', 'missing.kequn');
    await ui.openProjectByPath(missing);
    const banner = ui.errorBanner.first();
    await banner.waitFor();
    const code = await banner.getAttribute('data-code');
    expect(code).toMatch(/^(PROJECT_OPEN_FAILED|FILE_NOT_FOUND)$/);
    const message = await banner.locator('[data-testid="error-message"]').innerText();
    expect(message).not.toMatch(/[\u4e00-\u9fff]/);
    expect(await banner.locator('[data-testid="error-code"]').innerText()).toBe(`Error code: ${code}`);
    // The error's details (here the resolved path) open on request.
    const details = banner.locator('[data-testid="error-details"]');
    await details.locator('summary').click();
    expect(await details.innerText()).toContain(missing);
    // Nothing changed: the demo project is still open behind the dialog.
    expect(await ui.datasetNames()).toHaveLength(3);
    // Closing the dialog clears the error; the same attempt in Chinese shows the Chinese text.
    await app.page.keyboard.press('Escape');
    await ui.byTestId('project-dialog').waitFor({ state: 'detached' });
    await ui.switchLanguage('zh');
    await ui.openProjectByPath(missing);
    const zhBanner = ui.errorBanner.first();
    await expect.poll(() => zhBanner.locator('[data-testid="error-code"]').innerText()).toBe(`错误代码：${code}`);
    expect(await zhBanner.locator('[data-testid="error-message"]').innerText()).toMatch(/[\u4e00-\u9fff]/);
    await app.page.keyboard.press('Escape');
    await ui.byTestId('project-dialog').waitFor({ state: 'detached' });
    expect(await ui.projectName.innerText()).toContain('示例');
  });

  it('walks the dataset list with the arrow keys and opens with Enter', async () => {
    await ui.datasetItem('客户信息').focus();
    await app.page.keyboard.press('ArrowDown');
    expect(await app.page.evaluate(() => document.activeElement?.getAttribute('data-dataset-name'))).toBe('订单明细');
    await app.page.keyboard.press('Enter');
    await expect.poll(() => ui.statusRows.innerText()).toMatch(/^行数：[\d,]+$/);
    expect(await ui.statusRows.innerText()).not.toBe('行数：3,000');
    await app.page.keyboard.press('ArrowUp');
    await app.page.keyboard.press('Enter');
    await expect.poll(() => ui.statusRows.innerText()).toBe('行数：3,000');
  });

  it('shows versions and the project file in 关于', async () => {
    await ui.byTestId('about-open').click();
    const dialog = ui.byTestId('about-dialog');
    await dialog.locator('[data-testid="about-value"]').first().waitFor();
    const values = await dialog.locator('[data-testid="about-value"]').allInnerTexts();
    expect(values[0]).toBe(APP_VERSION);
    expect(values[1]).toMatch(/^v22\./);
    expect(values[2]).toMatch(/^3\.\d+/);
    expect(values[4]).toMatch(/demo\.kequn$/);
    await app.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('lets the dataset panel be widened with the splitter, and remembers it', async () => {
    const list = ui.byTestId('dataset-list');
    const widthOf = (): Promise<number> => list.evaluate((el) => Math.round(el.getBoundingClientRect().width));
    const before = await widthOf();
    const box = await ui.byTestId('sidebar-splitter').boundingBox();
    if (!box) throw new Error('splitter not visible');
    await app.page.mouse.move(box.x + box.width / 2, box.y + 200);
    await app.page.mouse.down();
    await app.page.mouse.move(box.x + box.width / 2 + 100, box.y + 200, { steps: 5 });
    await app.page.mouse.up();
    expect(await widthOf()).toBe(before + 100);
    await app.page.reload();
    await ui.waitReady();
    expect(await widthOf()).toBe(before + 100);
    await ui.byTestId('sidebar-splitter').dblclick();
    expect(await widthOf()).toBe(before);
  });

  it('logged no errors in the browser console', async () => {
    expect(app.consoleErrors()).toEqual([]);
  });

  it('shows 重新连接中… in the status bar when the engine goes away', async () => {
    await expect.poll(() => ui.engineState.getAttribute('data-state')).toBe('connected');
    await ui.openDatasetView('客户信息', 'dataset-overview');
    expect(await ui.overviewColumnNames()).toContain('客户编号');
    await app.stopEngine();
    await expect.poll(() => ui.engineState.innerText(), { timeout: 10_000 }).toBe('重新连接中…');
    expect(await ui.engineState.getAttribute('data-state')).toBe('reconnecting');
    // What was on screen stays readable while the engine is away (its last words were a
    // project.changed event, so views were re-querying when the socket closed).
    expect(await ui.datasetNames()).toHaveLength(3);
    expect(await ui.activeViewId()).toBe('dataset-overview');
    expect(await ui.overviewColumnNames()).toContain('客户编号');
    expect(await ui.page.locator('[data-view-id="dataset-overview"] [data-testid="error-banner"]').count()).toBe(0);
    expect(await ui.errorBanner.count()).toBe(0);
  });
});
