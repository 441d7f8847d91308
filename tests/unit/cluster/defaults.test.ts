import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kmeansCommonParams } from '../../../electron/engine/cli/commands/kmeans-cli-args';
import { runCli } from '../../../electron/engine/cli/run-cli';
import { nameParts, uniqueNames } from '../../../electron/engine/cluster/naming';
import { clusterWarnings } from '../../../electron/engine/cluster/warnings';
import { methodSentences } from '../../../electron/engine/report/method-text';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { KMEANS_DEFAULTS, kmeansRunParamsSchema, kmeansScanParamsSchema, type EncodedFeature, type ParamsIn } from '../../../shared/contract/index';
import type { ColumnInfo } from '../../../shared/contract/datasets';
import type { CellValue } from '../../../shared/contract/json';
import { addDataset, CUSTOMER_COLUMNS, customerRows, openTestProject, type TestProject } from './engine-helpers';

/**
 * The cluster view's parameter builder, loaded at run time (vitest transpiles it) because the
 * renderer is its own TypeScript project with DOM-only types.
 */
interface FeatureChoice {
  column: string;
  include: boolean;
  chain: string;
}
interface Settings {
  missing: 'drop' | 'mean' | 'median';
  seed: number;
  restarts: number;
  kMin: number;
  kMax: number;
  k: number;
}
interface ClusterParamsModule {
  defaultChoices(columns: ColumnInfo[]): FeatureChoice[];
  initialSettings(k?: number): Settings;
  runParams(datasetId: string, choices: FeatureChoice[], s: Settings): ParamsIn<'cluster.run'>;
  scanParams(datasetId: string, choices: FeatureChoice[], s: Settings): ParamsIn<'cluster.scan'>;
}
const view = async (): Promise<ClusterParamsModule> =>
  (await import(pathToFileURL(resolve(__dirname, '..', '..', '..', 'renderer', 'src', 'features', 'cluster', 'cluster-params.ts')).href)) as ClusterParamsModule;

/** Three customer groups and one ¥250,000 buyer: with z-scores alone the buyer is a cluster of one. */
function withWhale(n: number): CellValue[][] {
  const rows = customerRows(n);
  rows.push(['WHALE', 250_000, 24, 12, '华东']);
  return rows;
}

async function cli(args: string[]): Promise<Record<string, unknown>> {
  let out = '';
  const r = await runCli([...args, '--json'], { stdout: (s) => (out += s), stderr: () => undefined });
  expect(r.exitCode, out).toBe(0);
  return JSON.parse(out) as Record<string, unknown>;
}

