import { join } from 'node:path';
import type { ColumnType } from '../../../shared/contract/datasets';
import type { CellValue } from '../../../shared/contract/json';
import type { EngineClient } from '../../../shared/rpc/client';
import { Engine } from '../../../electron/engine/host/engine';
import { ProjectStore } from '../../../electron/engine/store/project-store';
import { cellsOf } from '../../helpers/store-access';
import { tempDir } from '../../helpers/temp';

export interface SegmentHarness {
  engine: Engine;
  client: EngineClient;
  store: ProjectStore;
  dir: string;
  close(): void;
}

/** A real engine on a fresh project file in a temp folder, with an in-process client. */
export function openHarness(name = 'segment'): SegmentHarness {
  const tmp = tempDir('kequn-segment-');
  const engine = new Engine({ dataDir: join(tmp.dir, 'home'), log: () => undefined });
  const store = engine.useProject(ProjectStore.open(join(tmp.dir, `${name}.kequn`), { create: true }));
  const client = engine.createClient();
  return {
    engine,
    client,
    store,
    dir: tmp.dir,
    close: () => {
      client.close();
      engine.dispose();
      tmp.cleanup();
    },
  };
}

/** Creates a dataset from a header row spec and value rows (hand-computed fixtures). */
export function dataset(store: ProjectStore, name: string, columns: [string, ColumnType][], rows: CellValue[][]): string {
  return store.createDataset(
    { name, kind: 'derived', source: 'test fixture', columns: columns.map(([n, type]) => ({ name: n, originalHeader: n, type })) },
    rows,
  ).id;
}

/** A column's values in row order, by display name. */
export function columnValues(store: ProjectStore, datasetId: string, name: string): CellValue[] {
  const col = store.getDataset(datasetId).columns.find((c) => c.name === name);
  if (!col) throw new Error(`no column ${name}`);
  return cellsOf(store, datasetId, col.key);
}

/** A snapshot of everything a failed call must leave untouched. */
export function snapshot(store: ProjectStore): string {
  const ds = store.listDatasets().map((d) => [d.id, d.columns.length, d.version]);
  const tags = store.listDatasets().map((d) => store.tables.tags.counts(d.id));
  const templates = store.tables.templates.list().length;
  return JSON.stringify({ ds, contents: store.contents(), tags, templates });
}
