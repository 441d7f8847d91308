import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineClient } from '../../../shared/rpc/client';
import { Engine } from '../../../electron/engine/host/engine';
import { tempDir } from '../../helpers/temp';

let tmp: ReturnType<typeof tempDir>;
let engine: Engine;
let client: EngineClient;

/** A project with one small dataset, written through the store like an import would. */
async function projectWithData(path: string): Promise<void> {
  await client.call('project.open', { path, create: true });
  const store = engine.currentProject!;
  store.createDataset(
    {
      name: '客户',
      kind: 'import',
      source: 'test',
      columns: [
        { name: '客户名称', originalHeader: '客户名称', type: 'text' },
        { name: '金额', originalHeader: '金额', type: 'decimal' },
      ],
    },
    [
      ['上海华东贸易有限公司', 1200.5],
      ['北京远景科技', 88],
    ],
  );
}

beforeEach(() => {
  tmp = tempDir();
  engine = new Engine({ dataDir: join(tmp.dir, 'home'), log: () => undefined });
  client = engine.createClient();
});
afterEach(() => {
  client.close();
  engine.dispose();
  tmp.cleanup();
});

describe('project.saveAs', () => {
  it('writes a compact copy, makes it the open project, and leaves the old file as it was', async () => {
    const original = join(tmp.dir, '原项目.kequn');
    await projectWithData(original);
    const changed: (string | null)[] = [];
    client.on('project.changed', (e) => changed.push(e.project?.path ?? null));
    const progress: number[] = [];

    const info = await client.call('project.saveAs', { path: join(tmp.dir, '华东 客户') }, { onProgress: (p) => progress.push(p.done) });

    const target = join(tmp.dir, '华东 客户.kequn');
    expect(info).toMatchObject({ path: target, name: '华东 客户', datasetCount: 1, isDemo: false });
    expect((await client.call('project.info', {})).path).toBe(target);
    const datasets = await client.call('datasets.list', {});
    expect(datasets.map((d) => [d.name, d.rowCount])).toEqual([['客户', 2]]);
    expect(progress.at(-1)).toBe(2);
    await new Promise((r) => setImmediate(r));
    expect(changed).toEqual([target]);

    // Later work goes to the new file only.
    await client.call('datasets.rename', { datasetId: datasets[0]!.id, name: '客户（新）' });
    const old = new Database(original, { readonly: true });
    expect(old.prepare('SELECT name FROM datasets').pluck().all()).toEqual(['客户']);
    expect(old.prepare("SELECT value FROM project WHERE key = 'name'").pluck().get()).toBe('原项目');
    old.close();
    // No temporary files are left next to the target.
    expect(readdirSync(tmp.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a saved demo becomes an ordinary project', async () => {
    const demoLike = join(tmp.dir, 'demo.kequn');
    await client.call('project.open', { path: demoLike, create: true });
    engine.currentProject!.setMeta('is_demo', '1');
    expect((await client.call('project.info', {})).isDemo).toBe(true);
    const info = await client.call('project.saveAs', { path: join(tmp.dir, 'mine.kequn') });
    expect(info).toMatchObject({ isDemo: false, name: 'mine' });
  });

  it('replaces an existing file at the target', async () => {
    await projectWithData(join(tmp.dir, 'a.kequn'));
    const target = join(tmp.dir, 'b.kequn');
    writeFileSync(target, 'not a database');
    writeFileSync(`${target}-wal`, 'stale');
    const info = await client.call('project.saveAs', { path: target });
    // Had the stale WAL been replayed into the copy, the file would be damaged or differ.
    expect(info.datasetCount).toBe(1);
    expect((await client.call('datasets.list', {}))[0]!.rowCount).toBe(2);
    expect(existsSync(target)).toBe(true);
  });

  it.each([
    ['no project is open', async () => undefined, (d: string) => join(d, 'x.kequn'), 'NO_PROJECT'],
    ['the target is the open file', projectWithData, (d: string) => join(d, 'p.kequn'), 'OUTPUT_IS_PROJECT'],
    ['the folder does not exist', projectWithData, (d: string) => join(d, 'missing', 'x.kequn'), 'FILE_WRITE_FAILED'],
    ['the target is a folder', projectWithData, (d: string) => join(d, 'dir.kequn'), 'FILE_WRITE_FAILED'],
  ] as const)('refuses when %s, and changes nothing', async (_name, prepare, targetOf, code) => {
    const open = join(tmp.dir, 'p.kequn');
    await prepare(open);
    mkdirSync(join(tmp.dir, 'dir.kequn'));
    const before = engine.currentProject?.path ?? null;
    await expect(client.call('project.saveAs', { path: targetOf(tmp.dir) })).rejects.toMatchObject({ code });
    expect(engine.currentProject?.path ?? null).toBe(before);
    expect(readdirSync(tmp.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('validates params', async () => {
    await expect(client.call('project.saveAs', { path: '' })).rejects.toMatchObject({ code: 'VALIDATION' });
    // @ts-expect-error unknown key is rejected by the strict schema
    await expect(client.call('project.saveAs', { path: '/x.kequn', overwrite: true })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
