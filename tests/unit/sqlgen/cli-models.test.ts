import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/engine/cli/run-cli';
import type { ColumnType } from '../../../shared/contract/datasets';
import { readCsv } from '../models/model-fixtures';
import { openHarness, type SegmentHarness } from '../segment/segment-harness';

/**
 * `kequn sql --model` / `--segmentation` for the models of issue 22 on the bank fixture
 * (tests/fixtures/models, no ../shared/data): a k-prototypes segmentation (renamed cluster, and
 * applied to a second dataset), a decision tree explaining it, PCA and factor scores; --list,
 * --check in both languages, --help, and Ward refused with a reason.
 */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const outcome = await runCli(args, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code: outcome.exitCode, out, err };
}

const NUMERIC = new Set(['age', 'balance', 'day', 'duration', 'campaign', 'pdays', 'previous']);

describe('kequn sql for k-prototypes, trees and factor models', () => {
  let h: SegmentHarness;
  let path: string;
  let kproto: string;
  let applied: string;
  let tree: string;
  let pca: string;
  let fa: string;
  let ward: string;

  beforeAll(async () => {
    h = openHarness('sql-models');
    path = h.store.path;
    const all = readCsv('bank.csv');
    const header = Object.keys(all[0]!);
    const make = (name: string, rows: typeof all): string =>
      h.store.createDataset(
        { name, kind: 'import', source: 'test', columns: header.map((c) => ({ name: c, originalHeader: c, type: (NUMERIC.has(c) ? 'integer' : 'text') as ColumnType })) },
        // Every 50th balance missing, every 40th job empty: rows the models leave out or stop early.
        rows.map((r, i) => header.map((c) => (NUMERIC.has(c) ? (c === 'balance' && i % 50 === 7 ? null : Number(r[c])) : c === 'job' && i % 40 === 3 ? null : r[c]!))),
      ).id;
    const bank = make('银行客户', all.slice(0, 1200));
    const later = make('新客户', all.slice(1200, 1800));
    const c = h.client;
    const kp = await c.call('kproto.run', { datasetId: bank, k: 3, numeric: ['age', 'balance'], categorical: ['job', 'marital'], name: '混合聚类' });
    kproto = kp.segmentation.id;
    const first = kp.segmentation.segments[0]!.name;
    await c.call('segment.updateTexts', { segmentationId: kproto, segments: [{ segment: first, name: '年轻单身', action: null }] });
    applied = (await c.call('kproto.score', { segmentationId: kproto, datasetId: later })).segmentation.id;
    tree = (await c.call('tree.fit', { segmentationId: kproto, columns: ['age', 'balance', 'job', 'education'], maxDepth: 5, minLeaf: 10, name: '混合聚类解释' })).model.id;
    pca = (await c.call('factor.run', { datasetId: bank, columns: ['age', 'balance', 'duration', 'campaign'], method: 'pca', factors: 2, name: '主成分' })).model.id;
    fa = (await c.call('factor.run', { datasetId: bank, columns: ['age', 'balance', 'duration', 'campaign', 'pdays', 'previous'], method: 'fa', factors: 2, name: '因子' })).model.id;
    ward = (await c.call('hclust.keep', { datasetId: bank, features: [{ column: 'age' }, { column: 'duration' }], k: 3 })).segmentation.id;
  }, 60_000);

  afterAll(() => h?.close());

  it('--list shows the models with how to export each', async () => {
    const r = await cli(['sql', '--project', path, '--list']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`--segmentation ${kproto}\tkprototypes\t混合聚类`);
    expect(r.out).toContain(`--segmentation ${applied}\tkprototypes`);
    expect(r.out).toContain(`--model ${tree}\ttree\t混合聚类解释`);
    expect(r.out).toContain(`--model ${pca}\tfactor\t主成分`);
    expect(r.out).toContain(`--model ${fa}\tfactor\t因子`);
    expect(r.out).not.toContain(ward);
  });

  it('--check agrees on every row for each model, labels exactly and scores within 1e-9', async () => {
    for (const args of [['--segmentation', kproto], ['--segmentation', applied], ['--model', tree], ['--model', pca], ['--model', fa]]) {
      const r = await cli(['sql', '--project', path, ...args, '--check', '--json']);
      expect(r.code, `${args.join(' ')} ${r.out}${r.err}`).toBe(0);
      const { check } = JSON.parse(r.out) as { check: { agree: number; compared: number; mismatches: unknown[]; tolerance: number | null } };
      expect(check.compared, args.join(' ')).toBeGreaterThan(500);
      expect(`${check.agree} / ${check.compared}`, `${args.join(' ')} ${JSON.stringify(check.mismatches.slice(0, 3))}`).toBe(`${check.compared} / ${check.compared}`);
      expect(check.tolerance).toBe(args[0] === '--model' && args[1] !== tree ? 1e-9 : null);
    }
    const zh = await cli(['sql', '--project', path, '--model', pca, '--check']);
    expect(zh.out.trim()).toBe('1,200 / 1,200 行一致（相对误差 ≤ 1e-9）');
    const en = await cli(['sql', '--project', path, '--model', tree, '--check', '--lang', 'en']);
    expect(en.out.trim()).toBe('1,200 / 1,200 rows agree');
  });

  it('the SQL carries the renamed cluster, the tree rules as CASE and the factor names as columns', async () => {
    const kp = await cli(['sql', '--project', path, '--segmentation', kproto, '--dialect', 'postgres']);
    expect(kp.out).toContain("'年轻单身'");
    expect(kp.out).toContain("Huang's cost");
    const t = await cli(['sql', '--project', path, '--model', tree, '--dialect', 'mysql', '--json']);
    const tj = (JSON.parse(t.out) as { files: { sql: string; outputs: string[] }[] }).files[0]!;
    expect(tj.outputs).toEqual(['customer_key', 'segment', 'tree_node', 'leaf_purity']);
    expect(tj.sql).toMatch(/AND `job` IN \('/);
    expect(tj.sql).toContain("AND (`job` IS NULL OR CAST(`job` AS CHAR) = '')");
    expect(tj.sql).toContain('-- node ');
    const f = await cli(['sql', '--project', path, '--model', fa, '--dialect', 'spark', '--json']);
    expect((JSON.parse(f.out) as { files: { outputs: string[] }[] }).files[0]!.outputs).toEqual(['customer_key', 'pdays因子', 'balance因子']);
  });

  it('--help names the new targets; Ward is refused with the reason', async () => {
    const zh = await cli(['sql', '--help']);
    expect(zh.out).toContain('--model M');
    expect(zh.out).toContain('K-原型');
    expect(zh.out).toContain('决策树');
    const en = await cli(['sql', '--help', '--lang', 'en']);
    expect(en.out).toContain('a missing value stops at');
    const w = await cli(['sql', '--project', path, '--segmentation', ward]);
    expect(w.code).toBe(2);
    expect(w.err).toMatch(/不能导出为 SQL|cannot be exported as SQL/);
  });
});
