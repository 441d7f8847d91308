import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasSharedData, SHARED_DATA } from '../helpers/shared-data';
import { roundTrip } from '../helpers/round-trip';
import { tempDir } from '../helpers/temp';

/**
 * Issue 19's round trip over the real files of ../shared/data: import → export xlsx (read back by
 * both xlsx readers) and CSV (UTF-8 and GB18030) → import gives the same cells. The generated corpus, which always
 * runs, is in fidelity-hostile-round-trip.test.ts.
 */
const tmp = tempDir('kequn-fidelity-');
afterAll(() => tmp.cleanup());

const IMPORTABLE = /\.(xlsx|xls|csv|txt|tsv)$/i;
function dataFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? dataFiles(full) : IMPORTABLE.test(name) ? [full] : [];
  });
}

describe.skipIf(!hasSharedData)('fidelity: import → export (xlsx, CSV) → import gives the same cells', () => {
  // Without ../shared/data the helper prints its skip message; no files to list then.
  if (hasSharedData) {
    for (const file of dataFiles(SHARED_DATA)) {
      it(`round trip: ${relative(SHARED_DATA, file)}`, async () => {
        const r = await roundTrip(tmp.dir, file, { formats: ['xlsx', 'xlsx-stream', 'csv', 'csv-gb18030'] });
        r.store.close();
        expect(r.problems).toEqual([]);
      }, 120_000);
    }
  }
});
