import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/host/engine';
import { tempDir } from '../../helpers/temp';

/**
 * Calls overlap freely: an import stages its columns in short transactions and commits once at
 * the end, so requests arriving meanwhile are answered at once, never see its rows before it
 * commits, and their own writes can never be rolled back with it.
 */
describe('overlapping calls', () => {
  it('answers other requests during an import, which appears whole when it commits', async () => {
    const tmp = tempDir();
    const engine = new Engine({ dataDir: join(tmp.dir, 'home'), log: () => undefined });
    try {
      const client = engine.createClient();
      await client.call('project.open', { path: join(tmp.dir, 'p.kequn'), create: true });
      const csv = join(tmp.dir, 'big.csv');
      writeFileSync(csv, ['客户,金额', ...Array.from({ length: 200_000 }, (_, i) => `KH${i},${i % 1000}.5`)].join('\n'));
      const small = join(tmp.dir, 'small.csv');
      writeFileSync(small, '客户,金额\nA,1\n');
      const first = await client.call('import.run', { path: small });
      const firstId = first.datasets[0]!.id;

      let resolveProgress = (): void => undefined;
      const midway = new Promise<void>((r) => (resolveProgress = r));
      let settled = false;
      const importing = client.call('import.run', { path: csv }, { onProgress: () => resolveProgress() }).finally(() => (settled = true));
      await midway;
      // Answered while the import runs, without its partial dataset.
      const during = await client.call('datasets.list', {});
      expect(settled).toBe(false);
      expect(during.map((d) => d.id)).toEqual([firstId]);
      const renamed = await client.call('datasets.rename', { datasetId: firstId, name: '改名' });
      expect(settled).toBe(false);
      expect(renamed.name).toBe('改名');
      const done = await importing;
      const list = await client.call('datasets.list', {});
      expect(list.find((d) => d.id === done.datasets[0]!.id)?.rowCount).toBe(200_000);
      expect(list.find((d) => d.id === firstId)?.name).toBe('改名');

      // A cancelled import leaves nothing; a rename committed while it ran survives it.
      const controller = new AbortController();
      let resolveStarted = (): void => undefined;
      const started = new Promise<void>((r) => (resolveStarted = r));
      const cancelled = client.call('import.run', { path: csv }, { signal: controller.signal, onProgress: () => resolveStarted() });
      await started;
      expect((await client.call('datasets.rename', { datasetId: firstId, name: '再改名' })).name).toBe('再改名');
      controller.abort();
      await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
      while (engine.currentProject!.contents().stagedData > 0) await new Promise((r) => setTimeout(r, 10));
      const after = await client.call('datasets.list', {});
      expect(after).toHaveLength(2);
      expect(after.find((d) => d.id === firstId)?.name).toBe('再改名');
    } finally {
      engine.dispose();
      tmp.cleanup();
    }
  });
});
