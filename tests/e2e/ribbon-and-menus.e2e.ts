import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_SKIP_MESSAGE, hasChromium, startApp, type RunningApp } from './harness';
import { AppPage } from './pages/app-page';
import { GridPage } from './pages/grid-page';
import { RibbonPage } from './pages/ribbon-page';

if (!hasChromium) console.warn(CHROMIUM_SKIP_MESSAGE);

/** Every dataset view in the order the dataset menu lists them (the workflow's order). */
const DATASET_VIEWS = ['grid', 'dataset-overview', 'clean', 'rfm', 'formula', 'group-by', 'segment-builder', 'segment-tags', 'cluster', 'segment-summary', 'pivot', 'charts', 'crosstab', 'clv', 'tree', 'kproto', 'hclust', 'factor'];

describe.skipIf(!hasChromium)('ribbon, right-click menus and tabs in Chromium (demo project)', () => {
  let app: RunningApp;
  let ui: AppPage;
  let ribbon: RibbonPage;
  let grid: GridPage;

  beforeAll(async () => {
    app = await startApp({ name: 'ribbon-and-menus' });
    ui = new AppPage(app.page);
    ribbon = new RibbonPage(app.page);
    // 客户信息: 3,000 rows (row numbers 52 px wide), 客户编号 140 px.
    grid = new GridPage(app.page, [140], 52);
    await ui.waitReady();
    await grid.waitReady();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('shows the ribbon tabs in the workflow order and acts on the current dataset', async () => {
    expect(await ribbon.tabNames()).toEqual(['开始', '数据', '清洗', '指标', '细分', '分析', '报告']);
    expect(await ribbon.currentDataset.innerText()).toBe('当前数据集：客户信息');
    // Nothing selected yet: copy and sort wait for a cell, with a tooltip; find is there.
    expect(await ribbon.enabled('home', 'copy')).toBe(false);
    expect(await ribbon.enabled('home', 'sortAsc')).toBe(false);
    await ribbon.press('home', 'find');
    await ui.activePanel.locator('[data-testid="find-bar"]').waitFor();
    await app.page.keyboard.press('Escape');

    // 升序/降序 sort by the current cell's column, as Excel's Home › Sort does.
    await grid.clickCell(0, 0);
    expect(await grid.currentValue()).toBe('KH00001');
    await expect.poll(() => ribbon.enabled('home', 'sortDesc')).toBe(true);
    await ribbon.press('home', 'sortDesc');
    await expect.poll(() => grid.status.innerText(), { timeout: 10_000 }).toContain('排序：客户编号');
    await grid.clickCell(0, 0);
    expect(await grid.currentValue()).toBe('KH03000');
    await ribbon.press('data', 'clearSort');
    await expect.poll(() => grid.status.innerText()).not.toContain('排序');

    // Filter by the current cell's value, then clear it from the ribbon.
    await grid.clickCell(0, 0);
    expect(await grid.currentValue()).toBe('KH00001');
    await ribbon.press('home', 'filterByValue');
    await expect.poll(() => grid.filteredRows(), { timeout: 10_000 }).toBe(1);
    await ribbon.press('home', 'clearFilters');
    await expect.poll(() => grid.filteredRows(), { timeout: 10_000 }).toBe(3000);
    expect(await ribbon.enabled('home', 'clearFilters')).toBe(false);
  });

  it('opens views on the current dataset: columns, a cleaning operation, RFM; greys what the active view cannot do', async () => {
    await ribbon.press('data', 'overview');
    expect(await ui.activeViewId()).toBe('dataset-overview');
    expect(await ui.overviewColumnNames()).toContain('客户编号');
    // A cleaning button opens the workbench on that operation (nothing is applied from the ribbon).
    await ribbon.press('clean', 'replace');
    expect(await ui.activeViewId()).toBe('clean');
    await expect.poll(() => ui.activePanel.locator('[data-testid="clean-op"]').inputValue()).toBe('replace');
    expect(await ui.page.locator('[data-testid="tab"][aria-selected="true"]').innerText()).toContain('客户信息');
    await ribbon.press('metrics', 'rfm');
    expect(await ui.activeViewId()).toBe('rfm');

    // A project view (the workflow) keeps the dataset current; grid commands are greyed with the reason.
    await ribbon.press('home', 'workflow');
    expect(await ui.activeViewId()).toBe('workflow');
    expect(await ribbon.currentDataset.innerText()).toBe('当前数据集：客户信息');
    await ribbon.tab('home').click();
    expect(await ribbon.button('find').isEnabled()).toBe(false);
    expect(await ribbon.button('find').getAttribute('title')).toContain('当前视图不支持此操作');
    // Double-click folds the ribbon, a click shows it again.
    await ribbon.tab('data').dblclick();
    await expect.poll(() => ribbon.root.locator('[data-testid="ribbon-panel"]').count()).toBe(0);
    await ribbon.tab('data').click();
    await ribbon.root.locator('[data-testid="ribbon-panel"][data-ribbon-tab="data"]').waitFor();
  });

  it('数据 › 导出 opens the export dialog of the grid view it acts on', async () => {
    await ui.openDataset('客户信息');
    await grid.waitReady();
    await ribbon.press('data', 'export');
    const dialog = ui.byTestId('export-dialog');
    await dialog.waitFor();
    expect(await dialog.locator('[data-testid="export-path"]').inputValue()).toMatch(/客户信息\.xlsx$/);
    await dialog.locator('[data-testid="export-close"]').click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('right-click menus: a cell filters by its value, a header opens the column menu', async () => {
    const menu = await grid.rightClickCell(0, 1);
    expect(await menu.locator('.k-menu__header').innerText()).toBe('客户编号');
    const notThis = menu.locator('[data-item-id="filter-not-value"]');
    expect(await notThis.innerText()).toContain('KH00002');
    await notThis.click();
    await expect.poll(() => grid.filteredRows(), { timeout: 10_000 }).toBe(2999);
    await ui.activePanel.locator('[data-testid="grid-clear-filters"]').click();
    await expect.poll(() => grid.filteredRows(), { timeout: 10_000 }).toBe(3000);
    await (await grid.rightClickCell(0, 2)).locator('[data-item-id="filter-value"]').click();
    await expect.poll(() => grid.filteredRows(), { timeout: 10_000 }).toBe(1);
    await ui.activePanel.locator('[data-testid="grid-clear-filters"]').click();
    await expect.poll(() => grid.filteredRows(), { timeout: 10_000 }).toBe(3000);

    const columnMenu = await grid.rightClickHeader(0, 'c0');
    expect(await columnMenu.isVisible()).toBe(true);
    await app.page.keyboard.press('Escape');
    await columnMenu.waitFor({ state: 'detached' });
  });

  it('right-click menus: a dataset lists its views in workflow order; the panel offers an import', async () => {
    await ui.datasetItem('订单明细').click({ button: 'right' });
    const menu = ui.byTestId('dataset-menu');
    await menu.waitFor();
    const ids = await menu.locator('[data-testid="menu-item"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-item-id')));
    expect(ids).toEqual([...DATASET_VIEWS, 'rename', 'remove']);
    await app.page.keyboard.press('Escape');

    const list = ui.byTestId('dataset-list');
    const box = await list.boundingBox();
    if (!box) throw new Error('dataset list not visible');
    await app.page.mouse.click(box.x + box.width / 2, box.y + box.height - 10, { button: 'right' });
    const panelMenu = ui.byTestId('dataset-panel-menu');
    await panelMenu.waitFor();
    await panelMenu.locator('[data-item-id="import-data"]').click();
    await expect.poll(() => ui.activeViewId()).toBe('import');
  });

  it('tabs: one per view and dataset, the active one always in sight, a list of them all, close to the right', async () => {
    await ui.tabs.first().click({ button: 'right' });
    await ui.byTestId('tab-menu').locator('[data-item-id="close-all"]').click();
    await expect.poll(() => ui.tabs.count()).toBe(0);
    // The same dataset opened three ways is one tab.
    await ui.openDataset('客户信息');
    await ui.openDataset('客户信息');
    await ribbon.press('data', 'grid');
    expect(await ui.tabs.count()).toBe(1);
    // Every view of the orders: fourteen tabs in all, more than the strip holds.
    for (const view of DATASET_VIEWS) await ui.openDatasetView('订单明细', view);
    for (const view of DATASET_VIEWS.slice(0, 3)) await ui.openDatasetView('订单明细', view);
    expect(await ui.tabs.count()).toBe(1 + DATASET_VIEWS.length);
    const strip = ui.byTestId('tab-strip');
    const inSight = async (): Promise<boolean> => {
      const s = await strip.boundingBox();
      const t = await ui.page.locator('[data-testid="tab"][aria-selected="true"]').boundingBox();
      return !!s && !!t && t.x >= s.x - 1 && t.x + t.width <= s.x + s.width + 1;
    };
    expect(await ui.activeViewId()).toBe('clean');
    expect(await inSight()).toBe(true);
    const more = ui.byTestId('tab-overflow');
    await more.waitFor();
    expect(Number(await more.getAttribute('data-hidden'))).toBeGreaterThan(0);
    // The list names every tab and marks the active one; picking the first brings it into sight.
    await more.click();
    const listMenu = ui.byTestId('tab-list');
    const items = listMenu.locator('[data-testid="menu-item"]');
    expect(await items.count()).toBe(1 + DATASET_VIEWS.length);
    expect(await listMenu.locator('[aria-checked="true"]').innerText()).toContain('订单明细 · 数据清洗');
    await items.first().click();
    await expect.poll(() => ui.page.locator('[data-testid="tab"][aria-selected="true"] [data-testid="tab-label"]').innerText()).toBe('客户信息');
    expect(await inSight()).toBe(true);
    // Ctrl+PageUp wraps to the last tab, which scrolls into sight again.
    await app.page.keyboard.press('Control+PageUp');
    await expect.poll(() => ui.activeViewId()).toBe(DATASET_VIEWS[DATASET_VIEWS.length - 1]);
    expect(await inSight()).toBe(true);
    // Close to the right of the fifth tab: the focus moves to it, as the active tab went.
    await ui.tabs.nth(4).click({ button: 'right' });
    await ui.byTestId('tab-menu').locator('[data-item-id="close-right"]').click();
    await expect.poll(() => ui.tabs.count()).toBe(5);
    expect(await ui.page.locator('[data-testid="tab"][aria-selected="true"]').getAttribute('data-tab-id')).toBe(await ui.tabs.nth(4).getAttribute('data-tab-id'));
    await expect.poll(() => ui.byTestId('tab-overflow').count()).toBe(0);
    await ui.tabs.nth(1).click({ button: 'right' });
    await ui.byTestId('tab-menu').locator('[data-item-id="close-others"]').click();
    await expect.poll(() => ui.tabs.count()).toBe(1);
    expect(app.consoleErrors()).toEqual([]);
  });
});
