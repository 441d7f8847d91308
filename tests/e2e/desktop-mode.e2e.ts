import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MenuCommand, MenuCommandType } from '../../shared/desktop-bridge';
import { menuCommandSamples, type MenuCommandOf } from '../helpers/menu-commands';
import { DESKTOP_PRELOAD_STUB } from './desktop-preload-stub';
import { CHROMIUM_SKIP_MESSAGE, hasChromium, startApp, type RunningApp } from './harness';
import { AppPage } from './pages/app-page';

if (!hasChromium) console.warn(CHROMIUM_SKIP_MESSAGE);

interface TestHooks {
  language: string | null;
  dialogPath: string | null;
  ports: number;
}

describe.skipIf(!hasChromium)('desktop mode: engine over a MessagePort handed over by the preload', () => {
  let app: RunningApp;
  let ui: AppPage;
  const hooks = (): Promise<TestHooks> =>
    app.page.evaluate(() => {
      const t = (window as unknown as { __kequnTest: TestHooks }).__kequnTest;
      return { language: t.language, dialogPath: t.dialogPath, ports: t.ports };
    });
  const menu = (command: MenuCommand): Promise<void> =>
    app.page.evaluate((c) => (window as unknown as { __kequnTest: { menu(c: unknown): void } }).__kequnTest.menu(c), command);

  beforeAll(async () => {
    app = await startApp({ initScript: DESKTOP_PRELOAD_STUB, name: 'desktop-mode' });
    ui = new AppPage(app.page);
    await ui.waitReady();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('asks for the port once and lists the demo datasets through it', async () => {
    expect((await hooks()).ports).toBe(1);
    expect(await ui.datasetNames()).toEqual(['客户信息', '订单明细', 'RFM-订单明细']);
    expect(await ui.engineState.innerText()).toBe('已连接');
  });

  it('tells the shell the UI language and follows the menu language', async () => {
    await expect.poll(async () => (await hooks()).language).toBe('zh-CN');
    await ui.switchLanguage('en');
    await expect.poll(async () => (await hooks()).language).toBe('en');
    await menu({ type: 'setLanguage', language: 'zh-CN' });
    await expect.poll(() => ui.engineState.innerText()).toBe('已连接');
    expect(await app.page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  });

  it('shows 重新连接中… while main restarts the engine and re-attaches to the new port', async () => {
    await menu({ type: 'engineState', state: 'restarting' });
    await expect.poll(() => ui.engineState.innerText()).toBe('重新连接中…');
    await app.page.evaluate(() => (window as unknown as { __kequnTest: { restart(): void } }).__kequnTest.restart());
    await expect.poll(() => ui.engineState.innerText()).toBe('已连接');
    expect((await hooks()).ports).toBe(2);
    // The new port carries calls: opening another dataset still works.
    await ui.openDataset('订单明细');
    await expect.poll(() => ui.statusRows.innerText()).toMatch(/^行数：[\d,]+$/);
  });

  it('shows a coded error in Chinese when the menu opens a missing project', async () => {
    await menu({ type: 'openProject', path: join(app.home, 'missing', 'gone.kequn') });
    const banner = ui.errorBanner.first();
    await banner.waitFor();
    expect(await banner.getAttribute('data-code')).toBe('FILE_NOT_FOUND');
    expect(await banner.locator('[data-testid="error-code"]').innerText()).toBe('错误代码：FILE_NOT_FOUND');
    expect(await ui.datasetNames()).toHaveLength(3);
    await banner.locator('button').click();
    expect(await ui.errorBanner.count()).toBe(0);
  });

  it('opens the report view from the menu (导出报告, Ctrl+E)', async () => {
    const before = await ui.tabs.count();
    await menu({ type: 'exportReport' });
    await expect.poll(() => ui.activeViewId()).toBe('report');
    // The demo comes with its RFM-8 segmentation: the view offers it for the report.
    const picker = ui.activePanel.locator('select[data-testid="report-segmentation"]');
    await expect.poll(async () => picker.locator('option:checked').innerText()).toBe('RFM八类客户');
    await ui.closeActiveTab();
    await expect.poll(() => ui.tabs.count()).toBe(before);
  });

  it('after an export, shows the written file in its folder instead of a download link', async () => {
    const before = await ui.tabs.count();
    await ui.openDatasetView('客户信息', 'grid');
    const panel = ui.activePanel;
    await panel.locator('[data-testid="grid"][data-ready="true"]').waitFor();
    await panel.locator('[data-testid="grid-export"]').click();
    const dialog = app.page.locator('[data-testid="export-dialog"]');
    await dialog.locator('[data-testid="export-format"]').selectOption('csv');
    // Desktop: the engine writes only where the native Save dialog said; the stub's dialog answers this.
    const chosen = join(app.home, '客户信息.csv');
    await app.page.evaluate((p) => {
      (window as unknown as { __kequnTest: { savePath: string } }).__kequnTest.savePath = p;
    }, chosen);
    await dialog.locator('[data-testid="export-start"]').click();
    const written = dialog.locator('[data-testid="written-file"]');
    await written.waitFor({ timeout: 30_000 });
    expect(await dialog.locator('[data-testid="written-download"]').count()).toBe(0);
    await dialog.locator('[data-testid="written-show"]').click();
    const path = await written.getAttribute('data-path');
    expect(path).toBe(chosen);
    expect(await dialog.locator('[data-testid="export-path"]').inputValue()).toBe(chosen);
    await expect.poll(() => app.page.evaluate(() => (window as unknown as { __kequnTest: { shown: string | null } }).__kequnTest.shown)).toBe(path);
    await dialog.locator('[data-testid="export-close"]').click();
    while ((await ui.tabs.count()) > before) await ui.closeActiveTab();
    // Leave 订单明细 active, as the earlier tests did.
    await ui.openDataset('订单明细');
  });

  it('creates a new project through the native dialog and shows it empty', async () => {
    const path = join(app.home, 'new-project.kequn');
    await app.page.evaluate((p) => {
      (window as unknown as { __kequnTest: { dialogPath: string } }).__kequnTest.dialogPath = p;
    }, path);
    await ui.byTestId('create-project').click();
    await expect.poll(() => ui.projectName.innerText()).toContain('new-project');
    await expect.poll(() => ui.datasetItems.count()).toBe(0);
    expect(await ui.tabs.count()).toBe(0);
    await ui.byTestId('tabs-empty').waitFor();
    // No path dialog in desktop mode: the native one answered.
    expect(await ui.byTestId('project-dialog').count()).toBe(0);
    // Back to the demo: the tabs it had (客户信息, then 订单明细 opened above) come back.
    await ui.byTestId('open-demo').click();
    await ui.datasetItems.first().waitFor();
    await expect.poll(() => ui.tabs.count()).toBe(2);
    const titles = await ui.tabs.allInnerTexts();
    expect(titles[0]).toContain('客户信息');
    expect(titles[1]).toContain('订单明细');
    expect(await ui.statusRows.innerText()).not.toBe('行数：3,000');
  });

  it('every command main can send reaches a subscriber and changes the UI; dropped workbooks open the import', async () => {
    expect(await app.page.evaluate(() => (window as unknown as { __kequnTest: { menuSubscribers(): number; dropSubscribers(): number } }).__kequnTest.menuSubscribers())).toBeGreaterThan(0);
    expect(await app.page.evaluate(() => (window as unknown as { __kequnTest: { dropSubscribers(): number } }).__kequnTest.dropSubscribers())).toBeGreaterThan(0);
    const samples = menuCommandSamples(app.home);
    writeFileSync(samples.importData.paths[0]!, '客户,金额\n张三,56.85\n李四,120\n', 'utf8');
    // One check per command type: a type added to MenuCommand without a check here fails to compile.
    const checks: { [T in MenuCommandType]: (c: MenuCommandOf<T>) => Promise<void> } = {
      importData: async (c) => {
        await menu(c);
        await expect.poll(() => ui.activeViewId()).toBe('import');
        expect(await ui.activePanel.locator('[data-testid="import-path"]').inputValue()).toBe(c.paths[0]);
        // The preview shows the amount at full precision, typed as money.
        await expect.poll(() => ui.activePanel.locator('[data-testid="import-cell"]').allInnerTexts()).toContain('¥56.85');
      },
      exportReport: async (c) => {
        await menu(c);
        await expect.poll(() => ui.activeViewId()).toBe('report');
      },
      setLanguage: async (c) => {
        await menu(c);
        await expect.poll(() => app.page.evaluate(() => document.documentElement.lang)).toBe('en');
        await menu({ type: 'setLanguage', language: 'zh-CN' });
        await expect.poll(() => app.page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      },
      engineState: async (c) => {
        await menu(c);
        await expect.poll(() => ui.engineState.innerText()).toBe('重新连接中…');
        await app.page.evaluate(() => (window as unknown as { __kequnTest: { restart(): void } }).__kequnTest.restart());
        await expect.poll(() => ui.engineState.innerText()).toBe('已连接');
      },
      saveProjectAs: async (c) => {
        await menu(c);
        // VACUUM INTO a copy of the demo: seconds on a busy machine.
        await expect.poll(() => ui.projectName.getAttribute('title'), { timeout: 30_000 }).toBe(c.path);
        expect(await ui.datasetNames()).toHaveLength(3);
      },
      newProject: async (c) => {
        await menu(c);
        await expect.poll(() => ui.projectName.innerText(), { timeout: 15_000 }).toContain('新项目');
        await expect.poll(() => ui.datasetItems.count()).toBe(0);
      },
      openProject: async (c) => {
        await menu({ ...c, path: samples.saveProjectAs.path });
        await expect.poll(() => ui.projectName.getAttribute('title'), { timeout: 15_000 }).toBe(samples.saveProjectAs.path);
        await expect.poll(() => ui.datasetItems.count()).toBe(3);
      },
    };
    await checks.importData(samples.importData);
    // A workbook dropped on the window: its own import tab (one tab per file).
    const dropped = join(app.home, '二月订单.csv');
    writeFileSync(dropped, '客户,金额\n王五,9.9\n', 'utf8');
    const importTabs = ui.page.locator('[data-testid="tab"][data-view-id="import"]');
    const before = await importTabs.count();
    await app.page.evaluate((p) => (window as unknown as { __kequnTest: { drop(p: string[]): void } }).__kequnTest.drop(p), [dropped]);
    await expect.poll(() => importTabs.count()).toBe(before + 1);
    expect(await ui.activePanel.locator('[data-testid="import-path"]').inputValue()).toBe(dropped);
    await checks.exportReport(samples.exportReport);
    await checks.setLanguage(samples.setLanguage);
    await checks.engineState(samples.engineState);
    await checks.saveProjectAs(samples.saveProjectAs);
    await checks.newProject(samples.newProject);
    await checks.openProject(samples.openProject);
    expect(app.consoleErrors()).toEqual([]);
  });
});
