import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_SKIP_MESSAGE, hasChromium, startApp, type RunningApp } from './harness';
import { AnalysisPage } from './pages/analysis-page';
import { AppPage } from './pages/app-page';
import { ImportPage } from './pages/import-page';
import { WorkflowPage } from './pages/ribbon-page';

if (!hasChromium) console.warn(CHROMIUM_SKIP_MESSAGE);

describe.skipIf(!hasChromium)('workflow panel, charts and view fixes in Chromium (demo project)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kequn-e2e-workflow-'));
  let app: RunningApp;
  let ui: AppPage;
  let workflow: WorkflowPage;
  let analysis: AnalysisPage;

  beforeAll(async () => {
    app = await startApp({ name: 'workflow-and-charts' });
    ui = new AppPage(app.page);
    workflow = new WorkflowPage(app.page);
    analysis = new AnalysisPage(ui);
    await ui.waitReady();
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Saves the active chart as SVG (the view's own button) and returns the file's text. */
  const chartSvg = async (): Promise<string> => {
    const [download] = await Promise.all([app.page.waitForEvent('download'), ui.activePanel.locator('[data-testid="chart-save-svg"]').click()]);
    return readFileSync(await download.path(), 'utf8');
  };

  it('the demo opens on a finished workflow: each step with its results, the optional ones skipped', async () => {
    const done = { prepare: 'done', clean: 'skipped', metrics: 'done', describe: 'skipped', segment: 'done', preference: 'done', report: 'done' };
    expect(await workflow.railStatuses()).toEqual(done);
    await workflow.openRail('segment');
    expect(await ui.activeViewId()).toBe('workflow');
    expect(await workflow.statuses()).toEqual(done);
    expect(await workflow.step('segment').getAttribute('class')).toContain('is-highlighted');
    await ui.byTestId('workflow-complete').waitFor();
    expect(await workflow.items('prepare').allInnerTexts()).toEqual([expect.stringMatching(/客户信息\s*3,000 行/), expect.stringMatching(/订单明细\s*[\d,]+ 行/)]);
    expect(await workflow.items('metrics').innerText()).toContain('RFM-订单明细');
    const report = workflow.items('report').locator('[data-testid="written-file"]');
    expect(await report.getAttribute('data-path')).toMatch(/示例细分报告\.xlsx$/);
    expect(await report.innerText()).toContain('细分报告：RFM八类客户');
  });

  it('reopens each result in its own view with one click', async () => {
    await workflow.items('segment').locator('[data-testid="workflow-item-open"]').click();
    await expect.poll(() => ui.activeViewId()).toBe('segment-summary');
    const picked = ui.activePanel.locator('[data-testid="segment-pick"] option:checked');
    await expect.poll(() => picked.innerText(), { timeout: 15_000 }).toContain('RFM八类客户');
    expect(await ui.activePanel.locator('[data-testid="segment-summary-table"] [data-testid="segment-row"]').count()).toBeGreaterThanOrEqual(6);

    await workflow.openRail('preference');
    await workflow.items('preference').locator('[data-testid="workflow-item-open"]').click();
    await expect.poll(() => ui.activeViewId()).toBe('crosstab');
    await ui.activePanel.locator('[data-testid="crosstab-chi2"]').waitFor({ timeout: 30_000 });
    // Every choice of the saved cross-tab is filled in again.
    expect(await ui.activePanel.locator('[data-testid="crosstab-facts"] option:checked').innerText()).toBe('订单明细');
    expect(await ui.activePanel.locator('[data-testid="crosstab-cols"] option:checked').innerText()).toBe('产品类别');
    expect(await ui.activePanel.locator('[data-testid="crosstab-rows-key"] option:checked').innerText()).toBe('客户编号');
    expect(await ui.activePanel.locator('[data-testid="crosstab-facts-key"] option:checked').innerText()).toBe('客户编号');

    await workflow.openRail('report');
    await workflow.items('report').locator('[data-testid="workflow-item-open"]').click();
    await expect.poll(() => ui.activeViewId()).toBe('report');
    expect(await ui.activePanel.locator('select[data-testid="report-segmentation"] option:checked').innerText()).toBe('RFM八类客户');
  });

  it('charts say what they count: rows of the order table, customers of the segmented RFM table', async () => {
    await ui.openDatasetView('订单明细', 'charts');
    await analysis.choose('chart-field-group', '渠道');
    await ui.activePanel.locator('[data-testid="chart-canvas"] canvas').first().waitFor();
    await expect.poll(async () => (await chartSvg()).includes('按渠道：行数占比'), { timeout: 15_000 }).toBe(true);
    const rows = await chartSvg();
    expect(rows).toContain('行数');
    expect(rows).not.toContain('客户数');

    await ui.openDatasetView('RFM-订单明细', 'charts');
    await analysis.choose('chart-field-group', 'RFM八类客户');
    await expect.poll(async () => (await chartSvg()).includes('按RFM八类客户：客户数占比'), { timeout: 15_000 }).toBe(true);
  });

  it('switching chart type leaves one chart, and the R × F heat map of raw days shows quintile scores', async () => {
    await analysis.choose('chart-kind', 'RFM 热力图（R × F，平均 M）');
    await analysis.choose('chart-field-r', 'R');
    await analysis.choose('chart-field-f', 'F');
    await analysis.choose('chart-field-m', 'M');
    await expect.poll(async () => (await chartSvg()).includes('R 分（五分位，5 = 最近购买）'), { timeout: 15_000 }).toBe(true);
    const heat = await chartSvg();
    // Five scores per axis, each labelled with the raw range it stands for; none of the bar chart left.
    expect(heat.match(/[1-5] 分（[^）]+）/g)?.length).toBeGreaterThanOrEqual(8);
    expect(heat).not.toContain('客户数占比');
    expect(await ui.activePanel.locator('[data-testid="chart-canvas"]').count()).toBe(1);
    await analysis.choose('chart-kind', '分组占比（饼图）');
    await expect.poll(async () => (await chartSvg()).includes('客户数占比'), { timeout: 15_000 }).toBe(true);
    expect(await chartSvg()).not.toContain('五分位');
    expect(await ui.activePanel.locator('[data-testid="chart-canvas"]').count()).toBe(1);
  });

  it('RFM summary headers in Chinese; the builder stops saying 预览（未保存） once saved; action texts wrap', async () => {
    await ui.openDatasetView('订单明细', 'rfm');
    await ui.activePanel.locator('[data-testid="rfm-run"]').click();
    const summary = ui.activePanel.locator('[data-testid="rfm-summary"]');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.locator('thead th').allInnerTexts()).toEqual(['', '最小值', '最大值', '平均值', '中位数']);
    expect(await summary.locator('tbody th').allInnerTexts()).toEqual(['R（距今天数）', 'F（购买次数）', 'M（消费金额）']);

    await ui.openDatasetView('RFM-订单明细', 'segment-builder');
    const heading = ui.activePanel.locator('[data-testid="segment-preview-heading"]');
    await expect.poll(() => heading.innerText()).toBe('预览（未保存）');
    await ui.activePanel.locator('[data-testid="segment-name-input"]').fill('第二次RFM');
    await ui.activePanel.locator('[data-testid="segment-save"]').click();
    await ui.activePanel.locator('[data-testid="segment-saved"]').waitFor({ timeout: 30_000 });
    expect(await heading.innerText()).toBe('已保存的细分：第二次RFM');

    await ui.activePanel.locator('[data-testid="segment-open-summary"]').click();
    await expect.poll(() => ui.activeViewId()).toBe('segment-summary');
    const action = ui.activePanel.locator('[data-testid="segment-action"]').first();
    const long = '每周电话回访一次，赠送满减券并邀请参加会员日活动，三个月内复购者升级为重要价值客户并安排客户经理跟进';
    await action.fill(long);
    expect(await action.evaluate((el) => el.tagName)).toBe('TEXTAREA');
    // Wrapped, not cut off: nothing scrolls sideways, and the whole text is there.
    expect(await action.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    expect(await action.inputValue()).toBe(long);
  });

  it('a new project starts at 数据准备; the next step follows what is done; the import page has view padding', async () => {
    await ui.byTestId('create-project').click();
    await ui.byTestId('project-path-input').fill(join(dir, '华南区.kequn'));
    await ui.byTestId('project-path-submit').click();
    await expect.poll(() => ui.projectName.innerText(), { timeout: 15_000 }).toContain('华南区');
    await expect.poll(async () => (await workflow.railStatuses()).prepare, { timeout: 15_000 }).toBe('next');
    await workflow.openRail('prepare');
    expect(await ui.byTestId('workflow-next').getAttribute('data-step')).toBe('prepare');
    await ui.byTestId('workflow-next-action').click();
    await expect.poll(() => ui.activeViewId()).toBe('import');
    const view = ui.activePanel.locator('[data-testid="import-view"]');
    expect(await view.evaluate((el) => getComputedStyle(el).paddingLeft)).toBe('16px');

    const csv = join(dir, '订单.csv');
    writeFileSync(csv, '客户,付款时间,实付金额\n张三,2024/3/5 10:00,56.85\n李四,2024/3/6 11:00,120\n张三,2024/4/1 09:30,88.8\n', 'utf8');
    const importer = new ImportPage(app.page);
    await importer.previewPath(csv);
    expect(await importer.columnTypes()).toEqual(['text', 'datetime', 'currency']);
    await importer.run();
    await ui.datasetItem('订单').waitFor();
    await expect.poll(async () => (await workflow.railStatuses()).clean, { timeout: 15_000 }).toBe('next');
    await workflow.openRail('clean');
    expect(await workflow.statuses()).toMatchObject({ prepare: 'done', clean: 'next', metrics: 'todo' });
    // The order table is where RFM is offered.
    await workflow.step('metrics').locator('[data-testid="workflow-step-action"]').click();
    await expect.poll(() => ui.activeViewId()).toBe('rfm');
    expect(await ui.page.locator('[data-testid="tab"][aria-selected="true"] [data-testid="tab-label"]').innerText()).toContain('订单');
    expect(app.consoleErrors()).toEqual([]);
  });
});
