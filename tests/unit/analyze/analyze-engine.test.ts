import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PivotSpecInput } from '../../../shared/contract/analyze';
import type { EngineClient } from '../../../shared/rpc/client';
import { Engine } from '../../../electron/engine/host/engine';
import { runCli } from '../../../electron/engine/cli/run-cli';
import { ProjectStore } from '../../../electron/engine/store/project-store';
import { tempDir } from '../../helpers/temp';
import { orderColumns, orderRows } from './fixtures';

const tmp = tempDir('kequn-analyze-engine-');
const projectPath = join(tmp.dir, 'p.kequn');
let engine: Engine;
let client: EngineClient;
let ds: string;

beforeAll(async () => {
  const store = ProjectStore.open(projectPath, { create: true });
  ds = store.createDataset({ name: '订单', kind: 'import', source: null, columns: orderColumns() }, orderRows(3000, 11)).id;
  store.createDataset(
    {
      name: '客户',
      kind: 'import',
      source: null,
      columns: [
        { name: '客户编号', originalHeader: null, type: 'text' },
        { name: '细分', originalHeader: null, type: 'text' },
      ],
    },
    Array.from({ length: 120 }, (_, i) => [`KH${String(i + 1).padStart(4, '0')}`, i % 3 === 0 ? '重要价值客户' : i % 3 === 1 ? '一般发展客户' : '一般挽留客户']),
  );
  store.close();
  engine = new Engine({ dataDir: join(tmp.dir, 'home'), log: () => undefined });
  client = engine.createClient();
  await client.call('project.open', { path: projectPath });
});
afterAll(() => {
  client.close();
  engine.dispose();
  tmp.cleanup();
});

const spec: PivotSpecInput = {
  rows: [{ column: '地区' }, { column: '渠道' }],
  cols: [{ column: '下单时间', dateGroup: 'quarter' }],
  values: [{ agg: 'sum', column: '金额' }, { agg: 'count' }],
  filters: [{ kind: 'numberRange', column: 'c4', min: 2, max: null }],
};

