import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../electron/engine/store/project-store';
import { CUSTOMER_COLUMNS, customerRows } from '../unit/cluster/engine-helpers';
import { CHROMIUM_SKIP_MESSAGE, hasChromium, startApp, type RunningApp } from './harness';
import { AppPage } from './pages/app-page';
import { ClusterPage } from './pages/cluster-page';

if (!hasChromium) console.warn(CHROMIUM_SKIP_MESSAGE);

function writeProject(path: string): void {
  const store = ProjectStore.open(path, { create: true });
  const columns = CUSTOMER_COLUMNS.map(([name, type]) => ({ name, originalHeader: name, type }));
  store.createDataset({ name: '客户', kind: 'import', source: null, columns }, customerRows(300));
  const next = customerRows(30, 7);
  next[0]![1] = 999999; // outside the training range: a drift warning
  store.createDataset({ name: '下月客户', kind: 'import', source: null, columns }, next);
  // One ¥250,000 buyer among ordinary customers: without the log transform a cluster of one.
  store.createDataset({ name: '含大客户', kind: 'import', source: null, columns }, [...customerRows(300), ['WHALE', 250_000, 24, 12, '华东']]);
  store.close();
}

describe.skipIf(!hasChromium)('cluster analysis in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kequn-e2e-cluster-'));
  let app: RunningApp;
  let shell: AppPage;
  let cluster: ClusterPage;

  beforeAll(async () => {
    const path = join(dir, 'cluster.kequn');
    writeProject(path);
    app = await startApp({ projectPath: path, name: 'cluster' });
    shell = new AppPage(app.page);
    cluster = new ClusterPage(app.page);
    await shell.waitReady();
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('picks numeric features, compares k with four charts and suggests k = 3', async () => {
    await shell.openDatasetView('客户', 'cluster');
    expect(await cluster.includedFeatures()).toEqual(['消费金额', '购买次数', '最近购买天数']);
    await cluster.scan(2, 6);
    expect(await cluster.byTestId('cluster-advisor').getAttribute('data-suggested-k')).toBe('3');
    expect(await cluster.byTestId('cluster-suggestion-reason').innerText()).toContain('轮廓系数');
    for (const chart of ['elbow', 'silhouette', 'ch', 'db']) await cluster.byTestId(`cluster-chart-${chart}`).locator('canvas').first().waitFor();
  });

  it('runs the suggested k with progress, shows profiles, charts and business names', async () => {
    await cluster.byTestId('cluster-use-k').click();
    expect(await cluster.byTestId('cluster-k').inputValue()).toBe('3');
    const id = await cluster.run();
    expect(id).toMatch(/^s\d+$/);
    const names = await cluster.clusterNames();
    expect(names).toHaveLength(3);
    expect(names).toContain('高消费·高频·近期活跃');
    const sizes = await cluster.panel.locator('[data-testid="cluster-size"]').allInnerTexts();
    expect(sizes).toEqual(['100', '100', '100']);
    for (const chart of ['snake', 'radar', 'pca', 'sizes']) await cluster.byTestId(`cluster-chart-${chart}`).locator('canvas').first().waitFor();
    // The feature columns are indices, and say so; the result (below the form) was brought into view.
    expect(await cluster.panel.locator('[data-testid="cluster-index-header"]').allInnerTexts()).toEqual(['消费金额 指数', '购买次数 指数', '最近购买天数 指数']);
    expect(await cluster.byTestId('cluster-index-note').innerText()).toContain('不是原始数值');
    expect(await cluster.byTestId('cluster-ready').innerText()).toContain('3 个群');
    await expect
      .poll(async () => {
        const box = await cluster.byTestId('cluster-result').boundingBox();
        return box !== null && box.y < 800 && box.y + 40 > 0;
      })
      .toBe(true);
  });

  it('renames a cluster', async () => {
    await cluster.rename(1, '重点客户');
    await expect.poll(async () => (await cluster.clusterNames())[0], { timeout: 15_000 }).toBe('重点客户');
  });

  it('scores next month’s customers and warns about drift', async () => {
    const result = await cluster.score('下月客户');
    expect(await result.getAttribute('data-assigned')).toBe('30');
    expect(await cluster.byTestId('cluster-drift-warning').innerText()).toContain('消费金额');
    const rows = await cluster.panel.locator('[data-testid="cluster-score-row"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-cluster-name')));
    expect(rows).toContain('重点客户');
    expect(app.consoleErrors()).toEqual([]);
  });

  it('money is log-transformed by default (as in kequn kmeans); without it a one-customer cluster is warned about', async () => {
    await shell.openDatasetView('含大客户', 'cluster');
    await cluster.byTestId('cluster-features').waitFor();
    expect(await cluster.transformOf('消费金额')).toBe('log1p,zscore');
    expect(await cluster.transformOf('购买次数')).toBe('zscore');
    await cluster.setTransform('消费金额', 'zscore');
    await cluster.byTestId('cluster-k').fill('4');
    await cluster.run();
    const warning = cluster.byTestId('cluster-warning');
    await warning.waitFor();
    expect(await warning.getAttribute('data-code')).toBe('CLUSTER_TINY');
    expect(await warning.innerText()).toContain('对数变换');
    expect(app.consoleErrors()).toEqual([]);
  });
});
