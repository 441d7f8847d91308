/**
 * The desktop engine uses only paths main granted. Every contract method that takes a file path
 * is listed here with a call that would read or write a file; an engine in 'granted' mode must
 * refuse each with PATH_NOT_GRANTED (and touch nothing), and do the work once the path is granted
 * for the right kind of access.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, type MethodName } from '../../../shared/contract/index';
import type { EngineClient } from '../../../shared/rpc/client';
import { Engine } from '../../../electron/engine/host/engine';
import { FileGrants } from '../../../electron/engine/host/file-grants';
import { tempDir } from '../../helpers/temp';

const tmp = tempDir('kequn-grants-');
afterAll(() => tmp.cleanup());

const csv = join(tmp.dir, '客户.csv');
const project = join(tmp.dir, '项目.kequn');
const out = (name: string): string => join(tmp.dir, 'out', name);

let engine: Engine;
let client: EngineClient;
let datasetId = '';

beforeAll(async () => {
  writeFileSync(csv, '客户,金额,城市\n张三,12,北京\n李四,30,上海\n王五,7,北京\n');
  // The project and the workbook are granted as main would after the user chose them.
  engine = new Engine({ dataDir: join(tmp.dir, 'home'), log: () => undefined, fileAccess: 'granted' });
  engine.grants.grant(project, 'project');
  engine.grants.grant(csv, 'read');
  client = engine.createClient();
  await client.call('project.open', { path: project, create: true });
  datasetId = (await client.call('import.run', { path: csv })).datasets[0]!.id;
});

afterAll(() => {
  client.close();
  engine.dispose();
});

/** One call per path-taking method; `path` is where it would read or write. */
const calls: Record<string, (path: string) => Promise<unknown>> = {
  'import.preview': (path) => client.call('import.preview', { path }),
  'import.run': (path) => client.call('import.run', { path }),
  'import.append': (path) => client.call('import.append', { path, datasetId }),
  'exports.dataset': (path) => client.call('exports.dataset', { datasetId, path, format: 'csv' }),
  'exports.pivot': (path) => client.call('exports.pivot', { datasetId, path, spec: { rows: [{ column: '城市' }], values: [{ agg: 'count' }] } }),
  'exports.crosstab': (path) => client.call('exports.crosstab', { path, spec: { datasetId, rows: { column: '城市' }, cols: { column: '客户' } } }),
  'exports.report': (path) => client.call('exports.report', { segmentationId: 's1', path }),
  'pivots.export': (path) => client.call('pivots.export', { datasetId, path, format: 'csv', spec: { rows: [{ column: '城市' }], values: [{ agg: 'count' }] } }),
  'project.open': (path) => client.call('project.open', { path, create: true }),
  'project.saveAs': (path) => client.call('project.saveAs', { path }),
};

/** Path parameters that name no user file: a download ticket is only issued for a file this engine wrote. */
const EXEMPT = ['exports.downloadTicket'];

describe('desktop engine: paths need a grant', () => {
  it('every contract method with a path parameter is covered here', () => {
    const withPath = (Object.keys(contract) as MethodName[]).filter((m) => {
      const params = contract[m].params as z.ZodType;
      return params instanceof z.ZodObject && 'path' in params.shape && !EXEMPT.includes(m);
    });
    expect(withPath.sort()).toEqual(Object.keys(calls).sort());
  });

  for (const [method, call] of Object.entries(calls)) {
    it(`${method} refuses a path main never granted, and writes nothing there`, async () => {
      const target = out(`${method}.csv`);
      await expect(call(target)).rejects.toMatchObject({ code: 'PATH_NOT_GRANTED', details: { path: target } });
      expect(existsSync(target)).toBe(false);
    });
  }

  it('a read grant does not allow writing over that file, nor opening it as a project', async () => {
    await expect(calls['exports.dataset']!(csv)).rejects.toMatchObject({ code: 'PATH_NOT_GRANTED', details: { access: 'write' } });
    await expect(calls['project.saveAs']!(csv)).rejects.toMatchObject({ code: 'PATH_NOT_GRANTED', details: { access: 'project' } });
  });

  it('works on granted paths: preview, export to a chosen file, save-as to a chosen project', async () => {
    expect((await client.call('import.preview', { path: csv })).columns.map((c) => c.name)).toEqual(['客户', '金额', '城市']);
    const target = join(tmp.dir, '导出.csv');
    engine.grants.grant(target, 'write');
    expect((await client.call('exports.dataset', { datasetId, path: target, format: 'csv' })).rows).toBe(3);
    expect(existsSync(target)).toBe(true);
    const copy = join(tmp.dir, '副本.kequn');
    engine.grants.grant(copy, 'project');
    expect((await client.call('project.saveAs', { path: copy })).path).toBe(copy);
  });

  it('an engine in the default mode (CLI, browser mode) uses any path', async () => {
    const open = new Engine({ dataDir: join(tmp.dir, 'home-open'), log: () => undefined });
    const c = open.createClient();
    try {
      expect((await c.call('import.preview', { path: csv })).rows).toHaveLength(3);
    } finally {
      c.close();
      open.dispose();
    }
  });
});

describe('FileGrants', () => {
  it('compares resolved paths, ignores case on Windows and macOS only', () => {
    const win = new FileGrants('granted', 'win32');
    win.grant('/Data/订单.XLSX', 'read');
    expect(win.allows('/data/订单.xlsx', 'read')).toBe(true);
    expect(win.allows('/data/sub/../订单.xlsx', 'read')).toBe(true);
    const linux = new FileGrants('granted', 'linux');
    linux.grant('/Data/订单.XLSX', 'read');
    expect(linux.allows('/data/订单.xlsx', 'read')).toBe(false);
    expect(linux.allows('/Data/x/../订单.XLSX', 'read')).toBe(true);
    linux.revoke('/Data/订单.XLSX');
    expect(linux.allows('/Data/订单.XLSX', 'read')).toBe(false);
  });

  it('says in both languages what was refused', () => {
    const g = new FileGrants('granted', 'linux');
    try {
      g.require('/x/报告.xlsx', 'write');
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'PATH_NOT_GRANTED', details: { path: '/x/报告.xlsx', access: 'write' } });
      expect((e as { messageZh: string }).messageZh).toContain('对话框');
      expect((e as Error).message).toContain('dialog');
    }
  });
});
