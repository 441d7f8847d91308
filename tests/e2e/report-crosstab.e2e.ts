import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { CHROMIUM_SKIP_MESSAGE, hasChromium, ROOT, startApp, type RunningApp } from './harness';
import { AnalysisPage } from './pages/analysis-page';
import { AppPage } from './pages/app-page';
import { ReportPage } from './pages/report-page';

if (!hasChromium) console.warn(CHROMIUM_SKIP_MESSAGE);

function cli(...args: string[]): unknown {
  const r = spawnSync(join(ROOT, 'node_modules', '.bin', 'node'), [join(ROOT, 'dist', 'engine', 'cli.mjs'), ...args, '--json'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`kequn ${args.join(' ')} failed: ${r.stdout}${r.stderr}`);
  return JSON.parse(r.stdout);
}

interface ScreenCell {
  row: string;
  col: string;
  value: string;
  text: string;
  bg: string;
}

const FIGURES = { value: '客户数（去重）', rowPct: '行占比', tgi: 'TGI（整体 = 100）' } as const;

/** "#RRGGBB" or "FFRRGGBB" → "rgb(r, g, b)", as the browser reports a background. */
function rgb(hex: string): string {
  const h = hex.replace(/^#|^FF(?=[0-9A-F]{6}$)/i, '');
  return `rgb(${[0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)).join(', ')})`;
}

/**
 * One analysis, one builder: a cross-tab built on screen, saved, then written into the report from
 * the report view. Every cell of the report's cross-tab — number, displayed text (with ▲/▼) and
 * colour — equals the cell the screen showed.
 */
describe.skipIf(!hasChromium)('the report shows the cross-tab exactly as the screen did', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kequn-e2e-xtab-'));
  let app: RunningApp;
  let ui: AppPage;
  let analysis: AnalysisPage;
  let report: ReportPage;
  const screen = new Map<string, ScreenCell[]>();
  const pageErrors: string[] = [];
  let segments: string[] = [];

  beforeAll(async () => {
    const demo = cli('demo', '--dir', dir) as { project: string };
    cli('rfm', '--project', demo.project, '--dataset', '订单明细', '--customer', '客户编号', '--date', '下单时间', '--amount', '金额');
    segments = (cli('segment', 'rfm8', '--project', demo.project, '--dataset', 'RFM-订单明细') as { segments: { name: string }[] }).segments.map((s) => s.name);
    app = await startApp({ projectPath: demo.project, name: 'report-crosstab' });
    ui = new AppPage(app.page);
    analysis = new AnalysisPage(ui);
    report = new ReportPage(app.page);
    app.page.on('pageerror', (e) => pageErrors.push(e.message));
    await ui.waitReady();
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds the cross-tab on screen: segments × top 5 categories + 其他, distinct customers, ▲/▼, saved', async () => {
    await ui.openDatasetView('RFM-订单明细', 'crosstab');
    await analysis.choose('crosstab-facts', '订单明细');
    await analysis.choose('crosstab-cols', '产品类别');
    await analysis.choose('crosstab-measure', '客户数（去重）');
    await analysis.choose('crosstab-top', '合计前 5 名 + 其他');
    await ui.activePanel.locator('[data-testid="crosstab-min-base"]').fill('30');
    await expect.poll(() => ui.activePanel.locator('[data-testid="crosstab-col"]').allInnerTexts(), { timeout: 15_000 }).toContain('其他');
    for (const [figure] of Object.entries(FIGURES)) {
      await ui.activePanel.locator('[data-testid="crosstab-show"]').selectOption(figure);
      await ui.activePanel.locator(`[data-testid="crosstab-table"][data-figure="${figure}"]`).waitFor();
      screen.set(
        figure,
        await analysis.crosstabCells.evaluateAll((tds) =>
          tds.map((td) => ({
            row: td.getAttribute('data-row') ?? '',
            col: td.getAttribute('data-col') ?? '',
            value: td.getAttribute('data-value') ?? '',
            text: (td.textContent ?? '').trim(),
            bg: getComputedStyle(td).backgroundColor,
          })),
        ),
      );
    }
    const tgi = screen.get('tgi')!;
    expect(tgi.length).toBe(segments.length * 6);
    // The demo's segments differ: some cells are significant, and the marks show in the text.
    expect(tgi.some((c) => c.text.endsWith('▲'))).toBe(true);
    expect(tgi.some((c) => c.text.endsWith('▼'))).toBe(true);
    // Rows follow the RFM-8 scheme, not pinyin order.
    expect([...new Set(tgi.map((c) => c.row))]).toEqual(segments);
    await ui.activePanel.locator('[data-testid="crosstab-save-name"]').fill('细分×品类');
    await ui.activePanel.locator('[data-testid="crosstab-save"]').click();
    await ui.activePanel.getByText('已保存：细分×品类').waitFor();
  });

  it('writes the report with the saved cross-tab: every cell equals the screen’s', async () => {
    await ui.page.locator('[data-testid="project-view-item"][data-view-id="segment-overview"]').click();
    await ui.page.locator('[data-testid="tab-panel"]:not([hidden]) [data-testid="open-report"]').click();
    await report.byTestId('report-view').waitFor();
    for (const sheet of ['profiles', 'actions', 'customers', 'pivots', 'charts', 'method']) await report.sheet(sheet).uncheck();
    // The demo's finished workflow has its own saved cross-tab; only the one built here goes in.
    const saved = ui.activePanel.locator('label', { has: ui.page.locator('[data-testid="report-analysis"]') });
    await saved.first().waitFor();
    const ours = saved.filter({ hasText: '细分×品类' }).locator('[data-testid="report-analysis"]');
    expect(await ours.count()).toBe(1);
    expect(await ours.isChecked()).toBe(true);
    for (const other of await saved.filter({ hasNotText: '细分×品类' }).locator('[data-testid="report-analysis"]').all()) await other.uncheck();
    await report.byTestId('report-write').click();
    await report.byTestId('written-file').waitFor({ timeout: 60_000 });
    const wb = XLSX.read(await report.download(), { cellStyles: true });
    expect(wb.SheetNames).toEqual(['概览', '偏好交叉表']);
    const ws = wb.Sheets['偏好交叉表']!;
    const grid = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, defval: null });
    expect(grid[0]![0]).toBe('细分×品类');
    for (const [figure, title] of Object.entries(FIGURES)) {
      const at = grid.findIndex((r) => r[0] === title);
      expect(at, title).toBeGreaterThan(0);
      const header = grid[at + 1]!.map((v) => String(v ?? ''));
      const cells = screen.get(figure)!;
      for (const cell of cells) {
        const r = at + 2 + grid.slice(at + 2).findIndex((line) => line[0] === cell.row);
        const c = header.indexOf(cell.col);
        expect(c, `${title} column ${cell.col}`).toBeGreaterThan(0);
        const x = ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject;
        expect(x.v, `${title} ${cell.row} × ${cell.col}`).toBe(Number(cell.value));
        expect(x.w, `${title} ${cell.row} × ${cell.col}`).toBe(cell.text);
        const fill = (x.s as { fgColor?: { rgb?: string } } | undefined)?.fgColor?.rgb;
        expect(rgb(fill ?? ''), `${title} ${cell.row} × ${cell.col} colour`).toBe(cell.bg);
      }
    }
    expect(pageErrors).toEqual([]);
  });
});