describe('pivots over the engine contract', () => {
  it('drill-down gives the grid the filters of exactly the rows behind a cell', async () => {
    const r = await client.call('pivots.run', { datasetId: ds, spec });
    const ri = r.rows.findIndex((n) => n.path.join('/') === '华南/门店');
    const ci = r.cols.findIndex((n) => n.label === '2024 Q2');
    expect(ri).toBeGreaterThan(0);
    expect(ci).toBeGreaterThan(0);
    const drill = await client.call('pivots.drill', { datasetId: ds, spec, rowPath: r.rows[ri]!.path, colPath: r.cols[ci]!.path });
    expect(drill.rowCount).toBe(r.counts[ri]![ci]);
    expect(drill.filters).toContainEqual({ kind: 'dateRange', column: 'c2', from: Date.UTC(2024, 3, 1), to: Date.UTC(2024, 6, 1) - 1 });
    // The grid (rows.count / rows.page) takes the filters as they are and finds the same rows.
    const counts = await client.call('rows.count', { datasetId: ds, filters: drill.filters });
    expect(counts.filteredRows).toBe(r.counts[ri]![ci]);
    const page = await client.call('rows.page', { datasetId: ds, filters: drill.filters, offset: 0, limit: 2000 });
    const amountSum = page.rows.reduce((s, row) => s + (typeof row[3] === 'number' ? row[3] : 0), 0);
    expect(amountSum).toBeCloseTo(r.cells[ri]![ci]![0]!, 6);
    // A blank label drills to "empty".
    const blank = r.rows.find((n) => n.label === '(空白)' && n.depth === 1)!;
    const d2 = await client.call('pivots.drill', { datasetId: ds, spec, rowPath: blank.path, colPath: [] });
    expect(d2.filters).toContainEqual({ kind: 'empty', column: 'c0' });
  });

  it('drills into numbers and periods with the grid finding the same rows', async () => {
    const numSpec: PivotSpecInput = { rows: [{ column: '数量' }], cols: [{ column: '下单时间', dateGroup: 'week' }], values: [{ agg: 'count' }] };
    const r = await client.call('pivots.run', { datasetId: ds, spec: numSpec });
    const ri = r.rows.findIndex((n) => n.label === '3');
    const ci = r.cols.findIndex((n) => n.kind === 'group');
    const drill = await client.call('pivots.drill', { datasetId: ds, spec: numSpec, rowPath: r.rows[ri]!.path, colPath: r.cols[ci]!.path });
    expect(drill.filters[0]).toEqual({ kind: 'oneOf', column: 'c4', values: [3], negate: false });
    expect((await client.call('rows.count', { datasetId: ds, filters: drill.filters })).filteredRows).toBe(r.counts[ri]![ci]);
    await expect(client.call('pivots.drill', { datasetId: ds, spec: numSpec, rowPath: ['没有'], colPath: [] })).rejects.toMatchObject({ code: 'ANALYSIS_INVALID' });
  });

  it('saves, lists, re-runs and removes a spec; re-run sees new data', async () => {
    const saved = await client.call('pivots.save', { name: '地区×季度', datasetId: ds, pivot: spec });
    expect(saved.id).toMatch(/^p\d+$/);
    expect((await client.call('pivots.list', {})).map((p) => p.id)).toContain(saved.id);
    const got = await client.call('pivots.get', { id: saved.id });
    expect(got.kind).toBe('pivot');
    const renamed = await client.call('pivots.save', { id: saved.id, name: '改名', datasetId: ds, pivot: spec });
    expect(renamed.name).toBe('改名');
    await expect(client.call('pivots.save', { name: 'x', datasetId: ds })).rejects.toMatchObject({ code: 'ANALYSIS_INVALID' });
    expect((await client.call('pivots.remove', { id: saved.id })).removed).toBe(true);
    await expect(client.call('pivots.get', { id: saved.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('exports the result as CSV with BOM and the spec as JSON', async () => {
    const csv = join(tmp.dir, 'pivot.csv');
    const out = await client.call('pivots.export', { datasetId: ds, spec, path: csv, format: 'csv' });
    expect(out.bytes).toBeGreaterThan(100);
    const text = readFileSync(csv, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('华东');
    const json = join(tmp.dir, 'pivot.json');
    await client.call('pivots.export', { datasetId: ds, spec, path: json, format: 'json' });
    expect(JSON.parse(readFileSync(json, 'utf8')).spec.rows).toEqual(spec.rows);
    expect(existsSync(json)).toBe(true);
  });

  it('chart data: share, trend, distribution, scatter, heat map, Lorenz', async () => {
    const share = await client.call('charts.data', { chart: 'share', datasetId: ds, group: '渠道', amount: '金额' });
    if (share.chart !== 'share') throw new Error('wrong chart');
    expect(share.data.counts.reduce((a, b) => a + b, 0)).toBe(3000);
    const trend = await client.call('charts.data', { chart: 'trend', datasetId: ds, date: '下单时间', by: '渠道' });
    if (trend.chart !== 'trend') throw new Error('wrong chart');
    expect(trend.data.periods[0]).toBe('2023-11');
    expect(trend.data.series.reduce((s, x) => s + x.values.reduce((a, b) => a + b, 0), 0)).toBe(3000);
    // Monthly trend of orders stacked by the customers' segment (joined by the customer key).
    const bySeg = await client.call('charts.data', { chart: 'trend', datasetId: ds, date: '下单时间', amount: '数量', by: '细分', byDataset: { datasetId: '客户', key: '客户编号' } });
    if (bySeg.chart !== 'trend') throw new Error('wrong chart');
    expect(bySeg.data.series.map((x) => x.name).sort()).toEqual(['一般发展客户', '一般挽留客户', '重要价值客户']);
    const qty = bySeg.data.series.reduce((s, x) => s + x.values.reduce((a, b) => a + b, 0), 0);
    const pivotQty = await client.call('pivots.run', { datasetId: ds, spec: { values: [{ agg: 'sum', column: '数量' }] } });
    expect(qty).toBe(pivotQty.cells[0]![0]![0]);
    const dist = await client.call('charts.data', { chart: 'distribution', datasetId: ds, column: '数量', bins: 9, group: '渠道' });
    if (dist.chart !== 'distribution') throw new Error('wrong chart');
    expect(dist.data.bins.reduce((s, b) => s + b.count, 0)).toBe(3000);
    expect(dist.data.boxes).toHaveLength(3);
    const scatter = await client.call('charts.data', { chart: 'scatter', datasetId: ds, x: '数量', y: '金额', maxPoints: 500 });
    if (scatter.chart !== 'scatter') throw new Error('wrong chart');
    expect(scatter.data.sampled).toBe(true);
    expect(scatter.data.groups[0]!.points).toHaveLength(500);
    const heat = await client.call('charts.data', { chart: 'rfmHeatmap', datasetId: ds, r: '数量', f: '数量', m: '金额' });
    if (heat.chart !== 'rfmHeatmap') throw new Error('wrong chart');
    expect(heat.data.rScores).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(heat.data.binned).toEqual({ r: null, f: null });
    // Raw amounts (many values) would make an unreadable grid: they become 1–5 quintile scores,
    // R reversed (the largest "days" score 1), each score with the raw range behind it.
    const binned = await client.call('charts.data', { chart: 'rfmHeatmap', datasetId: ds, r: '金额', f: '金额', m: '数量' });
    if (binned.chart !== 'rfmHeatmap') throw new Error('wrong chart');
    expect(binned.data.rScores).toEqual([1, 2, 3, 4, 5]);
    expect(binned.data.fScores).toEqual([1, 2, 3, 4, 5]);
    const r = binned.data.binned.r!;
    const f = binned.data.binned.f!;
    expect(r.map((x) => x.score)).toEqual([1, 2, 3, 4, 5]);
    // Reversed: score 5 holds the smallest values, score 1 the largest; F the other way round.
    expect(r[4]!.max).toBeLessThanOrEqual(r[3]!.min);
    expect(r[0]!.min).toBeGreaterThanOrEqual(r[1]!.max);
    expect(f[0]!.max).toBeLessThanOrEqual(f[1]!.min);
    // Quintiles: every score holds a real share of the rows (ties may shift a bin, not empty it).
    const total = binned.data.cells.reduce((n, c) => n + c[3], 0);
    for (let score = 1; score <= 5; score++) {
      const n = binned.data.cells.filter(([ri]) => binned.data.rScores[ri] === score).reduce((a, c) => a + c[3], 0);
      expect(n / total).toBeGreaterThan(0.1);
    }
    const lorenz = await client.call('charts.data', { chart: 'lorenz', datasetId: ds, amount: '金额' });
    if (lorenz.chart !== 'lorenz') throw new Error('wrong chart');
    expect(lorenz.data.gini).toBeGreaterThan(0.2);
    expect(lorenz.data.gini).toBeLessThan(0.45);
    expect(lorenz.data.points.at(-1)![1]).toBeCloseTo(1, 9);
  });
});

describe('CLI', () => {
  const io = (): { out: string[]; err: string[]; io: { stdout: (t: string) => void; stderr: (t: string) => void } } => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t) } };
  };

  it('kequn pivot --rows a,b --cols c --values sum:amount,count --json', async () => {
    const c = io();
    const res = await runCli(['pivot', '--project', projectPath, '--dataset', '订单', '--rows', '地区,渠道', '--cols', '产品类别', '--values', 'sum:金额,count', '--json'], c.io);
    expect(res.exitCode).toBe(0);
    const r = JSON.parse(c.out.join(''));
    expect(r.rows[0].kind).toBe('total');
    expect(r.cells[0][0][1]).toBe(3000);
    expect(r.valueLabels[0].zh).toBe('求和项:金额');
    const out = join(tmp.dir, 'cli-pivot.csv');
    const c2 = io();
    expect((await runCli(['pivot', '--project', projectPath, '--dataset', '订单', '--rows', '下单时间@year', '--values', 'sum:数量', '--out', out, '--json'], c2.io)).exitCode).toBe(0);
    expect(JSON.parse(c2.out.join('')).exported.path).toBe(out);
    expect(readFileSync(out, 'utf8')).toMatch(/^\ufeff行标签,求和项:数量\r\n2023,[\s\S]*\r\n总计,15027\r\n$/);
  });

  it('kequn crosstab with --join/--facts prints cells with count, rowPct, colPct, tgi and chi2', async () => {
    const c = io();
    const res = await runCli(
      ['crosstab', '--project', projectPath, '--rows-dataset', '客户', '--rows', '细分', '--cols', '产品类别', '--join', '客户编号', '--facts', '订单', '--json'],
      c.io,
    );
    expect(res.exitCode).toBe(0);
    const r = JSON.parse(c.out.join(''));
    expect(r.cells[0]).toEqual(expect.objectContaining({ row: expect.any(String), col: expect.any(String), count: expect.any(Number), rowPct: expect.any(Number), colPct: expect.any(Number), tgi: expect.any(Number) }));
    expect(r.chi2).toEqual(expect.objectContaining({ statistic: expect.any(Number), df: 6, p: expect.any(Number) }));
    expect(r.cells.reduce((s: number, x: { count: number }) => s + x.count, 0)).toBe(3000);
  });

  it('kequn crosstab --top 2 --sort volume --min-base N: 其他 last, columns by volume, low base flagged; --help says the conventions', async () => {
    const c = io();
    const args = ['crosstab', '--project', projectPath, '--rows-dataset', '客户', '--rows', '细分', '--cols', '产品类别', '--join', '客户编号', '--facts', '订单'];
    const res = await runCli([...args, '--top', '2', '--sort', 'volume', '--min-base', '200', '--json'], c.io);
    expect(res.exitCode).toBe(0);
    const r = JSON.parse(c.out.join('')) as { cols: string[]; colTotals: number[]; otherCol: number; cells: { lowBase: boolean; base: number }[] };
    expect(r.cols).toHaveLength(3);
    expect(r.cols[2]).toBe('其他');
    expect(r.otherCol).toBe(2);
    expect(r.colTotals[0]).toBeGreaterThanOrEqual(r.colTotals[1]!);
    for (const cell of r.cells) expect(cell.lowBase).toBe(cell.base < 200);
    const bad = io();
    expect((await runCli([...args, '--sort', 'size', '--json'], bad.io)).exitCode).toBe(2);
    const help = io();
    await runCli(['crosstab', '--help'], help.io);
    expect(help.out.join('')).toMatch(/--min-base 默认 10/);
  });

  it('errors exit 2 with {"error":{code,message}}', async () => {
    const c = io();
    const res = await runCli(['crosstab', '--project', projectPath, '--rows-dataset', '客户', '--rows', '没有这列', '--cols', '产品类别', '--json'], c.io);
    expect(res.exitCode).toBe(2);
    expect(JSON.parse(c.out.join('')).error.code).toBe('COLUMN_NOT_FOUND');
    const d = io();
    const res2 = await runCli(['pivot', '--project', projectPath, '--dataset', '订单', '--values', 'avg:金额', '--json'], d.io);
    expect(res2.exitCode).toBe(2);
    expect(JSON.parse(d.out.join('')).error.code).toBe('USAGE');
  });
});
