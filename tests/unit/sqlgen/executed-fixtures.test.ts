import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckTable } from '../../../electron/engine/sqlgen/check-database';
import { generateSql } from '../../../electron/engine/sqlgen/generate';
import type { SqlRequest } from '../../../electron/engine/sqlgen/model-types';
import { duckdbEngine, sqliteEngine, type SqlEngine } from './sql-engines';

/**
 * Hand-computed cases of the exact rules, executed on SQLite and DuckDB (no ../shared/data
 * needed): quintile ties, RFM from transactions with returns and cancelled invoices, the
 * strict median, Pareto's crossing customer, missing values.
 */
function table(name: string, columns: CheckTable['columns'], rows: (number | string | null)[][]): CheckTable {
  return { table: name, columns, rowCount: rows.length, row: (i) => rows[i]! };
}

const byKey = (rows: Record<string, string | null>[], column: string): Record<string, string | null> => Object.fromEntries(rows.map((r) => [r.customer_key!, r[column] ?? null]));

describe.each(['sqlite', 'duckdb'] as const)('generated SQL on %s, hand-computed', (name) => {
  let engine: SqlEngine;
  beforeAll(async () => {
    engine = name === 'sqlite' ? sqliteEngine() : await duckdbEngine();
  });
  afterAll(async () => engine.close());

  const customers = (columns: Record<string, 'number' | 'text' | 'date'>): SqlRequest['source'] => ({
    kind: 'customers',
    table: 'c',
    key: 'id',
    columns: Object.fromEntries(Object.entries(columns).map(([k, kind]) => [k, { column: k, kind }])),
  });

  it('quintile scores: equal values share the lower score (the README example F = 1,1,1,1,1,1,2,2,3,9)', async () => {
    const f = [1, 1, 1, 1, 1, 1, 2, 2, 3, 9];
    await engine.load([table('c', [{ name: 'id', kind: 'key' }, { name: 'R', kind: 'number' }, { name: 'F', kind: 'number' }, { name: 'M', kind: 'number' }], f.map((v, i) => [`c${i}`, 10 * (i + 1), v, 100 - i]))]);
    const req: SqlRequest = {
      model: { kind: 'rfm8', columns: { r: 'R', f: 'F', m: 'M' }, threshold: 'score', scoreThreshold: 3, scoring: { cuts: { r: null, f: null, m: null } }, names: ['0', '1', '2', '3', '4', '5', '6', '7'] },
      source: customers({ R: 'number', F: 'number', M: 'number' }),
      header: { title: 't', savedAt: null, parameters: [] },
    };
    const rows = await engine.run(generateSql(req, name).sql);
    const scores = byKey(rows, 'f_score');
    expect(f.map((_, i) => Number(scores[`c${i}`]))).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
    // R: most recent (10 days) scores 5; M descending by row → row 0 has the highest M.
    expect(Number(byKey(rows, 'r_score').c0)).toBe(5);
    expect(Number(byKey(rows, 'm_score').c0)).toBe(5);
    expect(Number(byKey(rows, 'rfm_code').c9)).toBe(151);
  });

  it('RFM from transactions: returns net, cancelled invoices, distinct orders, unpaid and after-date rows left out', async () => {
    const rows: (string | number | null)[][] = [
      ['A', '2024-06-01 10:00:00', 100, 'O1'],
      ['A', '2024-06-01 18:00:00', 50, 'O1'], // same order: F counts it once
      ['A', '2024-06-20 09:00:00', 30, 'O2'],
      [' A ', '2024-06-25 09:00:00', 20, 'C9'], // cancelled invoice: −20 in M, no purchase
      ['B', '2024-05-01 00:00:00', 80, null], // no order id: one purchase
      ['B', '2024-05-02 00:00:00', 80, null],
      ['B', null, 999, 'O3'], // unpaid: no date
      ['B', '2024-07-05 00:00:00', 500, 'O4'], // after the analysis date
      ['C', '2024-06-10 00:00:00', -40, 'O5'], // returns only: not listed
      [null, '2024-06-10 00:00:00', 10, 'O6'],
    ];
    await engine.load([table('orders', [{ name: 'buyer', kind: 'text' }, { name: 'paid_at', kind: 'date' }, { name: 'amount', kind: 'number' }, { name: 'order_no', kind: 'text' }], rows)]);
    const req: SqlRequest = {
      model: { kind: 'rfm', scoring: { cuts: { r: null, f: null, m: null } } },
      source: { kind: 'transactions', table: 'orders', customer: 'buyer', date: 'paid_at', amount: 'amount', order: 'order_no', asOf: '2024-07-01', returns: 'net' },
      header: { title: 't', savedAt: null, parameters: [] },
    };
    const out = await engine.run(generateSql(req, name).sql);
    expect(out.map((r) => r.customer_key).sort()).toEqual(['A', 'B']);
    const a = out.find((r) => r.customer_key === 'A')!;
    expect([Number(a.recency_days), Number(a.frequency), Number(a.monetary), Number(a.avg_order_value), Number(a.tenure_days)]).toEqual([11, 2, 160, 80, 30]);
    const b = out.find((r) => r.customer_key === 'B')!;
    expect([Number(b.recency_days), Number(b.frequency), Number(b.monetary)]).toEqual([60, 2, 160]);
    // With the date taken from the data, the last purchase (2024-07-05, B) sets it to 2024-07-06.
    const latest = await engine.run(generateSql({ ...req, source: { ...req.source, asOf: null } as SqlRequest['source'] }, name).sql);
    expect(Number(latest.find((r) => r.customer_key === 'B')!.recency_days)).toBe(1);
    expect(Number(latest.find((r) => r.customer_key === 'B')!.monetary)).toBe(660);
  });

  it('RFM-8 median: a customer exactly at the median is 低; missing R, F or M gets no segment', async () => {
    await engine.load([
      table(
        'c',
        [{ name: 'id', kind: 'key' }, { name: 'R', kind: 'number' }, { name: 'F', kind: 'number' }, { name: 'M', kind: 'number' }],
        [
          ['a', 10, 1, 100],
          ['b', 20, 2, 200],
          ['c', 30, 3, 300],
          ['d', 40, 4, 400],
          ['e', 50, 5, 500],
          ['x', null, 5, 500],
        ],
      ),
    ]);
    const names = ['一般挽留', '重要挽留', '一般保持', '重要保持', '一般发展', '重要发展', '一般价值', '重要价值'];
    const req: SqlRequest = {
      model: { kind: 'rfm8', columns: { r: 'R', f: 'F', m: 'M' }, threshold: 'median', scoreThreshold: 3, scoring: { cuts: { r: null, f: null, m: null } }, names },
      source: customers({ R: 'number', F: 'number', M: 'number' }),
      header: { title: 't', savedAt: null, parameters: [] },
    };
    const seg = byKey(await engine.run(generateSql(req, name).sql), 'segment');
    // Medians over complete rows: R 30, F 3, M 300. c sits exactly on all three → 一般挽留 (all 低).
    expect(seg).toEqual({ a: '一般发展', b: '一般发展', c: '一般挽留', d: '重要保持', e: '重要保持', x: null });
  });

  it('Pareto: the customer crossing 80% is still A; equal values share a tier; negative and missing count as 0', async () => {
    await engine.load([table('c', [{ name: 'id', kind: 'key' }, { name: 'V', kind: 'number' }], [['a', 50], ['b', 25], ['c', 10], ['d', 10], ['e', 5], ['f', -3], ['g', null]])]);
    const req: SqlRequest = {
      model: { kind: 'pareto', valueColumn: 'V', shares: [80, 15, 5], labels: ['A', 'B', 'C'] },
      source: customers({ V: 'number' }),
      header: { title: 't', savedAt: null, parameters: [] },
    };
    const seg = byKey(await engine.run(generateSql(req, name).sql), 'segment');
    // Before a: 0, b: 50%, c and d: 75% (both A: the first crosses 80%), e: 95% → C, f and g (0): 100% → C.
    expect(seg).toEqual({ a: 'A', b: 'A', c: 'A', d: 'A', e: 'C', f: 'C', g: 'C' });
  });

  it('k-means: transforms, impute values and the lower cluster number on a tie', async () => {
    await engine.load([table('c', [{ name: 'id', kind: 'key' }, { name: 'x', kind: 'number' }, { name: 'g', kind: 'text' }], [['p', 0, 'a'], ['q', 10, 'b'], ['r', 5, null], ['s', null, 'a']])]);
    const req: SqlRequest = {
      model: {
        kind: 'kmeans',
        features: [
          { name: 'x', column: 'x', kind: 'numeric', level: null, transforms: ['zscore'], fitted: [{ mean: 5, sd: 5 }], imputeValue: 10 },
          { name: 'g=a', column: 'g', kind: 'category', level: 'a', transforms: [], fitted: [], imputeValue: 0 },
        ],
        centroids: [
          [-1, 1],
          [1, 1],
        ],
        names: ['一群', '二群'],
        dropMissing: false,
      },
      source: customers({ x: 'number', g: 'text' }),
      header: { title: 't', savedAt: null, parameters: [] },
    };
    const rows = await engine.run(generateSql(req, name).sql);
    const seg = byKey(rows, 'segment');
    // r: z = 0, g missing → 0: distance² 1 + 1 = 2 to both centroids → the first cluster wins the tie.
    expect(seg).toEqual({ p: '一群', q: '二群', r: '一群', s: '二群' });
    expect(Number(byKey(rows, 'distance').r)).toBeCloseTo(Math.SQRT2, 12);
    expect(Number(byKey(rows, 'cluster_no').q)).toBe(2);
  });
});
