import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ColumnType } from '../../shared/contract/datasets';
import { exportDataset } from '../../electron/engine/report/dataset-export';
import { runImport } from '../../electron/engine/import/import-run';
import { ProjectStore } from '../../electron/engine/store/project-store';
import { quietTicker } from '../helpers/import-project';
import { hasSharedData, SHARED_DATA } from '../helpers/shared-data';
import { cellsOf, workOf } from '../helpers/store-access';
import { tempDir } from '../helpers/temp';

const tmp = tempDir('kequn-fidelity-');
afterAll(() => tmp.cleanup());

const IMPORTABLE = /\.(xlsx|xls|csv|txt|tsv)$/i;
function dataFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? dataFiles(full) : IMPORTABLE.test(name) ? [full] : [];
  });
}

function typeClass(t: ColumnType): string {
  return t === 'date' || t === 'datetime' ? 'time' : t === 'text' || t === 'boolean' ? t : 'number';
}

async function roundTrip(file: string): Promise<string[]> {
  const problems: string[] = [];
  const store = ProjectStore.open(join(tmp.dir, `${Math.random().toString(36).slice(2)}.kequn`), { create: true });
  try {
    const first = await runImport(workOf(store), { path: file, allSheets: true, encoding: 'auto' }, quietTicker);
    for (const ds of first.datasets) {
      for (const format of ['xlsx', 'csv'] as const) {
        const out = join(tmp.dir, `${ds.id}-${Math.random().toString(36).slice(2)}.${format}`);
        await exportDataset(store, { datasetId: ds.id, path: out, format }, { progress: () => undefined, checkpoint: async () => undefined }, { openProject: store.path, dataDir: tmp.dir });
        const again = await runImport(workOf(store), { path: out, allSheets: false, encoding: 'auto' }, quietTicker);
        const a = store.getDataset(ds.id);
        const b = store.getDataset(again.datasets[0]!.id);
        const where = `${ds.name} → ${format}`;
        if (a.rowCount !== b.rowCount) problems.push(`${where}: rows ${a.rowCount} → ${b.rowCount}`);
        if (a.columns.length !== b.columns.length) problems.push(`${where}: columns ${a.columns.length} → ${b.columns.length}`);
        a.columns.forEach((ca, i) => {
          const cb = b.columns[i];
          if (!cb) return;
          if (ca.name !== cb.name) problems.push(`${where}: name ${ca.name} → ${cb.name}`);
          if (typeClass(ca.type) !== typeClass(cb.type)) problems.push(`${where}: ${ca.name} type ${ca.type} → ${cb.type}`);
          const va = cellsOf(store, a.id, ca.key);
          const vb = cellsOf(store, b.id, cb.key);
          let diff = 0;
          let example = '';
          for (let r = 0; r < va.length; r++) {
            if (!Object.is(va[r], vb[r])) {
              if (diff === 0) example = `row ${r + 1}: ${JSON.stringify(va[r])} → ${JSON.stringify(vb[r])}`;
              diff++;
            }
          }
          if (diff > 0) problems.push(`${where}: ${ca.name} (${ca.type}) ${diff} cells differ, e.g. ${example}`);
        });
      }
    }
  } finally {
    store.close();
  }
  return problems;
}

describe.skipIf(!hasSharedData)('fidelity: import → export (xlsx, CSV) → import gives the same cells', () => {
  // Without ../shared/data the helper prints its skip message; no files to list then.
  if (hasSharedData) {
    for (const file of dataFiles(SHARED_DATA)) {
      it(`round trip: ${relative(SHARED_DATA, file)}`, async () => {
        expect(await roundTrip(file)).toEqual([]);
      }, 120_000);
    }
  }
});
