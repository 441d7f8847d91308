import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../electron/engine/store/project-store';
import { makeDataset } from '../unit/clean/clean-fixture';
import { CHROMIUM_SKIP_MESSAGE, hasChromium, startApp, type RunningApp } from './harness';
import { AnalysisPage } from './pages/analysis-page';
import { AppPage } from './pages/app-page';
import { CleanPage } from './pages/clean-page';

if (!hasChromium) console.warn(CHROMIUM_SKIP_MESSAGE);

const D = (s: string): number => Date.parse(`${s}T00:00:00Z`);

/**
 * Shaping order lines for a segment × month pivot, as a user does it in the browser: split a
 * multi-item title into rows, merge the customers' segments in by key (after a type mismatch the
 * engine refuses in words), undo and redo the merge, then pivot segments × payment month.
 */
describe.skipIf(!hasChromium)('split into rows, merge datasets and a segment × month pivot in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kequn-e2e-shape-'));
  let app: RunningApp;
  let shell: AppPage;
  let clean: CleanPage;
  let analysis: AnalysisPage;

  beforeAll(async () => {
    const path = join(dir, 'shape.kequn');
    const store = ProjectStore.open(path, { create: true });
    makeDataset(
      store,
      '订单',
      [
        ['张三', '零基础学Java；Java精彩编程200例', 100, D('2024-01-05')],
        ['李四', 'C#项目开发实战', 50, D('2024-01-20')],
        ['张三', '编程词典', 80, D('2024-02-03')],
        ['王五', '邮费', 10, D('2024-02-09')],
      ],
      [
        { name: '买家', originalHeader: '买家', type: 'text' },
        { name: '宝贝标题', originalHeader: '宝贝标题', type: 'text' },
        { name: '金额', originalHeader: '金额', type: 'decimal' },
        { name: '付款时间', originalHeader: '付款时间', type: 'date' },
      ],
    );
    makeDataset(
      store,
      '客户细分',
      [
        ['张三', '重要价值', 180],
        ['李四', '一般保持', 50],
      ],
      [
        { name: '买家', originalHeader: '买家', type: 'text' },
        { name: '细分', originalHeader: '细分', type: 'text' },
        { name: '消费', originalHeader: '消费', type: 'decimal' },
      ],
    );
    store.close();
    app = await startApp({ projectPath: path });
    shell = new AppPage(app.page);
    clean = new CleanPage(app.page);
    analysis = new AnalysisPage(shell);
    await shell.waitReady();
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('splits a multi-item title into rows with an item number, previewing rows before → after', async () => {
    await shell.openDatasetView('订单', 'clean');
    await clean.byTestId('clean-view').waitFor();
    await clean.chooseOperation('splitRows');
    await clean.byTestId('clean-column').selectOption('宝贝标题');
    await clean.byTestId('clean-item-number').fill('第几件');
    await clean.byTestId('clean-preview-button').click();
    const summary = clean.byTestId('clean-split-summary');
    await expect.poll(() => summary.getAttribute('data-rows-after')).toBe('5');
    expect(await summary.getAttribute('data-rows-before')).toBe('4');
    expect(await clean.byTestId('clean-split-sample').getAttribute('data-items')).toBe('2');
    await clean.byTestId('clean-apply-button').click();
    await clean.byTestId('clean-applied').waitFor();
    await expect.poll(() => clean.steps()).toEqual([{ state: 'applied' }]);
  });

  it('refuses keys of types that cannot match with a coded error, then merges the segments in by 买家', async () => {
    await clean.chooseOperation('merge');
    await clean.byTestId('clean-merge-with').selectOption('客户细分');
    // The keys start at the column both datasets have.
    await expect.poll(() => clean.byTestId('clean-merge-left').inputValue()).toBe('买家');
    expect(await clean.byTestId('clean-merge-right').inputValue()).toBe('买家');
    await clean.byTestId('clean-merge-left').selectOption('付款时间');
    await clean.byTestId('clean-merge-right').selectOption('消费');
    await clean.byTestId('clean-preview-button').click();
    await expect.poll(() => clean.byTestId('clean-error').getAttribute('data-code')).toBe('CLEAN_FAILED');
    expect(await clean.byTestId('clean-error').innerText()).toContain('合并键类型不一致');
    expect(await clean.steps()).toEqual([{ state: 'applied' }]);

    await clean.byTestId('clean-merge-left').selectOption('买家');
    await clean.byTestId('clean-merge-right').selectOption('买家');
    await clean.byTestId('clean-preview-button').click();
    const summary = clean.byTestId('clean-merge-summary');
    await expect.poll(() => summary.getAttribute('data-matched')).toBe('4');
    expect(await summary.getAttribute('data-unmatched')).toBe('1');
    expect(await summary.getAttribute('data-rows-after')).toBe('5');
    expect(await summary.innerText()).toContain('合并「客户细分」');
    await clean.byTestId('clean-apply-button').click();
    await clean.byTestId('clean-applied').waitFor();
    await expect.poll(() => clean.steps()).toEqual([{ state: 'applied' }, { state: 'applied' }]);
    await clean.byTestId('clean-undo').click();
    await expect.poll(() => clean.steps()).toEqual([{ state: 'applied' }, { state: 'undone' }]);
    await clean.byTestId('clean-redo').click();
    await expect.poll(() => clean.steps()).toEqual([{ state: 'applied' }, { state: 'applied' }]);
  });

  it('pivots segments × payment month over the shaped order lines', async () => {
    await shell.openDatasetView('订单', 'pivot');
    await analysis.choose('pivot-add-rows', '细分');
    await analysis.choose('pivot-add-cols', '付款时间');
    await analysis.pivotTable.waitFor();
    await analysis.pivotRow('重要价值').waitFor();
    const cell = async (row: string, col: string): Promise<string | null> =>
      shell.activePanel.locator(`[data-testid="pivot-cell"][data-row-path="${row}"][data-col-path="${col}"]`).getAttribute('data-value');
    // 张三's January order lists two books: two rows after the split; his February order one.
    await expect.poll(() => cell('重要价值', '2024-01')).toBe('2');
    expect(await cell('重要价值', '2024-02')).toBe('1');
    expect(await cell('一般保持', '2024-01')).toBe('1');
  });
});
