import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_SKIP_MESSAGE, hasChromium, startApp, type RunningApp } from './harness';
import { AppPage } from './pages/app-page';

if (!hasChromium) console.warn(CHROMIUM_SKIP_MESSAGE);

describe.skipIf(!hasChromium)('a project given on the command line, then the demo: rename and delete datasets', () => {
  const work = mkdtempSync(join(tmpdir(), 'kequn-e2e-project-'));
  const projectPath = join(work, '华东区客户.kequn');
  let app: RunningApp;
  let ui: AppPage;

  beforeAll(async () => {
    app = await startApp({ projectPath, name: 'project-and-datasets' });
    ui = new AppPage(app.page);
    await ui.page.locator('[data-testid="app"][data-engine-state="connected"]').waitFor();
  });

  afterAll(async () => {
    await app?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('opens the given (new, empty) project with empty states instead of the demo', async () => {
    await expect.poll(() => ui.projectName.innerText()).toContain('华东区客户');
    await ui.byTestId('tabs-empty').waitFor();
    expect(await ui.datasetItems.count()).toBe(0);
    expect(await ui.byTestId('dataset-list').innerText()).toContain('项目中还没有数据集');
    expect(await app.page.title()).toBe('华东区客户 - 客群 Kequn');
    expect(await ui.byTestId('tabs-empty').innerText()).toContain('这个项目还没有数据');
    // With the import feature registered, the empty state's button opens it.
    if ((await ui.byTestId('empty-import').count()) > 0) {
      await ui.byTestId('empty-import').click();
      await expect.poll(() => ui.activeViewId()).toBe('import');
      await ui.closeActiveTab();
      await ui.byTestId('tabs-empty').waitFor();
    }
  });

  it('opens the demo from the top bar and its first dataset', async () => {
    await ui.byTestId('open-demo').click();
    await ui.datasetItems.first().waitFor({ timeout: 60_000 });
    // The customers, the orders, and the RFM customers of the demo's finished workflow.
    expect(await ui.datasetNames()).toEqual(['客户信息', '订单明细', 'RFM-订单明细']);
    await expect.poll(() => ui.tabs.count()).toBe(1);
    expect(await ui.tabs.first().innerText()).toContain('客户信息');
  });

  it('renames a dataset: the list and its open tab follow', async () => {
    await ui.openDataset('订单明细');
    await expect.poll(() => ui.tabs.count()).toBe(2);
    await ui.datasetMenu('订单明细', 'rename');
    const input = ui.byTestId('rename-input');
    expect(await input.inputValue()).toBe('订单明细');
    await input.fill('  ');
    expect(await ui.byTestId('rename-submit').isDisabled()).toBe(true);
    await input.fill('订单2024');
    await ui.byTestId('rename-submit').click();
    await ui.byTestId('rename-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => ui.datasetNames()).toEqual(['客户信息', '订单2024', 'RFM-订单明细']);
    await expect.poll(() => ui.tabs.filter({ hasText: '订单2024' }).count()).toBe(1);
  });

  it('deletes a dataset after confirmation and closes its tab; cancel changes nothing', async () => {
    await ui.datasetMenu('客户信息', 'remove');
    await ui.byTestId('remove-dialog').waitFor();
    await app.page.keyboard.press('Escape');
    await ui.byTestId('remove-dialog').waitFor({ state: 'detached' });
    expect(await ui.datasetNames()).toHaveLength(3);

    await ui.datasetMenu('订单2024', 'remove');
    expect(await ui.byTestId('remove-dialog').innerText()).toContain('订单2024');
    await ui.byTestId('remove-submit').click();
    await ui.byTestId('remove-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => ui.datasetNames()).toEqual(['客户信息', 'RFM-订单明细']);
    await expect.poll(() => ui.tabs.count()).toBe(1);
    expect(await ui.tabs.first().innerText()).toContain('客户信息');
    expect(await ui.statusRows.innerText()).toBe('行数：3,000');
  });

  it('lists the earlier project under 最近打开 and reopens it from there', async () => {
    await ui.byTestId('open-project').click();
    const recent = ui.byTestId('recent-project');
    await recent.first().waitFor();
    // The demo has its own button and is not listed.
    expect(await recent.allInnerTexts()).toEqual([expect.stringContaining('华东区客户')]);
    await recent.first().click();
    await ui.byTestId('project-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => ui.projectName.innerText()).toContain('华东区客户');
    await expect.poll(() => ui.datasetItems.count()).toBe(0);
  });
});
