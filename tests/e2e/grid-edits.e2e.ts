import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../shared/contract/json';
import { writeOneDatasetProject } from './fixture-project';
import { CHROMIUM_SKIP_MESSAGE, hasChromium, startApp, type RunningApp } from './harness';
import { GridPage } from './pages/grid-page';
import { ReportPage } from './pages/report-page';

if (!hasChromium) console.warn(CHROMIUM_SKIP_MESSAGE);

const N = 20;
const CITIES = ['北京', '上海', '广州', '深圳'];
const DAY = 86_400_000;
/** City, amount 12,345.5 × (i + 1), quantity, a date every third day from 2024-01-01 (11 in January, 9 in February). */
function rows(): CellValue[][] {
  return Array.from({ length: N }, (_, i) => [CITIES[i % 4]!, 12345.5 * (i + 1), i + 1, Date.UTC(2024, 0, 1) + i * 3 * DAY]);
}

describe.skipIf(!hasChromium)('Excel grid habits in Chromium: edit, undo, fill down, delete rows, selection sum, number formats', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kequn-e2e-grid-edits-'));
  let app: RunningApp;
  let grid: GridPage;

  beforeAll(async () => {
    const path = join(dir, 'edits.kequn');
    writeOneDatasetProject(path, '订单', [['城市', 'text'], ['金额', 'currency'], ['数量', 'integer'], ['日期', 'date']], rows());
    app = await startApp({ projectPath: path });
    grid = new GridPage(app.page, [140, 110, 110], 44);
    await grid.waitReady();
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * The value of a cell, clicking it only when it is not already current: two clicks on the same
   * cell within a poll's interval are a double-click, which opens the cell's editor (as in Excel).
   */
  const valueAt = async (col: number, row: number): Promise<string> => {
    const bar = grid.root.locator('[data-testid="cell-bar"]');
    const here = (await bar.getAttribute('data-column-key')) === `c${col}` && (await bar.getAttribute('data-row')) === String(row);
    if (!here) await grid.clickCell(col, row);
    return grid.currentValue();
  };
  const notice = () => grid.root.locator('[data-testid="grid-notice"]');

  it('typing into a cell records a cleaning step; Ctrl+Z undoes it and Ctrl+Y redoes it', async () => {
    expect(await valueAt(1, 0)).toBe('¥12,345.50');
    // Enter opens the cell's editor on its stored value (F2 in Excel); the typed text replaces it.
    await app.page.keyboard.press('Enter');
    const editor = app.page.locator('#portal textarea');
    await editor.waitFor();
    await editor.fill('2000');
    await app.page.keyboard.press('Enter');
    await expect.poll(() => notice().innerText(), { timeout: 15_000 }).toContain('第 1 步');
    await expect.poll(() => valueAt(1, 0), { timeout: 15_000 }).toBe('¥2,000.00');
    await app.page.keyboard.press('Control+z');
    await expect.poll(() => valueAt(1, 0), { timeout: 15_000 }).toBe('¥12,345.50');
    await app.page.keyboard.press('Control+y');
    await expect.poll(() => valueAt(1, 0), { timeout: 15_000 }).toBe('¥2,000.00');
    await app.page.keyboard.press('Control+z');
    await expect.poll(() => valueAt(1, 0), { timeout: 15_000 }).toBe('¥12,345.50');
  });

  it('shows the sum, average and count of the selection in the status bar, computed by the engine', async () => {
    await grid.clickCell(1, 0);
    await grid.current();
    const box = await grid.canvas.boundingBox();
    await app.page.keyboard.down('Shift');
    await app.page.mouse.click(box!.x + 44 + 140 + 12, box!.y + 36 + 2 * 34 + 17);
    await app.page.keyboard.up('Shift');
    const status = app.page.locator('[data-testid="status-selection"]');
    // 12,345.5 + 24,691 + 37,036.5
    await expect.poll(() => status.innerText(), { timeout: 15_000 }).toContain('求和：¥74,073.00');
    expect(await status.innerText()).toContain('平均值：¥24,691.00');
    expect(await status.innerText()).toContain('计数：3');
  });

  it('a number format chosen in the column menu is saved with the dataset and shown in the grid and the sums', async () => {
    const menu = await grid.rightClickHeader(1, 'c1');
    await menu.locator('[data-testid="menu-format"]').click();
    const dialog = app.page.locator('[data-testid="format-dialog"]');
    await dialog.locator('[data-testid="format-style"]').selectOption('wan');
    await expect.poll(() => dialog.locator('[data-testid="format-preview"]').innerText()).toContain('123.5万');
    await dialog.locator('[data-testid="format-save"]').click();
    await expect.poll(() => valueAt(1, 1), { timeout: 15_000 }).toBe('2.5万');
    // Saved with the dataset: a fresh page shows it too.
    await app.page.reload();
    await grid.waitReady();
    await expect.poll(() => valueAt(1, 1), { timeout: 15_000 }).toBe('2.5万');
  });

  it('the number format goes into the exported workbook as the cell format; CSV keeps the full number', async () => {
    const report = new ReportPage(app.page);
    const exportAs = async (format: 'xlsx' | 'csv'): Promise<Buffer> => {
      await grid.root.locator('[data-testid="grid-export"]').click();
      await report.byTestId('export-format').selectOption(format);
      await report.byTestId('export-start').click();
      await report.byTestId('written-file').waitFor({ timeout: 30_000 });
      const bytes = await report.download();
      await report.byTestId('export-close').click();
      return bytes;
    };
    const book = new ExcelJS.Workbook();
    const xlsx = join(dir, 'view.xlsx');
    writeFileSync(xlsx, await exportAs('xlsx'));
    await book.xlsx.readFile(xlsx);
    const sheet = book.worksheets[0]!;
    expect(sheet.getCell('B1').value).toBe('金额');
    // The stored number with the 万 format Excel shows as 2.5万, as the grid does.
    expect(sheet.getCell('B3').value).toBe(24691);
    expect(sheet.getCell('B3').numFmt).toBe('0!.0,"万"');
    const csv = (await exportAs('csv')).toString('utf8').slice(1).split('\r\n');
    expect(csv[0]).toBe('城市,金额,数量,日期');
    expect(csv[2]!.split(',')[1]).toBe('24691');
  });

  it('Ctrl+D fills the first row of the selection down; 删除所选行 removes rows; both are undoable steps', async () => {
    await grid.clickCell(0, 0);
    await grid.current();
    const box = await grid.canvas.boundingBox();
    await app.page.keyboard.down('Shift');
    await app.page.mouse.click(box!.x + 44 + 12, box!.y + 36 + 2 * 34 + 17);
    await app.page.keyboard.up('Shift');
    await app.page.keyboard.press('Control+d');
    await expect.poll(() => valueAt(0, 2), { timeout: 15_000 }).toBe('北京');
    expect(await valueAt(0, 1)).toBe('北京');
    const menu = await grid.rightClickCell(2, 3);
    await menu.locator('[data-testid="menu-item"][data-item-id="delete-rows"]').click();
    await expect.poll(() => grid.filteredRows(), { timeout: 15_000 }).toBe(N - 1);
    expect(await valueAt(2, 3)).toBe('5');
    await app.page.keyboard.press('Control+z');
    await expect.poll(() => notice().innerText(), { timeout: 15_000 }).toContain('剩余 1 步');
    await expect.poll(() => grid.filteredRows(), { timeout: 15_000 }).toBe(N);
    // The fill down stays.
    expect(await valueAt(0, 2)).toBe('北京');
  });

  it('the date filter lists years that open into months and days, and filters by the parts left checked', async () => {
    const menu = await grid.rightClickHeader(3, 'c3');
    const year = menu.locator('[data-testid="date-year"][data-year="2024"]');
    await expect.poll(() => year.innerText(), { timeout: 15_000 }).toContain('20');
    await year.locator('button').click();
    const january = menu.locator('[data-testid="date-month"][data-month="2024-01"]');
    expect(await january.innerText()).toContain('11');
    await january.locator('input[type="checkbox"]').uncheck();
    await menu.locator('[data-testid="menu-apply"]').click();
    await expect.poll(() => grid.filteredRows(), { timeout: 15_000 }).toBe(9);
    const again = await grid.rightClickHeader(3, 'c3');
    await again.locator('[data-testid="menu-clear"]').click();
    await expect.poll(() => grid.filteredRows(), { timeout: 15_000 }).toBe(N);
  });
});
