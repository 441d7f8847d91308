import { join } from 'node:path';
import { cellsOf } from '../../helpers/store-access';
import type { CellValue } from '../../../shared/contract/json';
import type { ColumnType } from '../../../shared/contract/datasets';
import type { EngineClient } from '../../../shared/rpc/client';
import { Engine } from '../../../electron/engine/host/engine';
import type { ProjectStore } from '../../../electron/engine/store/project-store';
import { tempDir } from '../../helpers/temp';

export interface TestProject {
  engine: Engine;
  client: EngineClient;
  store: ProjectStore;
  dir: string;
  close(): void;
}

/** A real engine with a new project file in a temp folder. */
export async function openTestProject(): Promise<TestProject> {
  const { dir, cleanup } = tempDir('kequn-cluster-');
  const engine = new Engine({ dataDir: dir, log: () => undefined });
  const client = engine.createClient();
  await client.call('project.open', { path: join(dir, 'test.kqn'), create: true });
  return {
    engine,
    client,
    store: engine.currentProject!,
    dir,
    close: () => {
      engine.dispose();
      cleanup();
    },
  };
}

export function addDataset(store: ProjectStore, name: string, columns: [string, ColumnType][], rows: CellValue[][]): string {
  return store.createDataset({ name, kind: 'import', source: null, columns: columns.map(([n, type]) => ({ name: n, originalHeader: n, type })) }, rows).id;
}

/** Column values by display name, in row order. */
export function columnByName(store: ProjectStore, datasetId: string, name: string): unknown[] {
  const ds = store.getDataset(datasetId);
  const col = ds.columns.find((c) => c.name === name);
  if (!col) throw new Error(`no column ${name}`);
  return cellsOf(store, ds.id, col.key);
}

export function columnByKey(store: ProjectStore, datasetId: string, key: string): unknown[] {
  return cellsOf(store, datasetId, key);
}

/** Three well separated customer groups: spend, orders, recency days. */
export function customerRows(n: number, seed = 1): CellValue[][] {
  let x = seed;
  const rnd = (): number => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 4294967296;
  };
  const groups = [
    [5000, 20, 10],
    [800, 4, 60],
    [150, 1, 300],
  ];
  return Array.from({ length: n }, (_, i) => {
    const g = groups[i % 3]!;
    return [`C${i}`, g[0]! * (0.8 + 0.4 * rnd()), Math.round(g[1]! * (0.7 + 0.6 * rnd())), Math.round(g[2]! * (0.8 + 0.4 * rnd())), i % 2 === 0 ? '华东' : '华南'];
  });
}

export const CUSTOMER_COLUMNS: [string, ColumnType][] = [
  ['客户', 'text'],
  ['消费金额', 'decimal'],
  ['购买次数', 'integer'],
  ['最近购买天数', 'integer'],
  ['地区', 'text'],
];
