import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/engine/cli/run-cli';
import { Engine } from '../../../electron/engine/host/engine';
import { ProjectStore } from '../../../electron/engine/store/project-store';
import type { EngineClient } from '../../../shared/rpc/client';
import { CLI } from '../../crash/crash-harness';
import { tempDir } from '../../helpers/temp';
import { writeCustomersCsv, writeOrdersCsv } from './fixtures';

const sha = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');

async function cli(args: string[], home: string): Promise<{ code: number; json: { error?: { code: string; details?: Record<string, unknown> } } & Record<string, unknown> }> {
  let out = '';
  const prev = process.env.KEQUN_HOME;
  process.env.KEQUN_HOME = home;
  try {
    const r = await runCli([...args, '--json'], { stdout: (t) => (out += t), stderr: () => undefined });
    r.engine?.dispose();
    return { code: r.exitCode, json: JSON.parse(out.trim().split('\n').pop() ?? '{}') as never };
  } finally {
    if (prev === undefined) delete process.env.KEQUN_HOME;
    else process.env.KEQUN_HOME = prev;
  }
}

describe('writers never overwrite a project', () => {
  let tmp: ReturnType<typeof tempDir>;
  let project: string;
  beforeEach(async () => {
    tmp = tempDir('kequn-out-');
    project = join(tmp.dir, '客户.kequn');
    expect((await cli(['import', writeCustomersCsv(tmp.dir, 300), '--project', project], join(tmp.dir, 'home'))).code).toBe(0);
    expect((await cli(['segment', 'rfm8', '--project', project, '--dataset', 'customers', '--r', '最近购买天数', '--f', '购买次数', '--m', '消费金额'], join(tmp.dir, 'home'))).code).toBe(0);
  });
  afterEach(() => tmp.cleanup());

  it('refuses the open project, its companions and any .kequn as an export, report or pivot target', async () => {
    const before = sha(project);
    const home = join(tmp.dir, 'home');
    const other = join(tmp.dir, 'other.kequn');
    const targets = [project, `${project}-wal`, `${project}-shm`, `${project}-journal`, other, join(tmp.dir, 'x.KEQUN')];
    for (const out of targets) {
      const exp = await cli(['export', '--project', project, '--dataset', 'customers', '--out', out], home);
      expect(exp, out).toMatchObject({ code: 2, json: { error: { code: 'OUTPUT_IS_PROJECT' } } });
      const rep = await cli(['report', '--project', project, '--segmentation', 's1', '--out', out], home);
      expect(rep, out).toMatchObject({ code: 2, json: { error: { code: 'OUTPUT_IS_PROJECT' } } });
      const piv = await cli(['pivot', '--project', project, '--dataset', 'customers', '--rows', '城市', '--values', 'count', '--out', out], home);
      expect(piv, out).toMatchObject({ code: 2, json: { error: { code: 'OUTPUT_IS_PROJECT' } } });
    }
    expect(existsSync(other)).toBe(false);
    expect(sha(project)).toBe(before);
    expect((await cli(['check', '--project', project], home)).code).toBe(0);
  }, 180_000);

  it('leaves no temp file behind when the engine is killed mid-export; the next start sweeps it', async () => {
    const home = join(tmp.dir, 'home');
    const big = join(tmp.dir, 'big.kequn');
    expect((await cli(['import', writeOrdersCsv(tmp.dir, 300_000), '--project', big], home)).code).toBe(0);
    const outDir = join(tmp.dir, 'out');
    mkdirSync(outDir);
    const child = spawn(process.execPath, [CLI, 'export', '--project', big, '--dataset', 'orders', '--out', join(outDir, '订单.xlsx'), '--json'], {
      env: { ...process.env, KEQUN_HOME: home },
      stdio: 'ignore',
    });
    const temps = (): string[] => readdirSync(outDir).filter((f) => f.startsWith('.~kequn-'));
    for (let i = 0; i < 400 && temps().length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(temps()).toHaveLength(1);
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    expect(temps()).toHaveLength(1);
    // Any next start of the engine with the same app folder removes it.
    new Engine({ dataDir: home, log: () => undefined }).dispose();
    expect(readdirSync(outDir)).toEqual([]);
  });
});

describe('files that are not Kequn projects are refused unchanged', () => {
  let tmp: ReturnType<typeof tempDir>;
  let engine: Engine;
  let client: EngineClient;
  beforeEach(() => {
    tmp = tempDir('kequn-foreign-');
    engine = new Engine({ dataDir: join(tmp.dir, 'home'), log: () => undefined });
    client = engine.createClient();
  });
  afterEach(() => {
    engine.dispose();
    tmp.cleanup();
  });

  const foreign = (name: string, sql: string): string => {
    const p = join(tmp.dir, name);
    const db = new Database(p);
    db.exec(sql);
    db.close();
    return p;
  };

  it('a SQLite file of another program, even one with a "project" table, is byte-for-byte unchanged', async () => {
    const files = [
      foreign('crm.sqlite', "CREATE TABLE customers (id INTEGER, name TEXT); INSERT INTO customers VALUES (1, '张三');"),
      foreign('lookalike.kequn', "CREATE TABLE project (key TEXT PRIMARY KEY, value TEXT); INSERT INTO project VALUES ('name', 'x');"),
      join(tmp.dir, 'notes.kequn'),
    ];
    writeFileSync(files[2]!, 'just text, not a database');
    for (const f of files) {
      const before = sha(f);
      await expect(client.call('project.open', { path: f })).rejects.toMatchObject({ code: 'PROJECT_NOT_KEQUN' });
      expect(sha(f)).toBe(before);
      expect(existsSync(`${f}-wal`)).toBe(false);
      expect(await cli(['check', '--project', f], join(tmp.dir, 'home'))).toMatchObject({ code: 2, json: { error: { code: 'PROJECT_NOT_KEQUN' } } });
      expect(sha(f)).toBe(before);
    }
    expect(engine.currentProject).toBeNull();
  });

  it('kequn check reports a damaged project with PROJECT_DAMAGED and its problems', async () => {
    const p = join(tmp.dir, 'p.kequn');
    await client.call('project.open', { path: p, create: true });
    await client.call('import.run', { path: writeCustomersCsv(tmp.dir, 20_000) });
    await client.call('project.close', {});
    const bytes = readFileSync(p);
    // Scribble over pages in the middle of the file (not the header).
    bytes.fill(0x5a, Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 8192);
    writeFileSync(p, bytes);
    const r = await cli(['check', '--project', p], join(tmp.dir, 'home'));
    expect(r).toMatchObject({ code: 2, json: { error: { code: 'PROJECT_DAMAGED' } } });
  });
});

describe('coded errors instead of INTERNAL', () => {
  let tmp: ReturnType<typeof tempDir>;
  let engine: Engine;
  let client: EngineClient;
  beforeEach(() => {
    tmp = tempDir('kequn-codes-');
    engine = new Engine({ dataDir: join(tmp.dir, 'home'), log: () => undefined });
    client = engine.createClient();
  });
  afterEach(() => {
    engine.dispose();
    tmp.cleanup();
  });

  it('a read-only project opens for reading and refuses writes with PROJECT_READ_ONLY', async () => {
    const p = join(tmp.dir, 'ro.kequn');
    await client.call('project.open', { path: p, create: true });
    const id = (await client.call('import.run', { path: writeCustomersCsv(tmp.dir, 50) })).datasets[0]!.id;
    await client.call('project.close', {});
    chmodSync(p, 0o444);
    const before = sha(p);
    await client.call('project.open', { path: p });
    expect((await client.call('rows.page', { datasetId: id, offset: 0, limit: 5 })).rows).toHaveLength(5);
    await expect(client.call('datasets.rename', { datasetId: id, name: '新名' })).rejects.toMatchObject({ code: 'PROJECT_READ_ONLY' });
    await expect(client.call('import.run', { path: writeCustomersCsv(tmp.dir, 10, 'more.csv') })).rejects.toMatchObject({ code: 'PROJECT_READ_ONLY' });
    await client.call('project.close', {});
    expect(sha(p)).toBe(before);
  });

  it('a write lock held by another program for over 5 s gives PROJECT_BUSY, and nothing changes', async () => {
    const p = join(tmp.dir, 'busy.kequn');
    await client.call('project.open', { path: p, create: true });
    const id = (await client.call('import.run', { path: writeCustomersCsv(tmp.dir, 50) })).datasets[0]!.id;
    const other = new Database(p);
    other.exec('BEGIN EXCLUSIVE');
    try {
      await expect(client.call('datasets.rename', { datasetId: id, name: '新名' })).rejects.toMatchObject({ code: 'PROJECT_BUSY' });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((await client.call('datasets.get', { datasetId: id })).name).toBe('customers');
  }, 20_000);

  it('an impossible analysis date is refused, not rolled over', async () => {
    await client.call('project.open', { path: join(tmp.dir, 'd.kequn'), create: true });
    const id = (await client.call('import.run', { path: writeOrdersCsv(tmp.dir, 100) })).datasets[0]!.id;
    await expect(client.call('metrics.rfm', { datasetId: id, customer: '客户编号', date: '下单日期', amount: '金额', asOf: '2023-02-29' })).rejects.toMatchObject({ code: 'VALIDATION' });
    const ok = await client.call('metrics.rfm', { datasetId: id, customer: '客户编号', date: '下单日期', amount: '金额', asOf: '2024-02-29' });
    expect(ok.asOf).toBe('2024-02-29');
  });

  it('kequn serve: bad or busy ports are usage errors with a code', async () => {
    const home = join(tmp.dir, 'home');
    expect(await cli(['serve', '--port', 'abc'], home)).toMatchObject({ code: 2, json: { error: { code: 'USAGE' } } });
    expect(await cli(['serve', '--port', '99999'], home)).toMatchObject({ code: 2, json: { error: { code: 'USAGE' } } });
    const server = createServer();
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const port = (server.address() as { port: number }).port;
    // A stand-in UI folder, so the port is what fails (the real UI may not be built yet).
    const ui = join(tmp.dir, 'ui');
    mkdirSync(ui);
    writeFileSync(join(ui, 'index.html'), '<!doctype html>');
    try {
      expect(await cli(['serve', '--port', String(port), '--static', ui], home)).toMatchObject({ code: 2, json: { error: { code: 'PORT_IN_USE' } } });
    } finally {
      server.close();
    }
  });

  it('a failed first import into a new project leaves no project file', async () => {
    const p = join(tmp.dir, 'new.kequn');
    const bad = join(tmp.dir, 'bad.csv');
    writeFileSync(bad, Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 7]));
    expect(await cli(['import', bad, '--project', p], join(tmp.dir, 'home'))).toMatchObject({ code: 2, json: { error: { code: 'IMPORT_BINARY' } } });
    expect(readdirSync(tmp.dir).filter((f) => f.startsWith('new.kequn'))).toEqual([]);
  });
});

