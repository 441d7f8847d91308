import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../shared/contract/json';
import { writeOneDatasetProject } from './fixture-project';
import { CHROMIUM_SKIP_MESSAGE, hasChromium, startApp, type RunningApp } from './harness';
import { AppPage } from './pages/app-page';
import { CleanPage } from './pages/clean-page';
import { GridPage } from './pages/grid-page';

if (!hasChromium) console.warn(CHROMIUM_SKIP_MESSAGE);

const D = (s: string): number => Date.parse(`${s}T00:00:00Z`);
const COLUMNS = ['买家会员名', '下单日期', '金额', '宝贝标题'];
/**
 * Orders with repeat buyers: 张三 orders three times (rows 1, 3, 7) and 李四 once; rows 4, 6
 * and 8 are the same order exported twice (whole-row copies of rows 1, 2 and 2).
 */
const ROWS: CellValue[][] = [
  ['张三', D('2024-01-05'), 100, '书A'],
  ['李四', D('2024-01-06'), 50, '书B'],
  ['张三', D('2024-02-10'), 80, '书C'],
  ['张三', D('2024-01-05'), 100, '书A'],
  ['王五', D('2024-03-01'), 30, '书D'],
  ['李四', D('2024-01-06'), 50, '书B'],
  ['张三', D('2024-03-15'), 120, '书E'],
  ['李四', D('2024-01-06'), 50, '书B'],
];

describe.skipIf(!hasChromium)('safe cleaning defaults in Chromium: nothing destructive preselected, dedupe previews exactly what it removes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kequn-e2e-dedupe-'));
  let app: RunningApp;
  let shell: AppPage;
  let clean: CleanPage;

  beforeAll(async () => {
    const path = join(dir, 'dedupe.kequn');
    writeOneDatasetProject(path, '订单', [['买家会员名', 'text'], ['下单日期', 'date'], ['金额', 'decimal'], ['宝贝标题', 'text']], ROWS);
    app = await startApp({ projectPath: path });
    shell = new AppPage(app.page);
    clean = new CleanPage(app.page);
    await shell.waitReady();
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const previewRows = () =>
    clean.byTestId('clean-preview-row').evaluateAll((els) => els.map((e) => [Number(e.getAttribute('data-row')), Number(e.getAttribute('data-duplicate-of'))]));
  const duplicates = async () => ({
    count: await clean.byTestId('clean-duplicates').getAttribute('data-count'),
    keys: await clean.byTestId('clean-duplicates').getAttribute('data-keys'),
  });

  it('opens with no operation chosen: nothing to preview or apply', async () => {
    await shell.openDatasetView('订单', 'clean');
    await clean.byTestId('clean-view').waitFor();
    expect(await clean.byTestId('clean-op').inputValue()).toBe('');
    expect(await clean.byTestId('clean-preview-button').isDisabled()).toBe(true);
    expect(await clean.byTestId('clean-apply-button').isDisabled()).toBe(true);
    expect(await clean.byTestId('clean-destructive').count()).toBe(0);
    // The quality figure counts whole-row duplicates: the three exported twice, not the repeat orders.
    await expect.poll(duplicates).toEqual({ count: '3', keys: COLUMNS.join(',') });
  });

  it('dedupe keys every column by default and previews exactly the rows it removes, with the row each repeats', async () => {
    await clean.chooseOperation('dedupe');
    const boxes = clean.byTestId('clean-columns').locator('input[type="checkbox"]');
    expect(await boxes.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).checked))).toEqual([true, true, true, true]);
    expect(await clean.byTestId('clean-destructive').isVisible()).toBe(true);
    // 应用 waits for a preview.
    expect(await clean.byTestId('clean-apply-button').isDisabled()).toBe(true);
    await clean.byTestId('clean-preview-button').click();
    await expect.poll(() => clean.byTestId('clean-preview').getAttribute('data-removed')).toBe('3');
    expect(await previewRows()).toEqual([
      [4, 1],
      [6, 2],
      [8, 2],
    ]);
    expect(await clean.byTestId('clean-removed-pager').getAttribute('data-total')).toBe('3');
    await expect.poll(duplicates).toEqual({ count: '3', keys: COLUMNS.join(',') });
    expect(await clean.byTestId('clean-apply-button').isDisabled()).toBe(false);
  });

  it('narrowing the key to the buyer warns, drops the preview, and the figure follows the same key', async () => {
    await clean.pickColumns(['买家会员名']);
    expect(await clean.byTestId('clean-apply-button').isDisabled()).toBe(true);
    expect(await clean.byTestId('clean-keys-hint').getAttribute('class')).toContain('k-clean__warn');
    await expect.poll(duplicates).toEqual({ count: '5', keys: '买家会员名' });
    await clean.byTestId('clean-preview-button').click();
    await expect.poll(() => clean.byTestId('clean-preview').getAttribute('data-removed')).toBe('5');
    expect((await previewRows()).map(([row]) => row)).toEqual([3, 4, 6, 7, 8]);
    // Back to every column before applying.
    await clean.pickColumns(COLUMNS);
    await expect.poll(duplicates).toEqual({ count: '3', keys: COLUMNS.join(',') });
    await clean.byTestId('clean-preview-button').click();
    await expect.poll(() => clean.byTestId('clean-preview').getAttribute('data-removed')).toBe('3');
  });

  it('apply removes exactly the previewed rows (the repeat orders stay) and undo brings them back', async () => {
    await clean.byTestId('clean-apply-button').click();
    await clean.byTestId('clean-applied').waitFor();
    await expect.poll(() => clean.steps()).toEqual([{ state: 'applied' }]);
    await expect.poll(duplicates).toEqual({ count: '0', keys: COLUMNS.join(',') });
    await shell.openDatasetView('订单', 'grid');
    const grid = new GridPage(app.page, [140], 44);
    await grid.waitReady();
    await expect.poll(() => grid.filteredRows(), { timeout: 15_000 }).toBe(5);
    const names: string[] = [];
    for (let r = 0; r < 5; r++) {
      await grid.clickCell(0, r);
      await expect.poll(async () => (await grid.current()).row).toBe(r);
      names.push(await grid.currentValue());
    }
    // Rows 1, 2, 3, 5, 7: 张三's three different orders are all kept.
    expect(names).toEqual(['张三', '李四', '张三', '王五', '张三']);

    await shell.openDatasetView('订单', 'clean');
    await clean.byTestId('clean-undo').click();
    await expect.poll(() => clean.steps()).toEqual([{ state: 'undone' }]);
    await expect.poll(duplicates).toEqual({ count: '3', keys: COLUMNS.join(',') });
    await shell.openDatasetView('订单', 'grid');
    await expect.poll(() => grid.filteredRows(), { timeout: 15_000 }).toBe(8);
  });
});
