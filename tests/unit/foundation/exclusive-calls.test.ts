import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/host/engine';
import { tempDir } from '../../helpers/temp';

/**
 * An import keeps its write transaction open while it reports progress. Requests that arrive
 * meanwhile must wait: they may neither see its uncommitted rows nor join its transaction (a
 * rename that joined would be rolled back with a cancelled import).
 */
describe('exclusive calls', () => {
  it('queues other requests until an import has committed or rolled back', async () => {
    const tmp = tempDir();
    const engine = new Engine({ dataDir: join(tmp.dir, 'home'), log: () => undefined });
    try {
      const client = engine.createClient();
      await client.call('project.open', { path: join(tmp.dir, 'p.kequn'), create: true });
      const csv = join(tmp.dir, 'big.csv');
      writeFileSync(csv, ['客户,金额', ...Array.from({ length: 120_000 }, (_, i) => `KH${i},${i % 1000}.5`)].join('\n'));
      const small = join(tmp.dir, 'small.csv');
      writeFileSync(small, '客户,金额\nA,1\n');
      const first = await client.call('import.run', { path: small });
      const firstId = first.datasets[0]!.id;

      let progressSeen = false;
      let resolveProgress = (): void => undefined;
      const midway = new Promise<void>((r) => (resolveProgress = r));
      const importing = client.call('import.run', { path: csv }, { onProgress: () => ((progressSeen = true), resolveProgress()) });
      await midway;
      const listed = client.call('datasets.list', {});
      const renamed = client.call('datasets.rename', { datasetId: firstId, name: '改名' });
      const done = await importing;
      const list = await listed;
      expect(progressSeen).toBe(true);
      // The list was answered after the import committed: it shows the whole new dataset.
      const imported = list.find((d) => d.id === done.datasets[0]!.id);
      expect(imported?.rowCount).toBe(120_000);
      expect((await renamed).name).toBe('改名');

      // A cancelled import rolls back alone; a rename queued behind it survives.
      const controller = new AbortController();
      let resolveStarted = (): void => undefined;
      const started = new Promise<void>((r) => (resolveStarted = r));
      const cancelled = client.call('import.run', { path: csv }, { signal: controller.signal, onProgress: () => resolveStarted() });
      await started;
      const renamedAgain = client.call('datasets.rename', { datasetId: firstId, name: '再改名' });
      controller.abort();
      await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
      expect((await renamedAgain).name).toBe('再改名');
      const after = await client.call('datasets.list', {});
      expect(after).toHaveLength(2);
      expect(after.find((d) => d.id === firstId)?.name).toBe('再改名');
    } finally {
      engine.dispose();
      tmp.cleanup();
    }
  });
});
