import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeFor } from '../../../electron/engine/models/cart';
import { storedFeatures } from '../../../electron/engine/models/tree-data';
import { storedTree } from '../../../electron/engine/models/tree-run';
import { readModelRecord } from '../../../electron/engine/store/model-store';
import type { ColumnType } from '../../../shared/contract/datasets';
import type { CellValue } from '../../../shared/contract/json';
import { treeModelSchema } from '../../../shared/contract/tree';
import { addDataset, columnByKey, openTestProject, type TestProject } from '../cluster/engine-helpers';
import { adjustedRand } from '../cluster/cluster-fixtures';
import { readCsv } from './model-fixtures';

const NUMERIC = new Set(['age', 'balance', 'day', 'duration', 'campaign', 'pdays', 'previous']);

/** The UCI bank file as a dataset (numbers as integers, the rest as text); `edit` may change a cell. */
function bankDataset(t: TestProject, name: string, edit?: (row: number, column: string, value: CellValue) => CellValue): string {
  const rows = readCsv('bank.csv');
  const header = Object.keys(rows[0]!);
  const columns = header.map((h): [string, ColumnType] => [h, NUMERIC.has(h) ? 'integer' : 'text']);
  const values: CellValue[][] = rows.map((r, i) =>
    header.map((h) => {
      const v = NUMERIC.has(h) ? Number(r[h]) : r[h]!;
      return edit ? edit(i, h, v) : v;
    }),
  );
  return addDataset(t.store, name, columns, values);
}

