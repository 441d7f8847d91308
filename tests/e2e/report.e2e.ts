import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { CHROMIUM_SKIP_MESSAGE, hasChromium, ROOT, startApp, type RunningApp } from './harness';
import { AppPage } from './pages/app-page';
import { GridPage } from './pages/grid-page';
import { ReportPage } from './pages/report-page';

if (!hasChromium) console.warn(CHROMIUM_SKIP_MESSAGE);

/** Runs the built CLI (the same bundle the app serves) and returns its JSON output. */
function cli(...args: string[]): unknown {
  const r = spawnSync(join(ROOT, 'node_modules', '.bin', 'node'), [join(ROOT, 'dist', 'engine', 'cli.mjs'), ...args, '--json'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`kequn ${args.join(' ')} failed: ${r.stdout}${r.stderr}`);
  return JSON.parse(r.stdout);
}

interface Rfm8 {
  segments: { name: string; count: number }[];
}

describe.skipIf(!hasChromium)('report and exports in Chromium (demo project, RFM-8)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kequn-e2e-report-'));
  let app: RunningApp;
  let ui: AppPage;
  let report: ReportPage;
  let rfm8: Rfm8;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // The demo project, and (beside its own finished RFM-8) RFM of its orders as of a fixed date
    // and that RFM-8 segmentation, through the engine's CLI.
    const demo = cli('demo', '--dir', dir) as { project: string };
    cli('rfm', '--project', demo.project, '--dataset', '订单明细', '--customer', '客户编号', '--date', '下单时间', '--amount', '金额', '--name', 'RFM-年末', '--as-of', '2025-12-31');
    rfm8 = cli('segment', 'rfm8', '--project', demo.project, '--dataset', 'RFM-年末', '--name', '年末RFM八类') as Rfm8;
    app = await startApp({ projectPath: demo.project, name: 'report' });
    ui = new AppPage(app.page);
    report = new ReportPage(app.page);
    app.page.on('pageerror', (e) => pageErrors.push(e.message));
    await ui.waitReady();
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the RFM-8 report from the report view and downloads it through the browser-mode route', async () => {
    await ui.page.locator('[data-testid="project-view-item"][data-view-id="segment-overview"]').click();
    await ui.page.locator('[data-testid="tab-panel"]:not([hidden]) [data-testid="open-report"]').click();
    await report.byTestId('report-view').waitFor();
    expect(await ui.activeViewId()).toBe('report');
    // The comparison waits for a second segmentation; the cross-tab does not (the report can choose
    // its category column itself); the path defaults beside the project.
    expect(await report.sheet('migration').isDisabled()).toBe(true);
    expect(await report.sheet('crosstab').isDisabled()).toBe(false);
    expect(await report.byTestId('report-path').inputValue()).toMatch(/客群报告\.xlsx$/);
    await report.sheet('method').uncheck();
    await report.byTestId('report-facts').selectOption({ label: '订单明细' });
    await report.byTestId('report-crosstab-column').selectOption({ label: '渠道' });
    expect(await report.sheet('crosstab').isChecked()).toBe(true);
    await report.byTestId('report-write').click();
    const written = report.byTestId('written-file');
    await written.waitFor({ timeout: 60_000 });
    expect(await written.innerText()).toContain('偏好交叉表');

    const wb = XLSX.read(await report.download());
    expect(wb.SheetNames).toEqual(['概览', '细分画像', '执行建议', '客户名单', '偏好交叉表']);
    const overview = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['概览']!, { header: 1, raw: true });
    const kpiHeader = overview.findIndex((r) => r[0] === '细分');
    const kpis = overview.slice(kpiHeader + 1, kpiHeader + 1 + rfm8.segments.length);
    expect(kpis.map((r) => [r[0], r[1]])).toEqual(rfm8.segments.map((s) => [s.name, s.count]));
    const customers = XLSX.utils.sheet_to_json(wb.Sheets['客户名单']!);
    expect(customers).toHaveLength(rfm8.segments.reduce((a, s) => a + s.count, 0));
    const crosstab = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['偏好交叉表']!, { header: 1 });
    expect(crosstab.some((r) => r[0] === 'TGI（整体 = 100）')).toBe(true);
    expect(crosstab.some((r) => r[0] === '客户数（去重）')).toBe(true);
  });

  it('exports a filtered, sorted grid view to CSV with exactly the rows the grid shows', async () => {
    await ui.openDataset('客户信息');
    const grid = new GridPage(app.page, [140], 52);
    await grid.waitReady();
    // Sort by 客户编号 descending, then filter 地区 = the first region in its value list.
    await grid.clickCell(0, 0);
    let menu = await grid.openColumnMenu('c0');
    await menu.locator('[data-testid="menu-sort-desc"]').click();
    await grid.waitReady();
    await grid.clickCell(0, 0);
    for (let i = 0; i < 4; i++) await app.page.keyboard.press('ArrowRight');
    menu = await grid.openColumnMenu('c4');
    const first = menu.locator('[data-testid="menu-value"]').first();
    await first.waitFor();
    const region = JSON.parse((await first.getAttribute('data-value'))!) as string;
    await menu.locator('[data-testid="menu-condition"]').selectOption('equals');
    await menu.locator('[data-testid="menu-text"]').fill(region);
    await menu.locator('[data-testid="menu-apply"]').click();
    await expect.poll(() => grid.filteredRows(), { timeout: 10_000 }).toBeLessThan(3000);
    await grid.waitReady();
    const shown = await grid.filteredRows();

    await app.page.locator('[data-testid="tab-panel"]:not([hidden]) [data-testid="grid-export"]').click();
    await report.byTestId('export-format').selectOption('csv');
    expect(await report.byTestId('export-path').inputValue()).toMatch(/客户信息\.csv$/);
    await report.byTestId('export-start').click();
    await report.byTestId('written-file').waitFor({ timeout: 30_000 });
    const bytes = await report.download();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]!.split(',').slice(0, 5)).toEqual(['客户编号', '客户名称', '客户类型', '行业', '地区']);
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows).toHaveLength(shown);
    expect(rows.every((r) => r[4] === region)).toBe(true);
    const ids = rows.map((r) => r[0]!);
    expect(ids).toEqual([...ids].sort().reverse());
    await report.byTestId('export-close').click();
    expect(pageErrors).toEqual([]);
  });
});
