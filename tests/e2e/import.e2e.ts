import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { tempDir } from '../helpers/temp';
import { CHROMIUM_SKIP_MESSAGE, hasChromium, startApp, type RunningApp } from './harness';
import { AppPage } from './pages/app-page';
import { ImportPage } from './pages/import-page';

if (!hasChromium) console.warn(CHROMIUM_SKIP_MESSAGE);

describe.skipIf(!hasChromium)('import in Chromium (browser mode)', () => {
  let app: RunningApp;
  let ui: AppPage;
  let importer: ImportPage;
  const tmp = tempDir('kequn-e2e-import-');
  const pageErrors: string[] = [];

  beforeAll(async () => {
    app = await startApp();
    ui = new AppPage(app.page);
    importer = new ImportPage(app.page);
    app.page.on('pageerror', (e) => pageErrors.push(e.message));
    await ui.waitReady();
  });

  afterAll(async () => {
    await app?.close();
    tmp.cleanup();
  });

  it('previews a typed path, takes a type override, imports with progress and opens the new dataset', async () => {
    const csv = join(tmp.dir, '三月订单.csv');
    writeFileSync(csv, '客户编号,金额,下单日期, 备注 \n00123,"1,234.56",2024/3/5,新客\n00124,56.85,2024/3/6,\n');
    await importer.open();
    await importer.previewPath(csv);
    expect(await importer.columnNames()).toEqual(['客户编号', '金额', '下单日期', '备注']);
    // 金额 is money (its header says so), shown at full precision.
    expect(await importer.columnTypes()).toEqual(['text', 'currency', 'date', 'text']);
    expect(await importer.columnCells(1)).toEqual(['¥1,234.56', '¥56.85']);
    await importer.setColumnType(1, 'decimal');
    await expect.poll(() => importer.columnCells(1)).toEqual(['1,234.56', '56.85']);
    await importer.run();
    await ui.datasetItem('三月订单').waitFor();
    // The new dataset opens in its default view (the import tab is no longer the active one).
    await expect.poll(() => ui.activeViewId()).not.toBe('import');
    expect(await ui.tabs.allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('三月订单')]));
    await ui.openDatasetView('三月订单', 'dataset-overview');
    expect(await ui.overviewColumnNames()).toEqual(['客户编号', '金额', '下单日期', '备注']);
    await importer.open();
    expect(await ui.activePanel.locator('[data-testid="import-notice"]').innerText()).toMatch(/已导入 2 行到"三月订单"[\s\S]*备注/);
    expect(pageErrors).toEqual([]);
  });

  it('appends next month\'s file to the imported dataset and reports unmatched columns', async () => {
    const csv = join(tmp.dir, '四月订单.csv');
    writeFileSync(csv, '客户编号,金额,渠道\n00125,5,线上\n');
    await importer.open();
    await importer.previewPath(csv);
    const panel = ui.activePanel;
    const target = panel.locator('[data-testid="import-target"]');
    const value = await target.locator('option', { hasText: '三月订单' }).getAttribute('value');
    await target.selectOption(value!);
    await importer.run();
    await expect.poll(() => ui.datasetItem('三月订单').locator('[data-testid="dataset-meta"]').innerText()).toContain('3 行');
    await importer.open();
    expect(await ui.activePanel.locator('[data-testid="import-notice"]').innerText()).toMatch(/已追加 1 行.*渠道.*下单日期/);
  });

  it('uploads a picked workbook (browser file picker) and offers its sheets', async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['客户', '金额'], ['张三', 10]]), '一月');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['客户', '金额'], ['李四', 20]]), '二月');
    const path = join(tmp.dir, '上传.xlsx');
    writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    await importer.open();
    await importer.uploadFile(path);
    expect(await importer.sheetSelect.evaluate((el) => Array.from((el as HTMLSelectElement).options, (o) => o.value))).toEqual(['一月', '二月']);
    await importer.sheetSelect.selectOption('二月');
    await expect.poll(() => app.page.locator('[data-testid="tab-panel"]:not([hidden]) [data-testid="import-preview-table"] tbody td').nth(1).innerText()).toBe('李四');
    await importer.run();
    await ui.datasetItem('上传-二月').waitFor();
  });

  it('shows a coded error for a file that is not a table', async () => {
    const bad = join(tmp.dir, 'garbage.csv');
    writeFileSync(bad, Buffer.from([0, 1, 2, 3, 0, 255, 0, 7]));
    await importer.open();
    await app.page.locator('[data-testid="tab-panel"]:not([hidden]) [data-testid="import-path"]').fill(bad);
    await app.page.locator('[data-testid="tab-panel"]:not([hidden]) [data-testid="import-preview-button"]').click();
    await expect.poll(() => ui.activePanel.locator('[data-testid="error-banner"]').innerText()).toContain('IMPORT_BINARY');
  });
});
