/**
 * Browser uploads (import.upload) through a real engine: a private folder under the app home,
 * deleted once the import that used it ends or fails, a total quota, and coded errors for names,
 * base64 and lengths that do not add up.
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineClient } from '../../../shared/rpc/client';
import { Engine } from '../../../electron/engine/host/engine';
import { MAX_NAME_BYTES } from '../../../electron/engine/import/upload-name';
import type { UploadLimits } from '../../../electron/engine/import/upload-store';
import { tempDir } from '../../helpers/temp';

const CSV = Buffer.from('客户,金额\n张三,1\n李四,2\n', 'utf8');

const open: { engine: Engine; client: EngineClient }[] = [];
const dirs: { cleanup(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) {
    o.client.close();
    o.engine.dispose();
  }
  for (const d of dirs.splice(0)) d.cleanup();
});

async function start(uploadLimits: Partial<UploadLimits> = {}) {
  const tmp = tempDir('kequn-upload-');
  dirs.push(tmp);
  const home = join(tmp.dir, 'home');
  const engine = new Engine({ dataDir: home, log: () => undefined, uploadLimits });
  const client = engine.createClient();
  open.push({ engine, client });
  await client.call('project.open', { path: join(tmp.dir, 'p.kequn'), create: true });
  return { engine, client, home, dir: tmp.dir };
}

function whole(uploadId: string, fileName: string, bytes: Buffer = CSV) {
  return { uploadId, fileName, size: bytes.length, offset: 0, dataBase64: bytes.toString('base64'), last: true };
}

const mode = (path: string): number => statSync(path).mode & 0o777;

describe('import.upload: where uploads live', () => {
  it('in a 0700 folder of this engine under the app home, the file 0600', async () => {
    const { client, home } = await start();
    const r = await client.call('import.upload', whole('a1', '客户.csv'));
    const path = r.path!;
    expect(basename(path)).toBe('客户.csv');
    expect(path.startsWith(join(home, 'uploads') + '/')).toBe(true);
    expect(mode(path)).toBe(0o600);
    expect(mode(dirname(path))).toBe(0o700);
    expect(mode(dirname(dirname(path)))).toBe(0o700);
    expect(mode(join(home, 'uploads'))).toBe(0o700);
  });

  it('is deleted once imported, and after a failed import; a preview keeps it', async () => {
    const { client } = await start();
    const ok = (await client.call('import.upload', whole('ok', '客户.csv'))).path!;
    await client.call('import.preview', { path: ok });
    expect(existsSync(ok)).toBe(true);
    expect((await client.call('import.run', { path: ok })).datasets[0]!.rows).toBe(2);
    expect(existsSync(ok)).toBe(false);
    expect(existsSync(dirname(ok))).toBe(false);

    const bad = (await client.call('import.upload', whole('bad', '坏.xlsx', Buffer.from('PK\u0003\u0004 not really a zip')))).path!;
    await expect(client.call('import.run', { path: bad })).rejects.toMatchObject({ code: expect.stringMatching(/^IMPORT_/) });
    expect(existsSync(dirname(bad))).toBe(false);

    // Appending next month's file: the upload goes too.
    const ds = (await client.call('datasets.list', {}))[0]!;
    const more = (await client.call('import.upload', whole('more', '客户2.csv'))).path!;
    expect((await client.call('import.append', { path: more, datasetId: ds.id })).rowsAdded).toBe(2);
    expect(existsSync(dirname(more))).toBe(false);
  });

  it('a chunk that fails removes what the upload had stored', async () => {
    const { client, engine } = await start();
    const half = CSV.subarray(0, 9);
    await client.call('import.upload', { uploadId: 'p', fileName: 'x.csv', size: CSV.length, offset: 0, dataBase64: half.toString('base64'), last: false });
    const folder = join(engine.uploads.root, 'u-p');
    expect(readdirSync(folder)).toEqual(['x.csv']);
    await expect(client.call('import.upload', { uploadId: 'p', fileName: 'x.csv', size: CSV.length, offset: 9, dataBase64: '!!!!', last: true })).rejects.toMatchObject({
      code: 'UPLOAD_INVALID',
    });
    expect(existsSync(folder)).toBe(false);
  });

  it('the engine removes its folder when it stops, and a new engine sweeps those of engines that are gone', async () => {
    const { engine, client, home } = await start();
    const path = (await client.call('import.upload', whole('a', 'a.csv'))).path!;
    // A session folder left by an engine that was killed (pid that cannot exist).
    const orphan = join(home, 'uploads', '999999999-00aa11');
    mkdirSync(orphan, { recursive: true });
    writeFileSync(join(orphan, 'left.csv'), 'x');
    const next = new Engine({ dataDir: home, log: () => undefined });
    expect(existsSync(orphan)).toBe(false);
    // A live engine's folder (this one) is left alone.
    expect(existsSync(path)).toBe(true);
    next.dispose();
    client.close();
    engine.dispose();
    open.length = 0;
    expect(existsSync(dirname(dirname(path)))).toBe(false);
  });
});

describe('import.upload: quota and sizes', () => {
  it('refuses uploads beyond the total quota with UPLOAD_QUOTA until earlier ones are imported', async () => {
    const { client } = await start({ quotaBytes: 2 * CSV.length + 5 });
    const a = (await client.call('import.upload', whole('a', 'a.csv'))).path!;
    await client.call('import.upload', whole('b', 'b.csv'));
    await expect(client.call('import.upload', whole('c', 'c.csv'))).rejects.toMatchObject({
      code: 'UPLOAD_QUOTA',
      details: { pendingBytes: 2 * CSV.length, quotaBytes: 2 * CSV.length + 5 },
    });
    await client.call('import.run', { path: a });
    expect((await client.call('import.upload', whole('c', 'c.csv'))).bytes).toBe(CSV.length);
  });

  it('refuses a declared size above the file limit before storing anything', async () => {
    const { client, engine } = await start({ maxFileBytes: 10 });
    await expect(client.call('import.upload', whole('big', 'big.csv'))).rejects.toMatchObject({ code: 'TOO_LARGE' });
    expect(existsSync(engine.uploads.root)).toBe(false);
  });

  it('an upload idle past its time is dropped when another starts, and no longer counts', async () => {
    const { client, engine } = await start({ idleMs: 0, quotaBytes: CSV.length + 1 });
    const stale = (await client.call('import.upload', whole('old', 'old.csv'))).path!;
    await new Promise((r) => setTimeout(r, 5));
    await client.call('import.upload', whole('new', 'new.csv'));
    expect(existsSync(stale)).toBe(false);
    expect(engine.uploads.pendingBytes).toBe(CSV.length);
  });
});

describe('import.upload: coded errors for bad input', () => {
  it('names that are no file name: ".", "..", only dots or spaces, only separators', async () => {
    const { client } = await start();
    for (const name of ['.', '..', '...', ' . ', '/', 'a/..', '..\\']) {
      await expect(client.call('import.upload', whole('n', name)), name).rejects.toMatchObject({ code: 'UPLOAD_INVALID', details: { reason: 'name' } });
    }
  });

  it('a 255-character Chinese name is shortened to fit the file system, keeping its extension, and imports', async () => {
    const { client } = await start();
    const name = `${'客'.repeat(251)}.csv`;
    expect(name.length).toBe(255);
    const path = (await client.call('import.upload', whole('long', name))).path!;
    expect(Buffer.byteLength(basename(path))).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(basename(path)).toMatch(/^客+\.csv$/);
    expect((await client.call('import.run', { path })).datasets[0]!.rows).toBe(2);
  });

  it('folder parts and characters file systems refuse are dropped or replaced', async () => {
    const { client, engine } = await start();
    const path = (await client.call('import.upload', whole('t', '..\\..\\evil/订单:2024?.csv'))).path!;
    expect(basename(path)).toBe('订单_2024_.csv');
    expect(dirname(path)).toBe(join(engine.uploads.root, 'u-t'));
  });

  it('text that is not base64 is refused, not taken as zero bytes', async () => {
    const { client } = await start();
    for (const data of ['@@@@', 'abc', 'ab=c', '客户', 'YWJj\n', 'YW J', 'YQ=A', 'Y===', '====', 'AB==CDEF']) {
      await expect(
        client.call('import.upload', { uploadId: 'b', fileName: 'b.csv', size: 3, offset: 0, dataBase64: data, last: true }),
        data,
      ).rejects.toMatchObject({ code: 'UPLOAD_INVALID', details: { reason: 'base64' } });
    }
  });

  it('lengths must add up: more bytes than declared, an early last chunk, a size that changes', async () => {
    const { client } = await start();
    const chunk = (over: Partial<ReturnType<typeof whole>>) => ({ ...whole('l', 'l.csv'), ...over });
    await expect(client.call('import.upload', chunk({ size: 3 }))).rejects.toMatchObject({ code: 'UPLOAD_INVALID', details: { reason: 'length' } });
    await expect(client.call('import.upload', chunk({ size: CSV.length + 1 }))).rejects.toMatchObject({ code: 'UPLOAD_INVALID', details: { reason: 'length' } });
    const head = CSV.subarray(0, 6).toString('base64');
    await client.call('import.upload', chunk({ dataBase64: head, last: false }));
    await expect(client.call('import.upload', chunk({ offset: 6, size: 99, dataBase64: head, last: true }))).rejects.toMatchObject({
      code: 'UPLOAD_INVALID',
      details: { reason: 'length' },
    });
    await expect(client.call('import.upload', chunk({ dataBase64: '', last: false }))).rejects.toMatchObject({ code: 'UPLOAD_INVALID', details: { reason: 'length' } });
  });

  it('an empty file uploads as zero bytes and its import says the file is empty', async () => {
    const { client } = await start();
    const r = await client.call('import.upload', whole('e', 'empty.csv', Buffer.alloc(0)));
    expect(r.bytes).toBe(0);
    await expect(client.call('import.run', { path: r.path! })).rejects.toMatchObject({ code: 'IMPORT_EMPTY' });
  });
});
