import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/host/engine';
import { KequnError } from '../../shared/contract/errors';
import { writeHostileCorpus } from '../fuzz/hostile-corpus';
import { tempDir } from '../helpers/temp';

/**
 * Every file of the generated hostile corpus gives a coded error or a clean import, the engine
 * answers after each, a failed import writes nothing, and the engine's memory stays bounded.
 */
const PEAK_RSS_BOUND_MB = 1536;
const tmp = tempDir('kequn-hostile-');
afterAll(() => tmp.cleanup());

describe('hostile file corpus', () => {
  it('has at least 30 files, each a coded error or a clean import, with the engine alive', async () => {
    const cases = writeHostileCorpus(tmp.dir);
    expect(cases.length).toBeGreaterThanOrEqual(30);
    const engine = new Engine({ dataDir: join(tmp.dir, 'home'), log: () => undefined });
    const client = engine.createClient();
    await client.call('project.open', { path: join(tmp.dir, 'p.kequn'), create: true });
    let peak = process.memoryUsage().rss;
    const outcomes: string[] = [];
    try {
      for (const c of cases) {
        const before = (await client.call('datasets.list', {})).length;
        let outcome: string;
        try {
          const r = await client.call('import.run', { path: c.file, allSheets: true });
          outcome = `import:${r.datasets.length}:${r.datasets[0]?.rows ?? 0} rows`;
        } catch (e) {
          expect(e, c.name).toBeInstanceOf(KequnError);
          const code = (e as KequnError).code;
          expect(code, c.name).not.toBe('INTERNAL');
          expect((e as KequnError).messageZh.length, c.name).toBeGreaterThan(0);
          outcome = code;
          // A failed import writes nothing.
          expect((await client.call('datasets.list', {})).length, c.name).toBe(before);
        }
        if (c.expect === 'error') expect(outcome.startsWith('import'), `${c.name} should fail`).toBe(false);
        if (c.expect === 'error' && c.code) expect(outcome, c.name).toBe(c.code);
        if (c.expect === 'import') expect(outcome.startsWith('import'), `${c.name}: ${outcome}`).toBe(true);
        if (c.rows !== undefined) expect(outcome, c.name).toBe(`import:1:${c.rows} rows`);
        expect((await client.call('engine.info', {})).appVersion, `engine alive after ${c.name}`).toBeTruthy();
        peak = Math.max(peak, process.memoryUsage().rss);
        outcomes.push(`${c.name} → ${outcome}`);
      }
    } finally {
      engine.dispose();
    }
    console.log(`hostile corpus: ${cases.length} files, peak RSS ${Math.round(peak / 1048576)} MB\n  ${outcomes.join('\n  ')}`);
    expect(peak / 1048576).toBeLessThan(PEAK_RSS_BOUND_MB);
  }, 180_000);
});
