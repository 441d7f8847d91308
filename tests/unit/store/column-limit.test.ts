import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addColumns } from '../../../electron/engine/store/column-writer';
import { MAX_DATASET_COLUMNS } from '../../../electron/engine/store/dataset-columns';
import { ProjectStore } from '../../../electron/engine/store/project-store';
import { tempDir } from '../../helpers/temp';

// Found by the importer fuzzer: a 2,001-column CSV reached SQLite's column limit as an INTERNAL error.
describe('dataset width limit', () => {
  it('refuses a dataset wider than SQLite allows with a coded error and writes nothing', () => {
    const tmp = tempDir();
    const store = ProjectStore.open(join(tmp.dir, 'wide.kequn'), { create: true });
    try {
      const columns = Array.from({ length: MAX_DATASET_COLUMNS + 1 }, (_, i) => ({ name: `c${i}`, originalHeader: `c${i}`, type: 'text' as const }));
      expect(() => store.createDataset({ name: 'wide', kind: 'import', source: null, columns }, [])).toThrow(
        expect.objectContaining({ code: 'IMPORT_TOO_MANY_COLUMNS' }),
      );
      expect(store.listDatasets()).toEqual([]);
      const ok = store.createDataset({ name: 'ok', kind: 'import', source: null, columns: columns.slice(0, MAX_DATASET_COLUMNS - 1) }, [['x']]);
      expect(ok.columns).toHaveLength(MAX_DATASET_COLUMNS - 1);
      expect(() => addColumns(store, ok.id, [{ name: 'a', originalHeader: null, type: 'text' }, { name: 'b', originalHeader: null, type: 'text' }], () => [])).toThrow(
        expect.objectContaining({ code: 'IMPORT_TOO_MANY_COLUMNS' }),
      );
      expect(store.getDataset(ok.id).columns).toHaveLength(MAX_DATASET_COLUMNS - 1);
    } finally {
      store.close();
      tmp.cleanup();
    }
  });
});