describe('models through the engine on the UCI bank data', () => {
  let t: TestProject;
  let bank: string;
  let kmeansSeg: string;
  beforeAll(async () => {
    t = await openTestProject();
    bank = bankDataset(t, 'bank');
    const km = await t.client.call('cluster.run', { datasetId: bank, features: ['age', 'duration', 'campaign'].map((column) => ({ column })), k: 4 });
    kmeansSeg = km.segmentation.id;
  }, 60_000);
  afterAll(() => t.close());

  it('tree.fit explains a segmentation; its rule scheme labels every row exactly as the tree, also with missing values and unseen levels', async () => {
    const fit = await t.client.call('tree.fit', { segmentationId: kmeansSeg, columns: ['age', 'job', 'marital', 'education', 'balance', 'duration', 'campaign', 'housing'], maxDepth: 5, minLeaf: 10 });
    expect(fit.testAccuracy).toBeGreaterThan(0.9);
    expect(fit.rowsTrain + fit.rowsTest + fit.rowsSkipped).toBe(4521);
    expect(fit.rules.reduce((s, r) => s + r.coverage, 0)).toBe(4521);
    for (const c of fit.perClass) if (c.precision !== null) expect(c.precision).toBeLessThanOrEqual(1);
    // New data: blanks in every explanatory column and a job nobody had in training.
    const other = bankDataset(t, 'bank-new', (i, h, v) => {
      if (i % 7 === 0 && ['age', 'duration', 'campaign', 'job', 'balance'][i % 5] === h) return null;
      return h === 'job' && i % 11 === 3 ? 'astronaut' : v;
    });
    const scored = await t.client.call('tree.score', { modelId: fit.model.id, datasetId: other });
    expect(scored.segmentation).not.toBeNull();
    const labels = columnByKey(t.store, other, scored.segmentation!.columnKey);
    const { record } = readModelRecord(t.store, fit.model.id, 'tree', treeModelSchema);
    const features = storedFeatures(t.store, other, record, false);
    const tree = storedTree(record);
    let blanks = 0;
    for (let r = 0; r < labels.length; r++) {
      const node = nodeFor(tree, features, r);
      if (tree.nodes[node]!.split) blanks++;
      expect(labels[r]).toBe(record.classes[tree.nodes[node]!.prediction]);
    }
    expect(blanks).toBeGreaterThan(0);
  });

  it('tree.fit also explains a label column (imported segment labels), and row explanations read it', async () => {
    const fit = await t.client.call('tree.fit', { datasetId: bank, target: 'y', columns: ['age', 'duration', 'job', 'poutcome'], maxDepth: 4 });
    expect(fit.segmentationId).toBeNull();
    expect(fit.classes.sort()).toEqual(['no', 'yes']);
    expect(fit.testAccuracy).toBeGreaterThan(0.85);
    const why = await t.client.call('tree.explainRow', { modelId: fit.model.id, row: 0 });
    expect(why.actual).toBe('no');
    await expect(t.client.call('tree.fit', { datasetId: bank, columns: ['age'] })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(t.client.call('tree.fit', { datasetId: bank, target: 'y', columns: ['y', 'age'] })).rejects.toMatchObject({ code: 'MODEL_INVALID' });
  });

  it('tree.explainRow walks one row to its rule', async () => {
    const fit = await t.client.call('tree.fit', { segmentationId: kmeansSeg, columns: ['age', 'duration', 'campaign'], maxDepth: 3 });
    const why = await t.client.call('tree.explainRow', { modelId: fit.model.id, row: 4 });
    expect(why.steps.length).toBeGreaterThan(0);
    expect(why.rule).not.toBeNull();
    expect(why.steps.every((s) => typeof s.value === 'number')).toBe(true);
    expect(why.rule!.text.zh).toContain(why.steps[0]!.column);
    const list = await t.client.call('models.list', { datasetId: bank, kind: 'tree' });
    expect(list.map((m) => m.id)).toContain(fit.model.id);
  });

  it('kproto.run clusters numeric and text columns; the same seed gives the same labels; scoring reproduces them', async () => {
    const params = { datasetId: bank, numeric: ['age', 'balance', 'duration'], categorical: ['job', 'marital', 'education'], k: 4, restarts: 3 };
    const a = await t.client.call('kproto.run', params);
    const b = await t.client.call('kproto.run', params);
    expect(a.gamma).toBeCloseTo(0.5, 9);
    expect(a.clusters.map((c) => c.size)).toEqual(b.clusters.map((c) => c.size));
    expect(a.clusters.reduce((s, c) => s + c.size, 0)).toBe(4521);
    expect(a.clusters[0]!.modes).toHaveLength(3);
    const la = columnByKey(t.store, bank, a.segmentation.columnKey);
    const lb = columnByKey(t.store, bank, b.segmentation.columnKey);
    expect(la).toEqual(lb);
    const scored = await t.client.call('kproto.score', { segmentationId: a.segmentation.id, datasetId: bank });
    const ls = columnByKey(t.store, bank, scored.segmentation.columnKey);
    const codes = (v: unknown[]): number[] => v.map((x) => a.clusters.findIndex((c) => c.name === x));
    expect(adjustedRand(codes(ls), codes(la))).toBeGreaterThan(0.99);
    const { k: _k, ...scanParams } = params;
    const scan = await t.client.call('kproto.scan', { ...scanParams, kMin: 2, kMax: 4, restarts: 2 });
    expect(scan.metrics.map((m) => m.k)).toEqual([2, 3, 4]);
    expect(scan.metrics.every((m) => m.silhouette !== null)).toBe(true);
  }, 60_000);

  it('hclust.run builds the exact Ward tree; keep saves the cut', async () => {
    const features = ['age', 'balance', 'duration', 'campaign'].map((column) => ({ column }));
    const run = await t.client.call('hclust.run', { datasetId: bank, features });
    expect(run.mode).toBe('exact');
    expect(run.points).toBe(4521);
    expect(run.cophenetic).toBeGreaterThan(0.3);
    expect(run.dendrogram.merges).toHaveLength(29);
    expect(run.dendrogram.leaves.reduce((s, l) => s + l.size, 0)).toBe(4521);
    const kept = await t.client.call('hclust.keep', { datasetId: bank, features, k: 3 });
    expect(kept.clusters.map((c) => c.size)).toEqual(run.sizesByK['3']);
    const sample = await t.client.call('hclust.run', { datasetId: bank, features, mode: 'sample', sampleSize: 1000 });
    expect(sample.mode).toBe('sample');
    expect(sample.points).toBe(1000);
    const micro = await t.client.call('hclust.run', { datasetId: bank, features, mode: 'micro', microClusters: 200 });
    expect(micro.mode).toBe('micro');
    expect(micro.dendrogram.leaves.reduce((s, l) => s + l.size, 0)).toBe(4521);
    const keptMicro = await t.client.call('hclust.keep', { datasetId: bank, features, mode: 'micro', microClusters: 200, k: 4 });
    expect(keptMicro.clusters.reduce((s, c) => s + c.size, 0)).toBe(4521);
  }, 60_000);

  it('factor.run / rename / save: loadings, KMO, Bartlett, named score columns', async () => {
    const columns = ['age', 'balance', 'day', 'duration', 'campaign', 'pdays', 'previous'];
    const fa = await t.client.call('factor.run', { datasetId: bank, columns, method: 'fa', factors: 3 });
    expect(fa.loadings).toHaveLength(3);
    expect(fa.factorVariance[0]!).toBeGreaterThanOrEqual(fa.factorVariance[1]!);
    expect(fa.kmo).toBeGreaterThan(0.4);
    expect(fa.bartlett.p).toBeLessThan(0.05);
    const renamed = await t.client.call('factor.rename', { modelId: fa.model.id, names: ['联系因子', '活跃因子', '价值因子'] });
    expect(renamed.names).toEqual(['联系因子', '活跃因子', '价值因子']);
    const saved = await t.client.call('factor.save', { modelId: fa.model.id });
    expect(saved.savedColumns).toHaveLength(3);
    const ds = t.store.getDataset(bank);
    expect(ds.columns.map((c) => c.name)).toEqual(expect.arrayContaining(['联系因子', '活跃因子', '价值因子']));
    const scores = columnByKey(t.store, bank, saved.savedColumns[0]!) as number[];
    expect(scores.every((v) => Number.isFinite(v))).toBe(true);
    const pca = await t.client.call('factor.run', { datasetId: bank, columns, method: 'pca' });
    expect(pca.factors).toBe(pca.kaiserK);
    expect(pca.explainedRatio.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    const pcaSaved = await t.client.call('factor.save', { modelId: pca.model.id });
    const pc1 = columnByKey(t.store, bank, pcaSaved.savedColumns[0]!) as number[];
    const mean = pc1.reduce((s, v) => s + v, 0) / pc1.length;
    const variance = pc1.reduce((s, v) => s + (v - mean) ** 2, 0) / pc1.length;
    // Unit-variance component scores (population variance of standardised data).
    expect(variance).toBeCloseTo(1, 9);
  });

  it('the report gets a 模型说明 sheet: tree rules and picture, loadings with strong ones shaded, dendrogram', async () => {
    const tree = await t.client.call('tree.fit', { segmentationId: kmeansSeg, columns: ['age', 'duration', 'campaign', 'job'], maxDepth: 3 });
    const fa = await t.client.call('factor.run', { datasetId: bank, columns: ['age', 'balance', 'day', 'duration', 'campaign', 'pdays', 'previous'], factors: 2 });
    const path = join(t.dir, 'report.xlsx');
    const r = await t.client.call('exports.report', { segmentationId: kmeansSeg, path, sheets: ['overview', 'models'], models: [tree.model.id, fa.model.id] });
    expect(r.sheets).toContain('模型说明');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet('模型说明')!;
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    expect(texts).toContain(tree.rules[0]!.text.zh);
    expect(texts).toContain('KMO');
    expect(ws.getImages().length).toBe(2);
    const strongCell = fa.loadings[0]!.findIndex((v) => Math.abs(v) >= 0.5);
    expect(strongCell).toBeGreaterThanOrEqual(0);
    const shaded: number[] = [];
    ws.eachRow((row) => row.eachCell((c) => {
      if (c.fill && c.fill.type === 'pattern' && c.fill.fgColor?.argb === 'FFFCE4D6') shaded.push(Number(c.value));
    }));
    expect(shaded.length).toBeGreaterThan(0);
    expect(shaded.every((v) => Math.abs(v) >= 0.5)).toBe(true);
    const features = ['age', 'balance', 'duration', 'campaign'].map((column) => ({ column }));
    const kept = await t.client.call('hclust.keep', { datasetId: bank, features, k: 3, mode: 'sample', sampleSize: 800 });
    const path2 = join(t.dir, 'report-ward.xlsx');
    await t.client.call('exports.report', { segmentationId: kept.segmentation.id, path: path2, sheets: ['models'], models: [] });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(path2);
    expect(wb2.getWorksheet('模型说明')!.getImages().length).toBe(1);
  }, 60_000);

  it('errors name the problem in both languages', async () => {
    await expect(t.client.call('factor.run', { datasetId: bank, columns: ['age', 'job'] })).rejects.toMatchObject({ code: 'MODEL_INVALID' });
    await expect(t.client.call('tree.fit', { segmentationId: kmeansSeg, columns: ['age', 'age'] })).rejects.toMatchObject({ code: 'MODEL_INVALID' });
    await expect(t.client.call('tree.get', { modelId: 'm999' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
