import { afterAll, describe, expect, it } from 'vitest';
import { KequnError } from '../../shared/contract/errors';
import type { CellValue } from '../../shared/contract/json';
import { writeFidelityCorpus } from '../fuzz/fidelity-corpus';
import { writeHostileCorpus } from '../fuzz/hostile-corpus';
import { columnValues } from '../helpers/import-project';
import { roundTrip } from '../helpers/round-trip';
import { tempDir } from '../helpers/temp';

/**
 * Issue 19's round trip over generated files, so it runs in every `npm test` (the real files of
 * ../shared/data are in fidelity-round-trip.test.ts). Import → export xlsx and CSV → import must
 * give the same cells; the first import is also checked against the product's conventions.
 */
const tmp = tempDir('kequn-fidelity-hostile-');
afterAll(() => tmp.cleanup());

describe('fidelity corpus: every file round-trips cell for cell', () => {
  for (const c of writeFidelityCorpus(tmp.dir)) {
    it(c.name, async () => {
      const r = await roundTrip(tmp.dir, c.file, { formats: c.gb18030 ? ['xlsx', 'xlsx-stream', 'csv', 'csv-gb18030'] : undefined });
      try {
        expect(r.problems).toEqual([]);
        const ds = r.store.getDataset(r.datasets[0]!.id);
        for (const [name, type] of Object.entries(c.types ?? {})) expect(ds.columns.find((col) => col.name === name)?.type, name).toBe(type);
        for (const [name, cells] of Object.entries(c.stored ?? {})) expect(columnValues(r.store, ds.id, name) as CellValue[], name).toEqual(cells);
      } finally {
        r.store.close();
      }
    });
  }
});

describe('hostile corpus: every file that imports round-trips cell for cell', () => {
  for (const c of writeHostileCorpus(tmp.dir)) {
    if (c.expect === 'error') continue;
    it(c.name, async () => {
      let r: Awaited<ReturnType<typeof roundTrip>>;
      try {
        r = await roundTrip(tmp.dir, c.file);
      } catch (e) {
        // 'either' files may be refused with a coded error; that is the hostile suite's business.
        expect(c.expect, `${c.name}: ${String(e)}`).toBe('either');
        expect(e).toBeInstanceOf(KequnError);
        return;
      }
      try {
        expect(r.problems).toEqual([]);
      } finally {
        r.store.close();
      }
    }, 60_000);
  }
});
