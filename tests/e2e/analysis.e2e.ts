import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_SKIP_MESSAGE, hasChromium, ROOT, startApp, type RunningApp } from './harness';
import { AnalysisPage } from './pages/analysis-page';
import { AppPage } from './pages/app-page';

if (!hasChromium) console.warn(CHROMIUM_SKIP_MESSAGE);

/** Runs the built CLI (the same bundle the app serves) and returns its JSON output. */
function cli(...args: string[]): unknown {
  const r = spawnSync(join(ROOT, 'node_modules', '.bin', 'node'), [join(ROOT, 'dist', 'engine', 'cli.mjs'), ...args, '--json'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`kequn ${args.join(' ')} failed: ${r.stdout}${r.stderr}`);
  return JSON.parse(r.stdout);
}

describe.skipIf(!hasChromium)('analysis views in Chromium (demo project with a segmentation)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kequn-e2e-analysis-'));
  let app: RunningApp;
  let ui: AppPage;
  let analysis: AnalysisPage;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const demo = cli('demo', '--dir', dir) as { project: string };
    cli('kmeans', '--project', demo.project, '--dataset', '客户信息', '--columns', '年龄', '--k', '3', '--name', '年龄分群');
    app = await startApp({ projectPath: demo.project });
    ui = new AppPage(app.page);
    analysis = new AnalysisPage(ui);
    app.page.on('pageerror', (e) => pageErrors.push(e.message));
    await ui.waitReady();
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds a pivot: rows × columns with counts and a grand total', async () => {
    await ui.openDatasetView('订单明细', 'pivot');
    expect(await ui.activeViewId()).toBe('pivot');
    await analysis.choose('pivot-add-rows', '产品类别');
    await analysis.choose('pivot-add-cols', '渠道');
    await analysis.pivotTable.waitFor();
    await analysis.pivotRow('办公用品').waitFor();
    const total = analysis.pivotRow('');
    expect(await total.innerText()).toContain('总计');
    // Grand total of the count = all orders of the demo.
    const totalCells = analysis.pivotCells('');
    const grand = Number(await totalCells.last().getAttribute('data-value'));
    expect(grand).toBeGreaterThan(40_000);
    // Rows sum to the total.
    const rowTotals = await app.page.$$eval('[data-testid="tab-panel"]:not([hidden]) [data-testid="pivot-row"]', (trs) =>
      trs.filter((tr) => tr.getAttribute('data-path') !== '').map((tr) => Number(tr.querySelector('[data-testid="pivot-cell"]:last-child')?.getAttribute('data-value'))),
    );
    expect(rowTotals.reduce((a, b) => a + b, 0)).toBe(grand);
    // Exportable: the table as CSV (BOM, grand total last), as the user sees it.
    const [download] = await Promise.all([app.page.waitForEvent('download'), ui.activePanel.locator('[data-testid="pivot-export-csv"]').click()]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.trim().split('\r\n').at(-1)).toMatch(new RegExp(`^总计,.*,${grand}$`));
  });

  it('drills into a cell: the rows behind it, as many as the cell counts', async () => {
    const cell = analysis.pivotCells('家具').first();
    const value = Number(await cell.getAttribute('data-value'));
    expect(value).toBeGreaterThan(0);
    await cell.click();
    await analysis.drillPanel.waitFor();
    await expect.poll(async () => Number(await analysis.drillCount.getAttribute('data-count'))).toBe(value);
    await analysis.drillRows.first().waitFor();
    expect(await analysis.drillRows.count()).toBe(Math.min(100, value));
    expect(await analysis.drillRows.first().innerText()).toContain('家具');
    // Page through the rows behind the cell.
    const first = await analysis.drillRows.first().innerText();
    await ui.activePanel.locator('[data-testid="drill-next"]').click();
    await expect.poll(() => ui.activePanel.locator('[data-testid="drill-pager"]').innerText()).toContain('101–200');
    await expect.poll(() => analysis.drillRows.first().innerText()).not.toBe(first);
    // "Open in grid" shows the same rows: the grid tab starts with the cell's filters.
    const pivotTab = await ui.activeViewId();
    await ui.activePanel.locator('[data-testid="drill-open-grid"]').click();
    await expect.poll(() => ui.activeViewId()).toBe('grid');
    const status = app.page.locator('[data-testid="tab-panel"]:not([hidden]) [data-testid="grid-status"]');
    await expect.poll(async () => Number(await status.getAttribute('data-filtered-rows'))).toBe(value);
    expect(Number(await status.getAttribute('data-total-rows'))).toBeGreaterThan(value);
    expect(pivotTab).toBe('pivot');
    await ui.closeActiveTab();
    await expect.poll(() => ui.activeViewId()).toBe('pivot');
  });

  it('filters the pivot with a report filter (Excel-style value list)', async () => {
    const grandBefore = Number(await analysis.pivotCells('').last().getAttribute('data-value'));
    await analysis.choose('pivot-add-filter', '渠道');
    const picker = ui.activePanel.locator('[data-testid="pivot-filter-picker"]');
    await picker.locator('[data-testid="pivot-filter-value"]').first().waitFor();
    const firstLabel = await picker.locator('label').first().innerText();
    const removed = Number(/\((\d+)\)$/.exec(firstLabel.trim())![1]);
    await picker.locator('[data-testid="pivot-filter-value"]').first().uncheck();
    await picker.locator('[data-testid="pivot-filter-apply"]').click();
    await expect.poll(async () => Number(await analysis.pivotCells('').last().getAttribute('data-value'))).toBe(grandBefore - removed);
  });

  it('collapses and expands row groups', async () => {
    await analysis.choose('pivot-add-rows', '渠道');
    await analysis.pivotRow('办公用品/门店').waitFor();
    const before = await ui.activePanel.locator('[data-testid="pivot-row"]').count();
    await analysis.pivotRow('办公用品').locator('[data-testid="pivot-toggle"]').click();
    await expect.poll(() => analysis.pivotRow('办公用品/门店').count()).toBe(0);
    expect(await ui.activePanel.locator('[data-testid="pivot-row"]').count()).toBeLessThan(before);
    await ui.activePanel.locator('[data-testid="pivot-expand-all"]').click();
    await expect.poll(() => ui.activePanel.locator('[data-testid="pivot-row"]').count()).toBe(before);

    // Save the spec in the project, change the pivot, re-open the saved one.
    await ui.activePanel.locator('[data-testid="pivot-save-name"]').fill('类别×渠道');
    await ui.activePanel.locator('[data-testid="pivot-save"]').click();
    await ui.activePanel.locator('[data-testid="pivot-save-message"]').waitFor();
    await ui.activePanel.locator('[data-testid="pivot-well-rows"] [data-testid="pivot-chip"] button').first().click();
    await expect.poll(() => analysis.pivotRow('办公用品').count()).toBe(0);
    await analysis.choose('pivot-load', '类别×渠道');
    await analysis.pivotRow('办公用品/门店').waitFor();
  });

  it('opens a cross-tab of customer type × product category and sees the TGI heat map and χ²', async () => {
    await ui.openDatasetView('客户信息', 'crosstab');
    expect(await ui.activeViewId()).toBe('crosstab');
    await analysis.choose('crosstab-rows', '客户类型');
    await analysis.choose('crosstab-facts', '订单明细');
    await analysis.choose('crosstab-cols', '产品类别');
    await analysis.crosstabCells.first().waitFor();
    expect(await analysis.crosstabCells.count()).toBe(3 * 6);
    // Cells are coloured by TGI around 100: an over-indexed cell is red, an under-indexed one blue
    // (cells below the minimum base are grey whatever their TGI).
    const colours = await analysis.crosstabCells.evaluateAll((tds) =>
      tds.map((td) => ({ tgi: Number(td.getAttribute('data-tgi')), low: td.getAttribute('data-low-base') === 'true', bg: getComputedStyle(td).backgroundColor })),
    );
    const channels = (bg: string): number[] => (bg.match(/\d+/g) ?? []).map(Number);
    const over = colours.find((c) => c.tgi > 130 && !c.low)!;
    const under = colours.find((c) => c.tgi < 70 && !c.low)!;
    expect(channels(over.bg)[0]).toBeGreaterThan(channels(over.bg)[2]!);
    expect(channels(under.bg)[2]).toBeGreaterThan(channels(under.bg)[0]!);
    expect(await analysis.chi2.innerText()).toMatch(/χ² = [\d.]+，自由度 10，p/);
    const prefs = await analysis.preferences.allInnerTexts();
    expect(prefs.some((p) => /^个人 偏好 (电子产品|礼品), TGI \d+/.test(p))).toBe(true);
    // Labels follow the UI language.
    await ui.switchLanguage('en');
    await expect.poll(() => analysis.chi2.innerText()).toMatch(/χ² = [\d.]+, df = 10, p < 1e-15/);
    expect((await analysis.preferences.allInnerTexts()).some((p) => /^个人 prefers (电子产品|礼品), TGI \d+/.test(p))).toBe(true);
    await ui.switchLanguage('zh');
    await expect.poll(() => analysis.chi2.innerText()).toMatch(/自由度/);
    // The heat map as a chart (for images), and the spec saved in the project.
    await ui.activePanel.locator('[data-testid="crosstab-chart-toggle"]').click();
    await ui.activePanel.locator('[data-testid="crosstab-chart"] canvas').first().waitFor();
    await ui.activePanel.locator('[data-testid="crosstab-save-name"]').fill('类型偏好');
    await ui.activePanel.locator('[data-testid="crosstab-save"]').click();
    await ui.activePanel.locator('[data-testid="crosstab-load"] option', { hasText: '类型偏好' }).waitFor({ state: 'attached' });
    expect(pageErrors).toEqual([]);
  });

  it('draws a chart and saves it as SVG', async () => {
    await ui.openDatasetView('客户信息', 'charts');
    expect(await ui.activeViewId()).toBe('charts');
    await analysis.choose('chart-field-group', '客户类型');
    const canvas = ui.activePanel.locator('[data-testid="chart-canvas"] canvas');
    await canvas.first().waitFor();
    const [download] = await Promise.all([app.page.waitForEvent('download'), ui.activePanel.locator('[data-testid="chart-save-svg"]').click()]);
    const path = await download.path();
    const svg = readFileSync(path, 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    // 客户信息 was segmented (年龄分群), so a row is a customer: the chart says what it counts.
    expect(svg).toContain('按客户类型：客户数占比');
    expect(svg).toContain('企业');

    // Monthly trend of orders stacked by a customer attribute, joined through 客户编号.
    await ui.openDatasetView('订单明细', 'charts');
    await analysis.choose('chart-kind', '月度趋势（按细分堆叠）');
    await analysis.choose('chart-field-byDataset', '客户信息');
    await analysis.choose('chart-field-by', '客户类型');
    await ui.activePanel.locator('[data-testid="chart-canvas"] canvas').first().waitFor();
    // The canvas exists before the trend data arrives (the default chart): save until it is the trend.
    let trendSvg = '';
    await expect
      .poll(async () => {
        const [d] = await Promise.all([app.page.waitForEvent('download'), ui.activePanel.locator('[data-testid="chart-save-svg"]').click()]);
        trendSvg = readFileSync(await d.path(), 'utf8');
        return trendSvg.includes('消费趋势');
      })
      .toBe(true);
    for (const type of ['企业', '个人', '政府']) expect(trendSvg).toContain(type);
  });

  it('shows the segmentation overview: sizes, charts and preferences', async () => {
    await ui.page.locator('[data-testid="project-view-item"]').filter({ hasText: '细分总览' }).click();
    await ui.activePanel.locator('[data-testid="segment-overview"]').waitFor();
    const rows = ui.activePanel.locator('[data-testid="overview-segment"]');
    await expect.poll(() => rows.count()).toBe(3);
    await ui.activePanel.locator('[data-testid="overview-radar"] canvas').first().waitFor();
    await analysis.choose('overview-facts', '订单明细');
    await analysis.choose('overview-category', '产品类别');
    const prefs = ui.activePanel.locator('[data-testid="overview-preference"]');
    await expect.poll(() => prefs.count()).toBe(3);
    expect(pageErrors).toEqual([]);
  });
});
