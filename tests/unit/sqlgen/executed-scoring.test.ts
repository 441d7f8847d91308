import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckTable } from '../../../electron/engine/sqlgen/check-database';
import { generateSql } from '../../../electron/engine/sqlgen/generate';
import { SCORING_FIXTURES } from './fixture-scoring';
import { duckdbEngine, postgresBin, postgresEngine, POSTGRES_SKIP, sqliteEngine, type SqlEngine } from './sql-engines';

/**
 * The scoring models of issue 22 on hand-computed rows, executed on SQLite, DuckDB and
 * PostgreSQL: k-prototypes ties and unseen levels, a tree's boundaries (x ≤ t left, a date at a
 * half-millisecond threshold, a text value unseen in training, missing values stopping at the
 * node), and PCA / factor scores with a missing input.
 */
const pgBin = postgresBin();
if (!pgBin) console.warn(POSTGRES_SKIP);

function table(name: string, columns: CheckTable['columns'], rows: (number | string | null)[][]): CheckTable {
  return { table: name, columns, rowCount: rows.length, row: (i) => rows[i]! };
}

const byKey = (rows: Record<string, string | null>[], column: string): Record<string, string | null> => Object.fromEntries(rows.map((r) => [r.customer_key!, r[column] ?? null]));
const fixture = (prefix: string) => SCORING_FIXTURES.find((f) => f.name.startsWith(prefix))!.request;

const engines = ['sqlite', 'duckdb', ...(pgBin ? ['postgres' as const] : [])] as const;

describe.each(engines)('scoring SQL on %s, hand-computed', (name) => {
  let engine: SqlEngine;
  beforeAll(async () => {
    engine = name === 'sqlite' ? sqliteEngine() : name === 'duckdb' ? await duckdbEngine() : await postgresEngine(pgBin!);
  });
  afterAll(async () => engine.close());

  it('k-prototypes: cost = squared distance + γ × mismatches; a tie goes to the lower cluster; a missing input gets none', async () => {
    const rows: (number | string | null)[][] = [
      ['p', 0, 'a'], // z = −1: costs 0 and 4 + 0.5
      ['q', 10, 'a'], // z = 1: costs 4 and 0 + 0.5
      ['r', 5, 'c'], // z = 0, unseen level: 1 + 0.5 to both → cluster 1
      ['s', null, 'a'],
      ['t', 5, null],
    ];
    await engine.load([table('customers', [{ name: 'id', kind: 'key' }, { name: 'x', kind: 'number' }, { name: 'grade', kind: 'text' }], rows)]);
    const out = await engine.run(generateSql(fixture('k-prototypes'), name).sql);
    expect(byKey(out, 'segment')).toEqual({ p: '一群', q: '二群', r: '一群', s: null, t: null });
    expect(Number(byKey(out, 'cost').q)).toBe(0.5);
    expect(Number(byKey(out, 'cost').r)).toBe(1.5);
    expect(Number(byKey(out, 'distance').q)).toBeCloseTo(Math.SQRT1_2, 14);
    expect(byKey(out, 'cluster_no')).toMatchObject({ p: '1', q: '2', r: '1' });
  });

  it('decision tree: boundaries, text IN lists, unseen levels right, missing values stop at their node', async () => {
    const rows: (number | string | null)[][] = [
      ['a', 50, '华东', null],
      ['b', 100, '华南', null], // M = 100 ≤ 100: left; a level of the right side
      ['c', 80, '西北', null], // never seen in training: right (B)
      ['d', 80, null, null], // stops at node 1
      ['e', 80, "O'Brien", null],
      ['f', 200, '华东', '2024-01-15 12:00:00'], // at the threshold's whole millisecond: left (D)
      ['g', 200, '华东', '2024-01-15 12:00:01'],
      ['h', 200, null, null], // stops at node 2
      ['i', null, '华东', '2024-01-01 00:00:00'], // stops at the root
      ['j', 100.0001, '华东', '2023-12-31 00:00:00'],
    ];
    await engine.load([table('customers', [{ name: 'id', kind: 'key' }, { name: 'M', kind: 'number' }, { name: 'region', kind: 'text' }, { name: 'signup', kind: 'date' }], rows)]);
    const out = await engine.run(generateSql(fixture('decision tree'), name).sql);
    expect(byKey(out, 'segment')).toEqual({ a: 'A', b: 'B', c: 'B', d: 'C', e: 'A', f: 'D', g: 'A', h: 'D', i: 'B', j: 'D' });
    expect(byKey(out, 'tree_node')).toEqual({ a: '3', b: '4', c: '4', d: '1', e: '3', f: '5', g: '6', h: '2', i: '0', j: '5' });
    expect(Number(byKey(out, 'leaf_purity').a)).toBe(0.9);
  });

  it('PCA and factor scores from the saved means, SDs and weights; a missing input gives no scores', async () => {
    await engine.load([table('customers', [{ name: 'id', kind: 'key' }, { name: 'x', kind: 'number' }, { name: 'y', kind: 'number' }], [['u', 3, 6], ['v', 1, -2], ['w', null, 6]])]);
    const pca = await engine.run(generateSql(fixture('principal'), name).sql);
    // u: z = (1, 1) → 0.75; v: z = (0, −1) → −0.25.
    expect(byKey(pca, '主成分1')).toEqual({ u: '0.75', v: '-0.25', w: null });
    const fa = await engine.run(generateSql(fixture('factor scores'), name).sql);
    // u: t = (3, 0) → (1.5, 0.3); v: t = (−2, 1) → (−1, 0.8), summed in the engine's order (the same doubles).
    expect([Number(byKey(fa, '价格因子').u), Number(byKey(fa, '频次因子').u)]).toEqual([3 * 0.5 + 0 * 0, 3 * 0.1 + 0 * 1]);
    expect([Number(byKey(fa, '价格因子').v), Number(byKey(fa, '频次因子').v)]).toEqual([-2 * 0.5 + 1 * 0, -2 * 0.1 + 1 * 1]);
    expect(byKey(fa, '价格因子').w).toBeNull();
  });
});