/** A small private file system, so "the disk is full" can be produced for real. */
function smallDisk(dir: string, mb: number): { path: string; release: () => void } | null {
  mkdirSync(dir, { recursive: true });
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${mb}m`, 'tmpfs', dir]);
  if (r.status !== 0) return null;
  return { path: dir, release: () => void spawnSync('umount', [dir]) };
}

describe('a full disk', () => {
  it('gives DISK_FULL, keeps the project as it was, and leaves no journal or temp file', async (context) => {
    const tmp = tempDir('kequn-full-');
    const disk = smallDisk(join(tmp.dir, 'disk'), 24);
    if (!disk) {
      console.warn('skipped: mounting a small tmpfs needs root (a full disk cannot be produced otherwise)');
      tmp.cleanup();
      context.skip();
      return;
    }
    const engine = new Engine({ dataDir: join(tmp.dir, 'home'), log: () => undefined });
    const client = engine.createClient();
    try {
      const p = join(disk.path, 'p.kequn');
      await client.call('project.open', { path: p, create: true });
      const id = (await client.call('import.run', { path: writeCustomersCsv(tmp.dir, 20_000) })).datasets[0]!.id;
      // An import the disk cannot hold is refused before a row is read.
      await expect(client.call('import.run', { path: writeOrdersCsv(tmp.dir, 1_000_000, 'huge.csv') })).rejects.toMatchObject({ code: 'DISK_FULL' });
      // Fill the disk, then write: SQLite's own "disk full" becomes DISK_FULL.
      writeFileSync(join(disk.path, 'filler'), Buffer.alloc(0));
      try {
        const free = 24 * 1024 * 1024;
        writeFileSync(join(disk.path, 'filler'), Buffer.alloc(free));
      } catch {
        // The filler takes what it can; the disk is now full.
      }
      const before = await client.call('datasets.get', { datasetId: id });
      await expect(client.call('clean.apply', { datasetId: id, operation: { op: 'text', columns: ['城市'], trim: true, fullWidth: true, case: 'upper' } })).rejects.toMatchObject({
        code: 'DISK_FULL',
      });
      expect(await client.call('datasets.get', { datasetId: id })).toEqual(before);
      // Save-as onto the full disk: refused, nothing left where the copy would have gone.
      await expect(client.call('project.saveAs', { path: join(disk.path, 'copy.kequn') })).rejects.toMatchObject({ code: 'DISK_FULL' });
      expect(readdirSync(disk.path).filter((f) => f.includes('copy') || f.startsWith('.~kequn-'))).toEqual([]);
      await client.call('project.close', {});
      const store = ProjectStore.open(p, { readOnly: true });
      expect(store.integrityCheck()).toEqual([]);
      store.close();
    } finally {
      engine.dispose();
      disk.release();
      tmp.cleanup();
    }
  });
});
