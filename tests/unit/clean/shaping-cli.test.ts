import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../../electron/engine/store/project-store';
import { runCliOn, type CliRun } from '../../helpers/cli-run';
import { tempDir } from '../../helpers/temp';
import { makeDataset } from './clean-fixture';

const tmp = tempDir('kequn-shape-cli-');
const project = join(tmp.dir, 'p.kequn');

beforeAll(() => {
  const store = ProjectStore.open(project, { create: true });
  makeDataset(store, '订单', [
    ['张三', '书A；书B', 10],
    ['李四', '书C', 20],
    ['王五', null, 30],
  ], [
    { name: '客户', originalHeader: '客户', type: 'text' },
    { name: '宝贝标题', originalHeader: '宝贝标题', type: 'text' },
    { name: '金额', originalHeader: '金额', type: 'decimal' },
  ]);
  makeDataset(store, '客户表', [
    ['张三', '重要价值'],
    ['李四', '一般保持'],
  ], [
    { name: '会员', originalHeader: '会员', type: 'text' },
    { name: '细分', originalHeader: '细分', type: 'text' },
  ]);
  store.close();
});
afterAll(() => tmp.cleanup());

const cli = (json: boolean, ...argv: string[]): Promise<CliRun> => runCliOn(project, json, argv, ['--lang', 'zh']);

describe('kequn clean split / merge', () => {
  it('previews a merge in words (matches, rows before → after), applies it and undoes it', async () => {
    const p = await cli(false, 'clean', 'merge', '--dataset', '订单', '--with', '客户表', '--on', '客户=会员', '--preview');
    expect(p.code).toBe(0);
    expect(p.out).toContain('合并「客户表」');
    expect(p.out).toContain('匹配 2 行，未匹配 1 行');
    expect(p.out).toContain('行数: 3 → 3');
    const a = await cli(true, 'clean', 'merge', '--dataset', '订单', '--with', '客户表', '--on', '客户＝会员', '--join', 'inner');
    expect(a.code).toBe(0);
    expect(JSON.parse(a.out)).toMatchObject({ step: { operation: { op: 'merge', with: '客户表', on: [{ left: '客户', right: '会员' }], join: 'inner' }, rowsAfter: 2 }, dataset: { rows: 2 } });
    expect(JSON.parse((await cli(true, 'clean', 'undo', '--dataset', '订单')).out)).toMatchObject({ canRedo: true });
  });

  it('splits into rows with an item number; the preview lists the split cells', async () => {
    const p = await cli(false, 'clean', 'split', '--dataset', '订单', '--column', '宝贝标题', '--preview');
    expect(p.out).toContain('拆分 1 个单元格，行数 3 → 4');
    expect(p.out).toContain('书A ｜ 书B');
    const a = await cli(true, 'clean', 'split', '--dataset', '订单', '--column', '宝贝标题', '--item-number', '第几件');
    expect(JSON.parse(a.out)).toMatchObject({ step: { operation: { op: 'splitRows', itemNumber: '第几件', trim: true, dropEmpty: true }, rowsBefore: 3, rowsAfter: 4 } });
  });

  it('a missing key column exits 2 with a coded error naming the dataset', async () => {
    const r = await cli(false, 'clean', 'merge', '--dataset', '订单', '--with', '客户表', '--on', '客户');
    expect(r.code).toBe(2);
    expect(r.err).toContain('合并键列“客户”不在数据集“客户表”中');
    expect((await cli(false, 'clean', 'merge', '--dataset', '订单', '--with', '客户表')).code).toBe(2);
  });

  it('--help states the conventions: default delimiters, repeated columns, how keys compare', async () => {
    const h = await cli(false, 'clean', '--help');
    expect(h.out).toContain('split --column');
    expect(h.out).toContain('default ； ; ， |');
    expect(h.out).toContain('第几件 = 1');
    expect(h.out).toContain('"1001" matches 1001');
  });
});
