import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../../electron/engine/store/project-store';
import type { EngineClient } from '../../../shared/rpc/client';
import { CLI } from '../../crash/crash-harness';
import { tempDir } from '../../helpers/temp';
import { connectClient, wsEngine, type WsEngine } from '../../helpers/ws-engine';
import { KMEANS_FEATURES, writeCustomersCsv, writeOrdersCsv } from './fixtures';

/** Waits for the first progress frame of a running call (the work is under way). */
function started(): { onProgress: () => void; seen: Promise<void> } {
  let resolve = (): void => undefined;
  const seen = new Promise<void>((r) => (resolve = r));
  return { onProgress: () => resolve(), seen };
}

function segmentationsIn(path: string): { id: string; datasetId: string; name: string }[] {
  const store = ProjectStore.open(path, { readOnly: true });
  try {
    return store.tables.segmentations.list().map((s) => ({ id: s.id, datasetId: s.datasetId, name: s.name }));
  } finally {
    store.close();
  }
}

describe('work that overlaps other work (WebSocket transport)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let w: WsEngine;
  let client: EngineClient;
  beforeEach(async () => {
    tmp = tempDir('kequn-overlap-');
    w = await wsEngine(tmp.dir);
    client = await w.connect();
  });
  afterEach(async () => {
    await w.close();
    tmp.cleanup();
  });

  it('a k-means result committed while an import runs survives the cancelled import', async () => {
    await client.call('project.open', { path: join(tmp.dir, 'a.kequn'), create: true });
    const customers = (await client.call('import.run', { path: writeCustomersCsv(tmp.dir, 45_000) })).datasets[0]!.id;
    const big = writeOrdersCsv(tmp.dir, 400_000, 'big.csv');
    const kmeans = client.call('cluster.run', { datasetId: customers, features: KMEANS_FEATURES, k: 4, seed: 7, restarts: 3 });
    const controller = new AbortController();
    const importing = started();
    const imported = client.call('import.run', { path: big }, { signal: controller.signal, onProgress: importing.onProgress });
    await importing.seen;
    const result = await kmeans;
    const segId = result.segmentation.id;
    controller.abort();
    await expect(imported).rejects.toMatchObject({ code: 'CANCELLED' });
    const segs = await client.call('segmentations.list', {});
    expect(segs.map((s) => s.id)).toContain(segId);
    expect((await client.call('datasets.list', {})).map((d) => d.id)).toEqual([customers]);
    const path = w.engine.currentProject!.path;
    await w.close();
    expect(segmentationsIn(path).map((s) => s.id)).toContain(segId);
    w = await wsEngine(tmp.dir);
  });

  it('a k-means run bound to one project never writes into the project opened meanwhile', async () => {
    const a = join(tmp.dir, 'a.kequn');
    const b = join(tmp.dir, 'b.kequn');
    await client.call('project.open', { path: b, create: true });
    const bCustomers = (await client.call('import.run', { path: writeCustomersCsv(tmp.dir, 45_000) })).datasets[0]!.id;
    await client.call('project.open', { path: a, create: true });
    const aCustomers = (await client.call('import.run', { path: writeCustomersCsv(tmp.dir, 45_000, 'a.csv') })).datasets[0]!.id;
    expect(aCustomers).toBe(bCustomers);
    const fitting = started();
    const kmeans = client
      .call('cluster.run', { datasetId: aCustomers, features: KMEANS_FEATURES, k: 6, seed: 1, restarts: 40, tolerance: 0 }, { onProgress: fitting.onProgress })
      .then(
        () => null,
        (e: unknown) => e,
      );
    await fitting.seen;
    // Another window opens project B while the model is being fitted on A.
    const other = await w.connect();
    await other.call('project.open', { path: b });
    expect(await kmeans).toMatchObject({ code: 'PROJECT_CLOSED' });
    expect(await other.call('segmentations.list', {})).toEqual([]);
    expect((await other.call('datasets.get', { datasetId: bCustomers })).columns).toHaveLength(5);
    const path = w.engine.currentProject!.path;
    expect(path).toBe(b);
    expect(segmentationsIn(a)).toEqual([]);
  });
});

describe('a killed engine (kill -9) keeps what it committed', () => {
  it('the k-means result committed before the kill is in the project; the interrupted import is not', async () => {
    const tmp = tempDir('kequn-kill-');
    try {
      const project = join(tmp.dir, 'p.kequn');
      const child = spawn(process.execPath, [CLI, 'serve', '--project', project, '--json'], {
        env: { ...process.env, KEQUN_HOME: join(tmp.dir, 'home') },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const started = await new Promise<{ port: number; url: string }>((ok, fail) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const line = out.split('\n').find((l) => l.startsWith('{'));
          if (line) ok(JSON.parse(line) as { port: number; url: string });
        });
        child.on('exit', () => fail(new Error(`serve exited: ${out}`)));
      });
      const token = decodeURIComponent(/token=([^&]+)/.exec(started.url)![1]!);
      const client = await connectClient(started.port, token);
      const customers = (await client.call('import.run', { path: writeCustomersCsv(tmp.dir, 45_000) })).datasets[0]!.id;
      const kmeans = client.call('cluster.run', { datasetId: customers, features: KMEANS_FEATURES, k: 4, seed: 7, restarts: 3 });
      const importing = client.call('import.run', { path: writeOrdersCsv(tmp.dir, 600_000, 'big.csv') }).catch((e: unknown) => e);
      const segId = (await kmeans).segmentation.id;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
      await importing;
      client.close();
      const store = ProjectStore.open(project);
      try {
        expect(store.tables.segmentations.list().map((s) => s.id)).toEqual([segId]);
        expect(store.listDatasets().map((d) => d.id)).toEqual([customers]);
        expect(store.integrityCheck()).toEqual([]);
        // The interrupted import's staged columns were swept on open.
        expect(store.contents().stagedData).toBe(0);
      } finally {
        store.close();
      }
    } finally {
      tmp.cleanup();
    }
  });
});
