import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/engine/cli/run-cli';
import { ProjectStore } from '../../../electron/engine/store/project-store';
import { tempDir } from '../../helpers/temp';
import { makeDataset } from '../clean/clean-fixture';

const tmp = tempDir('kequn-cli-');
const project = join(tmp.dir, 'p.kequn');

beforeAll(() => {
  const store = ProjectStore.open(project, { create: true });
  makeDataset(store);
  store.close();
});
afterAll(() => tmp.cleanup());

async function cli(...argv: string[]): Promise<{ code: number; out: unknown }> {
  let stdout = '';
  const r = await runCli([...argv, '--project', project, '--json'], { stdout: (t) => (stdout += t), stderr: () => undefined });
  return { code: r.exitCode, out: JSON.parse(stdout) };
}

describe('kequn clean / formula / groupby / rfm', () => {
  it('cleans with flags, previews, undoes and lists history', async () => {
    const preview = await cli('clean', 'dedupe', '--dataset', '订单', '--keys', '客户', '--preview');
    expect(preview).toMatchObject({ code: 0, out: { preview: { affectedRows: 1 } } });
    expect(await cli('clean', 'change-type', '--dataset', '订单', '--column', '金额', '--type', 'decimal')).toMatchObject({
      code: 0,
      out: { step: { seq: 1, affectedRows: 2 }, dataset: { rows: 8 } },
    });
    expect(await cli('clean', 'map', '--dataset', '订单', '--column', '城市', '--map', '北京市=北京,Beijing=北京')).toMatchObject({ out: { step: { affectedRows: 3 } } });
    const h = await cli('clean', 'undo', '--dataset', '订单');
    expect(h.out).toMatchObject({ canUndo: true, canRedo: true, steps: [{ state: 'applied' }, { state: 'undone' }] });
  });

  it('previews and adds a formula column', async () => {
    const p = await cli('formula', '--dataset', '订单', '--expr', '[金额] * 2', '--preview', '--limit', '2');
    expect(p.out).toMatchObject({ type: 'number', rows: [{ value: 200 }, { value: 2468 }] });
    const add = await cli('formula', '--dataset', '订单', '--expr', 'LEN(客户)', '--name', '名字长度');
    expect(add.out).toMatchObject({ column: { name: '名字长度', type: 'integer' }, stats: { rows: 8 } });
  });

  it('classifies by keyword rules and adds a looked-up column, as cleaning steps', async () => {
    const k = await cli('clean', 'keyword-category', '--dataset', '订单', '--column', '城市', '--rules', '北京=华北;regex:^\\s*上海=华东', '--name', '区域');
    expect(k).toMatchObject({ code: 0, out: { step: { operation: { op: 'keywordCategory', rules: [{ match: 'contains', pattern: '北京', category: '华北' }, { match: 'regex', pattern: '^\\s*上海', category: '华东' }] } } } });
    const x = await cli('clean', 'formula', '--dataset', '订单', '--formula', 'XLOOKUP([客户], [客户], [区域], "无")', '--name', '客户区域', '--preview');
    expect(x).toMatchObject({ code: 0, out: { preview: { columns: ['客户', '区域', '客户区域'] } } });
    expect(await cli('clean', 'keyword-category', '--dataset', '订单', '--column', '城市', '--rules', '北京')).toMatchObject({ code: 2 });
  });

  it('groups by a key', async () => {
    const g = await cli('groupby', '--dataset', '订单', '--keys', '客户', '--agg', 'sum:金额', '--agg', 'count=笔数');
    expect(g.out).toMatchObject({ dataset: { rows: 7 }, groups: 7 });
  });

  it('prints the agreed RFM shape', async () => {
    const r = await cli('rfm', '--dataset', '订单', '--customer', '客户', '--date', '下单日期', '--amount', '金额');
    expect(r.code).toBe(0);
    expect(Object.keys(r.out as object)).toEqual(['dataset', 'asOf', 'excluded', 'exclusions', 'summary']);
    expect(r.out).toMatchObject({
      dataset: { name: 'RFM-订单', rows: 5 },
      asOf: '2024-02-05',
      excluded: { missingDate: 1, invalidAmount: 1 },
      summary: { F: { min: 1, max: 1 } },
    });
  });

  it('exits 2 with a coded JSON error on a bad formula', async () => {
    const r = await cli('formula', '--dataset', '订单', '--expr', '[金额] + [无]');
    expect(r.code).toBe(2);
    expect(r.out).toMatchObject({ error: { code: 'FORMULA_ERROR', details: { position: 7, length: 3 } } });
  });
});
