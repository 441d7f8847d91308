import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/engine/cli/run-cli';
import { ProjectStore } from '../../../electron/engine/store/project-store';
import { tempDir } from '../../helpers/temp';
import { CUSTOMER_COLUMNS, CUSTOMER_ROWS } from './rows-fixture';

const tmp = tempDir('kequn-rows-cli-');
const project = join(tmp.dir, 'rows.kequn');

async function cli(...argv: string[]): Promise<{ code: number; out: Record<string, unknown> }> {
  let stdout = '';
  const r = await runCli([...argv, '--project', project, '--json'], { stdout: (t) => (stdout += t), stderr: () => undefined });
  r.engine?.dispose();
  return { code: r.exitCode, out: JSON.parse(stdout) as Record<string, unknown> };
}

beforeAll(() => {
  const store = ProjectStore.open(project, { create: true });
  store.createDataset({ name: '客户', kind: 'import', source: 'test', columns: CUSTOMER_COLUMNS }, CUSTOMER_ROWS);
  store.close();
});
afterAll(() => tmp.cleanup());

describe('kequn rows', () => {
  it('prints a sorted, filtered page by dataset name', async () => {
    const r = await cli('rows', '--dataset', '客户', '--sort', 'c2:desc', '--filter', '{"kind":"oneOf","column":"c1","values":["北京","上海"]}', '--columns', 'c0,c2', '--limit', '3');
    expect(r.code).toBe(0);
    expect(r.out).toMatchObject({ totalRows: 10, filteredRows: 6, columns: ['c0', 'c2'], invalid: [[0, 1]] });
    expect(r.out.rows).toEqual([
      ['王五', 'N/A'],
      ['张三', 1200.5],
      ['under_score', 1200.5],
    ]);
  });

  it('prints statistics, value lists and find results', async () => {
    const stats = await cli('rows', 'stats', '--dataset', '客户', '--column', 'c3');
    expect(stats.out).toMatchObject({ rows: 10, missing: 1, min: 0, max: 12, sum: 35 });
    const distinct = await cli('rows', 'distinct', '--dataset', '客户', '--column', 'c1', '--search', '京');
    expect(distinct.out).toMatchObject({ values: [{ value: '北京', count: 3 }], totalDistinct: 1 });
    const found = await cli('rows', 'find', '--dataset', '客户', '--text', '北京', '--from', '0:c1');
    expect(found.out).toEqual({ found: { row: 2, column: 'c1' }, wrapped: false });
  });

  it('exits 2 with a coded error for bad input', async () => {
    expect(await cli('rows', '--dataset', '客户', '--sort', 'c2:sideways')).toMatchObject({ code: 2, out: { error: { code: 'USAGE' } } });
    expect(await cli('rows', '--dataset', '客户', '--filter', '{"kind":"nope"}')).toMatchObject({ code: 2, out: { error: { code: 'USAGE' } } });
    expect(await cli('rows', '--dataset', '客户', '--sort', 'c42')).toMatchObject({ code: 2, out: { error: { code: 'COLUMN_NOT_FOUND' } } });
    expect(await cli('rows', '--dataset', '没有')).toMatchObject({ code: 2, out: { error: { code: 'DATASET_NOT_FOUND' } } });
  });
});