describe('one set of k-means defaults for the cluster view and kequn kmeans (issue 19 case 9)', () => {
  let t: TestProject;
  let ds: string;
  beforeEach(async () => {
    t = await openTestProject();
    ds = addDataset(t.store, '客户', CUSTOMER_COLUMNS, withWhale(300));
  });
  afterEach(() => t.close());

  it('the view and the CLI send the same parameters: money log-transformed, the contract defaults for the rest', async () => {
    const { defaultChoices, initialSettings, runParams, scanParams } = await view();
    const info = await t.client.call('datasets.get', { datasetId: ds });
    const choices = defaultChoices(info.columns);
    const included = choices.filter((c) => c.include).map((c) => c.column);
    expect(included).toEqual(['消费金额', '购买次数', '最近购买天数']);
    const values = { columns: included.join(','), k: '3' };
    const ui = kmeansRunParamsSchema.parse(runParams(ds, choices, initialSettings(3)));
    const fromCli = kmeansRunParamsSchema.parse({ ...kmeansCommonParams(values, ds, info.columns), k: 3 });
    expect(fromCli).toEqual(ui);
    expect(ui.features[0]).toEqual({ column: '消费金额', transforms: [...KMEANS_DEFAULTS.transforms.money] });
    expect(ui.features[1]!.transforms).toEqual([...KMEANS_DEFAULTS.transforms.numeric]);
    expect({ seed: ui.seed, restarts: ui.restarts, maxIterations: ui.maxIterations, missing: ui.missing }).toEqual({
      seed: KMEANS_DEFAULTS.seed,
      restarts: KMEANS_DEFAULTS.restarts,
      maxIterations: KMEANS_DEFAULTS.maxIterations,
      missing: KMEANS_DEFAULTS.missing,
    });
    const uiScan = kmeansScanParamsSchema.parse(scanParams(ds, choices, initialSettings()));
    const cliScan = kmeansScanParamsSchema.parse({ ...kmeansCommonParams(values, ds, info.columns), kMin: 2, kMax: 10 });
    expect(cliScan).toEqual(uiScan);
    expect([uiScan.kMin, uiScan.kMax]).toEqual([KMEANS_DEFAULTS.kMin, KMEANS_DEFAULTS.kMax]);
  });

  it('the same data gives the same model and the same suggested k through both paths', async () => {
    const { defaultChoices, initialSettings, runParams, scanParams } = await view();
    const info = await t.client.call('datasets.get', { datasetId: ds });
    const choices = defaultChoices(info.columns);
    const viaUi = await t.client.call('cluster.run', runParams(ds, choices, initialSettings(3)));
    const uiScan = await t.client.call('cluster.scan', scanParams(ds, choices, { ...initialSettings(), kMax: 6 }));
    t.engine.dispose();
    const project = `${t.dir}/test.kqn`;
    const viaCli = (await cli(['kmeans', '--project', project, '--dataset', ds, '--columns', '消费金额,购买次数,最近购买天数', '--k', '3'])) as { sse: number; clusters: { name: string; size: number }[]; warnings: unknown[] };
    expect(viaCli.sse).toBeCloseTo(viaUi.sse, 9);
    expect(viaCli.clusters.map((c) => [c.name, c.size])).toEqual(viaUi.clusters.map((c) => [c.name, c.size]));
    // Logged, the big buyer joins the big spenders: no cluster of one, no warning.
    expect(Math.min(...viaUi.clusters.map((c) => c.size))).toBeGreaterThan(90);
    expect(viaUi.warnings).toEqual([]);
    expect(viaCli.warnings).toEqual([]);
    const cliScan = (await cli(['kmeans', '--project', project, '--dataset', ds, '--columns', '消费金额,购买次数,最近购买天数', '--scan', '2..6'])) as { suggestedK: number; scan: { silhouette: number }[] };
    expect(cliScan.suggestedK).toBe(uiScan.suggestedK);
    expect(cliScan.scan.map((m) => m.silhouette)).toEqual(uiScan.metrics.map((m) => m.silhouette));
  });

  it('a cluster of one customer is a coded warning that suggests the log transform, in the result, the CLI and the report', async () => {
    const plain = [
      { column: '消费金额', transforms: ['zscore' as const] },
      { column: '购买次数', transforms: ['zscore' as const] },
      { column: '最近购买天数', transforms: ['zscore' as const] },
    ];
    const r = await t.client.call('cluster.run', { datasetId: ds, features: plain, k: 4 });
    const tiny = r.clusters.find((c) => c.size === 1);
    expect(tiny).toBeDefined();
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatchObject({ code: 'CLUSTER_TINY', clusterId: tiny!.id, size: 1, suggestion: 'log', columns: ['消费金额'] });
    expect(r.warnings[0]!.zh).toContain('对数变换');
    expect(r.warnings[0]!.en).toContain('log transform');
    // Read back (cluster.get) the same warning is there: it comes from the model, not from the run.
    const again = await t.client.call('cluster.get', { segmentationId: r.segmentation.id });
    expect(again.warnings).toEqual(r.warnings);
    // The report's method sheet says it too.
    expect(methodSentences(again.segmentation, 'en')).toContain(`⚠ ${r.warnings[0]!.en}`);
    expect(methodSentences(again.segmentation, 'zh')).toContain(`⚠ ${r.warnings[0]!.zh}`);
    t.engine.dispose();
    const project = `${t.dir}/test.kqn`;
    let text = '';
    await runCli(['kmeans', '--project', project, '--dataset', ds, '--columns', '消费金额,购买次数,最近购买天数', '--k', '4', '--transform', 'zscore', '--lang', 'en'], { stdout: (s) => (text += s), stderr: () => undefined });
    expect(text).toContain('! [CLUSTER_TINY] Cluster');
    expect(text).toContain('log transform (log1p,zscore) on 消费金额');
  });

  it('the trimming suggestion when nothing skewed is left unlogged; small shares count as tiny too', () => {
    const features = [{ name: 'x', column: 'x', kind: 'numeric' as const, transforms: ['log1p' as const, 'zscore' as const], min: 0, max: 1e6, mean: 100 }];
    const clusters = [
      { id: 1, name: 'A', size: 990, share: 0.99 },
      { id: 2, name: 'B', size: 9, share: 0.009 },
      { id: 3, name: 'C', size: 1, share: 0.001 },
    ];
    const w = clusterWarnings(clusters, features);
    expect(w.map((x) => [x.clusterId, x.suggestion])).toEqual([
      [2, 'trim'],
      [3, 'trim'],
    ]);
    expect(w[0]!.zh).toContain('剔除异常值');
  });
});

describe('business names are unique', () => {
  const feature = (column: string): EncodedFeature => ({ name: column, column, columnKey: column, kind: 'numeric', level: null, transforms: ['zscore'], fitted: [], imputeValue: null, min: 0, max: 1, mean: 1 });
  const features = ['消费金额', '购买次数', '最近购买天数', '年龄'].map(feature);

  it('clusters alike in their three strongest words are told apart by the next word, then by number, in both languages', () => {
    // Clusters 1 and 2: high spend, frequent, recent; 2 is also older. Clusters 3 and 4 are identical.
    const indices = [
      [300, 200, 40, 100],
      [300, 200, 40, 160],
      [50, 50, 300, 100],
      [50, 50, 300, 100],
    ];
    const parts = indices.map((ix) => nameParts(features, ix));
    expect(parts[0]!.name).toEqual(parts[1]!.name);
    const names = uniqueNames(parts.map((p) => p.name), parts.map((p) => p.spare));
    expect(names[0]!.zh).toBe('高消费·高频·近期活跃');
    expect(names[1]!.zh).toBe('高消费·高频·近期活跃·年长');
    expect(names[1]!.en).toBe('High spend · Frequent · Recently active · Older');
    expect(names[2]!.zh).toBe('低消费·低频·久未购买（3）');
    expect(names[3]!.en).toBe('Low spend · Infrequent · Lapsed (4)');
    expect(new Set(names.map((n) => n.zh)).size).toBe(4);
    expect(new Set(names.map((n) => n.en)).size).toBe(4);
    // Deterministic: the same input, the same names.
    expect(uniqueNames(parts.map((p) => p.name), parts.map((p) => p.spare))).toEqual(names);
  });

  it('English repeats are resolved even when the Chinese names differ', () => {
    const names = uniqueNames([
      { zh: '甲', en: 'Same' },
      { zh: '乙', en: 'Same' },
    ]);
    expect(names.map((n) => n.en)).toEqual(['Same (1)', 'Same (2)']);
  });
});
