import { join } from 'node:path';
import type { ColumnInfo, ColumnType } from '../../shared/contract/datasets';
import { exportDataset, type CsvEncoding } from '../../electron/engine/report/dataset-export';
import { runImport } from '../../electron/engine/import/import-run';
import { ProjectStore } from '../../electron/engine/store/project-store';
import { quietTicker } from './import-project';
import { cellsOf, workOf } from './store-access';

/**
 * The fidelity round trip (issue 19): import a file, export every dataset it gave as xlsx and as
 * CSV, import each export again and compare the two datasets cell for cell. Only the number
 * subtypes may differ (an exported integer column is the same numbers whatever its display
 * type); names, row and column counts, yes/no words and every stored cell must be identical.
 */
/** xlsx-stream: the xlsx export read back by the streaming reader (large files) instead of SheetJS. */
export type RoundTripFormat = 'xlsx' | 'xlsx-stream' | 'csv' | 'csv-gb18030';

export interface RoundTripOptions {
  /** Export formats to go through; default xlsx (both readers) and UTF-8 CSV (with BOM, the product's default). */
  formats?: RoundTripFormat[];
  /** Import options of the first import (the re-imports use the defaults, as a user would). */
  columnTypes?: Record<string, ColumnType>;
}

export interface RoundTripResult {
  problems: string[];
  /** The first import's datasets: the stored form every export must give back. */
  datasets: { id: string; name: string }[];
  /** The project store (caller closes it). */
  store: ProjectStore;
}

/** Number subtypes are display choices (a currency column is a decimal column with a format). */
function typeClass(t: ColumnType): string {
  return t === 'date' || t === 'datetime' ? 'time' : t === 'text' || t === 'boolean' ? t : 'number';
}

function labelsText(c: ColumnInfo): string {
  return c.type === 'boolean' && c.labels ? `${c.labels.true}/${c.labels.false}` : '';
}

let seq = 0;

export async function roundTrip(dir: string, file: string, options: RoundTripOptions = {}): Promise<RoundTripResult> {
  const problems: string[] = [];
  const store = ProjectStore.open(join(dir, `rt-${++seq}.kequn`), { create: true });
  const first = await runImport(workOf(store), { path: file, allSheets: true, encoding: 'auto', ...(options.columnTypes ? { columnTypes: options.columnTypes } : {}) }, quietTicker);
  if (/\.xlsx$/i.test(file)) {
    // Small workbooks are read by SheetJS, large ones streamed: both readers must agree.
    const streamed = await runImport(workOf(store), { path: file, allSheets: true, encoding: 'auto', stream: true, ...(options.columnTypes ? { columnTypes: options.columnTypes } : {}) }, quietTicker);
    first.datasets.forEach((ds, i) => problems.push(...compareDatasets(store, ds.id, streamed.datasets[i]!.id, `${ds.name}: SheetJS reader → streaming reader`)));
  }
  for (const ds of first.datasets) {
    for (const format of options.formats ?? ['xlsx', 'xlsx-stream', 'csv']) {
      const ext = format.startsWith('xlsx') ? 'xlsx' : 'csv';
      const encoding: CsvEncoding | undefined = format === 'csv-gb18030' ? 'gb18030' : undefined;
      const out = join(dir, `rt-${++seq}.${ext}`);
      const ctx = { progress: () => undefined, checkpoint: async () => undefined };
      await exportDataset(store, { datasetId: ds.id, path: out, format: ext, ...(encoding ? { encoding } : {}) }, ctx, { openProject: store.path, dataDir: dir });
      const again = await runImport(workOf(store), { path: out, allSheets: false, encoding: 'auto', ...(format === 'xlsx-stream' ? { stream: true } : {}) }, quietTicker);
      const a = store.getDataset(ds.id);
      const b = store.getDataset(again.datasets[0]!.id);
      problems.push(...compareDatasets(store, a.id, b.id, `${ds.name} → ${format}`));
    }
  }
  return { problems, datasets: first.datasets.map((d) => ({ id: d.id, name: d.name })), store };
}

/** Differences between two datasets of one store, each a line naming the column and an example. */
export function compareDatasets(store: ProjectStore, aId: string, bId: string, where: string): string[] {
  const problems: string[] = [];
  const a = store.getDataset(aId);
  const b = store.getDataset(bId);
  if (a.rowCount !== b.rowCount) problems.push(`${where}: rows ${a.rowCount} → ${b.rowCount}`);
  if (a.columns.length !== b.columns.length) problems.push(`${where}: columns ${a.columns.length} → ${b.columns.length}`);
  a.columns.forEach((ca, i) => {
    const cb = b.columns[i];
    if (!cb) return;
    if (ca.name !== cb.name) problems.push(`${where}: name ${ca.name} → ${cb.name}`);
    if (typeClass(ca.type) !== typeClass(cb.type)) problems.push(`${where}: ${ca.name} type ${ca.type} → ${cb.type}`);
    if (labelsText(ca) !== labelsText(cb)) problems.push(`${where}: ${ca.name} words ${labelsText(ca)} → ${labelsText(cb)}`);
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
  return problems;
}
