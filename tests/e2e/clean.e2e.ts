import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../electron/engine/store/project-store';
import { makeDataset } from '../unit/clean/clean-fixture';
import { CHROMIUM_SKIP_MESSAGE, hasChromium, startApp, type RunningApp } from './harness';
import { AppPage } from './pages/app-page';
import { CleanPage } from './pages/clean-page';

if (!hasChromium) console.warn(CHROMIUM_SKIP_MESSAGE);

describe.skipIf(!hasChromium)('cleaning and metrics in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kequn-e2e-clean-'));
  let app: RunningApp;
  let shell: AppPage;
  let clean: CleanPage;

  beforeAll(async () => {
    const path = join(dir, 'clean.kequn');
    const store = ProjectStore.open(path, { create: true });
    makeDataset(store);
    store.close();
    app = await startApp({ projectPath: path });
    shell = new AppPage(app.page);
    clean = new CleanPage(app.page);
    await shell.waitReady();
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('previews and applies a dedupe, then undoes and redoes it from the history panel', async () => {
    await shell.openDatasetView('订单', 'clean');
    await clean.byTestId('clean-view').waitFor();
    await clean.chooseOperation('dedupe');
    await clean.pickColumns(['客户']);
    await clean.byTestId('clean-preview-button').click();
    await expect.poll(() => clean.byTestId('clean-preview').getAttribute('data-removed')).toBe('1');
    expect(await clean.byTestId('clean-preview-row').count()).toBe(1);
    // Rows 1 and 4 are identical: the quality summary counts one duplicate until the step runs.
    await expect.poll(() => clean.byTestId('clean-duplicates').getAttribute('data-count')).toBe('1');
    await clean.byTestId('clean-apply-button').click();
    await clean.byTestId('clean-applied').waitFor();
    await expect.poll(() => clean.byTestId('clean-duplicates').getAttribute('data-count')).toBe('0');
    await expect.poll(() => clean.steps()).toEqual([{ state: 'applied' }]);
    await clean.byTestId('clean-undo').click();
    await expect.poll(() => clean.steps()).toEqual([{ state: 'undone' }]);
    await clean.byTestId('clean-redo').click();
    await expect.poll(() => clean.steps()).toEqual([{ state: 'applied' }]);
  });

  it('shows a coded error for a regex that needs backtracking and changes nothing', async () => {
    await clean.chooseOperation('replace');
    await clean.pickColumns(['备注']);
    await clean.byTestId('clean-mode').selectOption('regex');
    await clean.byTestId('clean-find').fill('(a)\\1');
    // 应用 needs a preview first; the preview already refuses the pattern.
    expect(await clean.byTestId('clean-apply-button').isDisabled()).toBe(true);
    await clean.byTestId('clean-preview-button').click();
    await expect.poll(() => clean.byTestId('clean-error').getAttribute('data-code')).toBe('CLEAN_FAILED');
    expect(await clean.steps()).toEqual([{ state: 'applied' }]);
  });

  it('marks the position of a formula error, then previews and adds the column', async () => {
    await shell.openDatasetView('订单', 'formula');
    await clean.byTestId('formula-view').waitFor();
    await clean.byTestId('formula-input').fill('[下单日期] + [无此列]');
    const span = clean.byTestId('formula-error-span');
    await expect.poll(() => span.getAttribute('data-position'), { timeout: 15_000 }).toBe('9');
    expect(await span.innerText()).toBe('[无此列]');
    await clean.byTestId('formula-input').fill('IF(LEN([客户]) >= 2, "二字", "其他")');
    await expect.poll(() => clean.byTestId('formula-type').getAttribute('data-type'), { timeout: 15_000 }).toBe('text');
    await clean.byTestId('formula-preview').click();
    await expect.poll(() => clean.byTestId('formula-value').first().innerText()).toBe('二字');
    await clean.byTestId('formula-name').fill('名字长度');
    await clean.byTestId('formula-add').click();
    await clean.byTestId('formula-added').waitFor();
  });

  it('builds an RFM dataset from the order lines', async () => {
    await shell.openDatasetView('订单', 'rfm');
    await clean.byTestId('rfm-view').waitFor();
    await clean.byTestId('rfm-customer').selectOption('客户');
    await clean.byTestId('rfm-date').selectOption('下单日期');
    await clean.byTestId('rfm-amount').selectOption('金额');
    await clean.byTestId('rfm-run').click();
    // 李四 and 王五 have amounts stored as text ("1,234") and 钱七 has no date: 3 customers remain.
    await expect.poll(() => clean.byTestId('rfm-result').getAttribute('data-rows'), { timeout: 15_000 }).toBe('3');
    // What was left out is listed by reason with its count and amount (issue 19): 李四's and 王五's text
    // amounts and 赵六's empty one, and 钱七's order of 5000 without a date.
    const exclusion = (code: string) => clean.page.locator(`[data-testid="tab-panel"]:not([hidden]) [data-testid="rfm-exclusion"][data-code="${code}"]`);
    expect(await exclusion('invalidAmount').getAttribute('data-count')).toBe('3');
    expect(await exclusion('missingDate').getAttribute('data-count')).toBe('1');
    expect(await exclusion('missingDate').getAttribute('data-amount')).toBe('5000');
    await expect.poll(() => shell.datasetNames()).toContain('RFM-订单');
    // The lifecycle on the RFM dataset takes its spend trend from the orders it was computed from.
    await shell.openDatasetView('RFM-订单', 'segment-builder');
    await clean.byTestId('segment-method').selectOption('lifecycle');
    await clean.byTestId('segment-trend-source').waitFor({ timeout: 15_000 });
    expect(await clean.page.locator('[data-testid="tab-panel"]:not([hidden]) [data-testid="segment-warning"]').count()).toBe(0);
  });

  it('groups the order lines by customer into a new dataset', async () => {
    await shell.openDatasetView('订单', 'group-by');
    await clean.byTestId('groupby-view').waitFor();
    await clean.page.locator('[data-testid="tab-panel"]:not([hidden]) [data-testid="groupby-key"][data-column="客户"]').check();
    await clean.byTestId('groupby-add').click();
    await clean.byTestId('groupby-column').last().selectOption('金额');
    await clean.byTestId('groupby-run').click();
    // After the dedupe by 客户 above, each of the 7 customers is one group.
    await expect.poll(() => clean.byTestId('groupby-created').getAttribute('data-rows'), { timeout: 15_000 }).toBe('7');
    await expect.poll(() => shell.datasetNames()).toContain('订单-汇总');
  });
});
