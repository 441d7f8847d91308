import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../electron/engine/store/project-store';
import type { ColumnType } from '../../shared/contract/datasets';
import { readCsv } from '../unit/models/model-fixtures';
import { CHROMIUM_SKIP_MESSAGE, hasChromium, startApp, type RunningApp } from './harness';
import { AppPage } from './pages/app-page';
import { ModelsPage } from './pages/models-page';

if (!hasChromium) console.warn(CHROMIUM_SKIP_MESSAGE);

const NUMERIC = new Set(['age', 'balance', 'day', 'duration', 'campaign', 'pdays', 'previous']);

/** The UCI bank customers (first 1,500 rows, the file in tests/fixtures/models). */
function writeProject(path: string): void {
  const rows = readCsv('bank.csv').slice(0, 1500);
  const header = Object.keys(rows[0]!);
  const store = ProjectStore.open(path, { create: true });
  store.createDataset(
    { name: '银行客户', kind: 'import', source: null, columns: header.map((h) => ({ name: h, originalHeader: h, type: (NUMERIC.has(h) ? 'integer' : 'text') as ColumnType })) },
    rows.map((r) => header.map((h) => (NUMERIC.has(h) ? Number(r[h]) : r[h]!))),
  );
  store.close();
}

describe.skipIf(!hasChromium)('models in Chromium: factors, k-prototypes, decision tree, Ward', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kequn-e2e-models-'));
  let app: RunningApp;
  let shell: AppPage;
  let ui: ModelsPage;

  beforeAll(async () => {
    const path = join(dir, 'models.kequn');
    writeProject(path);
    app = await startApp({ projectPath: path, name: 'models' });
    shell = new AppPage(app.page);
    ui = new ModelsPage(app.page);
    await shell.waitReady();
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('factor analysis: KMO, scree, shaded loadings, renamed factors saved as columns', async () => {
    await shell.openDatasetView('银行客户', 'factor');
    await ui.check('factor-column', ['age', 'balance', 'day', 'duration', 'campaign', 'pdays', 'previous']);
    await ui.byTestId('factor-count').fill('2');
    await ui.byTestId('factor-run').click();
    expect(await (await ui.waitFor('factor-kmo')).innerText()).toContain('KMO');
    await ui.byTestId('factor-scree').locator('canvas').first().waitFor();
    expect(await ui.panel.locator('[data-testid="factor-loading"].k-models__strong').count()).toBeGreaterThan(0);
    await ui.panel.locator('[data-testid="factor-name"]').first().fill('联系因子');
    await ui.byTestId('factor-save-names').click();
    await ui.byTestId('factor-save-scores').click();
    expect(await (await ui.waitFor('factor-saved')).innerText()).toContain('联系因子');
  });

  it('k-prototypes on numeric and text columns: profiles with modal categories', async () => {
    await shell.openDatasetView('银行客户', 'kproto');
    await ui.byTestId('kproto-columns').waitFor();
    for (const c of ['day', 'pdays', 'previous', 'default', 'housing', 'loan', 'contact', 'month', 'poutcome', 'y', 'campaign', 'duration', '联系因子']) {
      const sel = ui.panel.locator(`[data-testid="kproto-role"][data-column="${c}"]`);
      if ((await sel.count()) > 0) await sel.selectOption('off');
    }
    await ui.byTestId('kproto-k').fill('3');
    await ui.byTestId('kproto-run').click();
    await ui.waitFor('kproto-result');
    expect(await ui.panel.locator('[data-testid="kproto-cluster"]').count()).toBe(3);
    expect(await ui.byTestId('kproto-profiles').innerText()).toContain('job=');
  });

  it('decision tree explains the segmentation in rules; why one customer', async () => {
    await shell.openDatasetView('银行客户', 'tree');
    await ui.byTestId('tree-segmentation').waitFor();
    await ui.check('tree-column', ['age', 'balance', 'job', 'marital']);
    await ui.byTestId('tree-fit').click();
    await ui.waitFor('tree-result');
    expect(await ui.panel.locator('[data-testid="tree-rule"]').count()).toBeGreaterThan(1);
    expect(await ui.byTestId('tree-accuracy').innerText()).toMatch(/留出准确率 \d/);
    await ui.byTestId('tree-why-row').fill('5');
    await ui.byTestId('tree-why').click();
    expect(await (await ui.waitFor('tree-why-result')).innerText()).toContain('模型判定');
    await ui.byTestId('tree-apply-run').click();
    expect(await (await ui.waitFor('tree-apply-done')).innerText()).toMatch(/已保存为细分 s\d+/);
  });

  it('the grid asks "why this segment" for the selected row and the tree view answers', async () => {
    // The first tab is the dataset's grid; the tree model made above enables the button.
    await app.page.locator('[data-testid="tab"]').first().click();
    const grid = app.page.locator('[data-testid="tab-panel"]:not([hidden]) [data-testid="grid-canvas"]');
    await grid.waitFor();
    const box = (await grid.boundingBox())!;
    // Third data row, first column (header 36 px, rows 34 px as Glide draws them).
    await app.page.mouse.click(box.x + 80, box.y + 36 + 2 * 34 + 17);
    await app.page.locator('[data-testid="tab-panel"]:not([hidden]) [data-testid="grid-why"]').click();
    const why = await ui.waitFor('tree-why-result');
    expect(await why.innerText()).toContain('模型判定');
    expect(await ui.byTestId('tree-why-row').inputValue()).toBe('3');
  });

  it('Ward: dendrogram with a draggable cut; keep the clusters', async () => {
    await shell.openDatasetView('银行客户', 'hclust');
    await ui.byTestId('hclust-run').click();
    const result = await ui.waitFor('hclust-result');
    const before = await result.getAttribute('data-k');
    const cut = ui.byTestId('hclust-cut');
    await ui.byTestId('hclust-dendrogram').scrollIntoViewIfNeeded();
    const box = (await ui.byTestId('hclust-dendrogram').boundingBox())!;
    const line = (await cut.boundingBox())!;
    await app.page.mouse.move(line.x + line.width / 2, line.y + line.height / 2);
    await app.page.mouse.down();
    await app.page.mouse.move(line.x + line.width / 2, box.y + box.height * 0.8, { steps: 8 });
    await app.page.mouse.up();
    await expect.poll(async () => result.getAttribute('data-k')).not.toBe(before);
    await ui.byTestId('hclust-keep').click();
    expect(await (await ui.waitFor('hclust-kept')).innerText()).toMatch(/s\d+/);
    expect(app.consoleErrors()).toEqual([]);
  });

  it('导出为 SQL from the tree, the factor model and k-prototypes: each statement checks out on the project data', async () => {
    const exportAndCheck = async (resultId: string, contains: string): Promise<string> => {
      await ui.waitFor(resultId);
      await ui.byTestId(resultId).locator('[data-testid="open-sql-export"]').click();
      await ui.waitFor('sql-export-view');
      await expect.poll(() => ui.byTestId('sql-text').innerText()).toContain(contains);
      await ui.byTestId('sql-check').click();
      const check = await ui.waitFor('sql-check-result');
      expect(await check.getAttribute('data-compared')).toBe('1500');
      expect(await check.getAttribute('data-agree')).toBe('1500');
      return check.innerText();
    };
    await shell.openDatasetView('银行客户', 'tree');
    expect(await exportAndCheck('tree-result', 'AS tree_node')).toBe('1,500 / 1,500 行一致');
    await shell.openDatasetView('银行客户', 'factor');
    expect(await exportAndCheck('factor-result', 'AS "联系因子"')).toBe('1,500 / 1,500 行一致（得分相对误差 ≤ 1e-9）');
    await shell.openDatasetView('银行客户', 'kproto');
    expect(await exportAndCheck('kproto-result', "Huang's cost")).toBe('1,500 / 1,500 行一致');
    expect(app.consoleErrors()).toEqual([]);
  });
});
