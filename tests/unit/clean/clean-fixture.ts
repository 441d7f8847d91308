import { join } from 'node:path';
import { Engine } from '../../../electron/engine/host/engine';
import type { NewColumn, ProjectStore } from '../../../electron/engine/store/project-store';
import type { CellValue } from '../../../shared/contract/json';
import type { EngineClient } from '../../../shared/rpc/client';
import { rowsOf } from '../../helpers/store-access';
import { tempDir } from '../../helpers/temp';

export const COLUMNS: NewColumn[] = [
  { name: '客户', originalHeader: '客户', type: 'text' },
  { name: '城市', originalHeader: '城市', type: 'text' },
  { name: '金额', originalHeader: '金额', type: 'decimal' },
  { name: '下单日期', originalHeader: '下单日期', type: 'date' },
  { name: '备注', originalHeader: '备注', type: 'text' },
];

const D = (s: string): number => Date.parse(`${s}T00:00:00Z`);

/** A small order sheet with the usual mess: duplicates, spaces, full-width, text numbers, gaps. */
export const ROWS: CellValue[][] = [
  ['张三', '北京市', 100, D('2024-01-05'), ' VIP  客户 '],
  ['李四', ' 上海', '1,234', D('2024-01-06'), 'ＡＢＣ１２３'],
  ['王五', 'Beijing', '¥1,234.00', D('2024-01-07'), null],
  ['张三', '北京市', 100, D('2024-01-05'), ' VIP  客户 '],
  ['赵六', null, null, D('2024-02-01'), 'abc'],
  ['钱七', '广州', 5000, null, 'n/a'],
  ['孙八', '北京', 80, D('2024-02-03'), 'x'],
  ['周九', '上海', 90, D('2024-02-04'), 'y'],
];

export interface CleanFixture {
  engine: Engine;
  client: EngineClient;
  store: ProjectStore;
  datasetId: string;
  dir: string;
  cleanup: () => void;
}

export function makeDataset(store: ProjectStore, name = '订单', rows: CellValue[][] = ROWS, columns: NewColumn[] = COLUMNS): string {
  return store.createDataset({ name, kind: 'import', source: `${name}.xlsx`, columns }, rows).id;
}

export async function cleanFixture(): Promise<CleanFixture> {
  const tmp = tempDir('kequn-clean-');
  const engine = new Engine({ dataDir: join(tmp.dir, 'home') });
  const store = await engine.openProject(join(tmp.dir, 'p.kequn'), { create: true });
  const datasetId = makeDataset(store);
  return {
    engine,
    client: engine.createClient(),
    store,
    datasetId,
    dir: tmp.dir,
    cleanup: () => {
      engine.dispose();
      tmp.cleanup();
    },
  };
}

/** The whole table as the user sees it (values by column name, in row order) plus metadata. */
export function snapshot(store: ProjectStore, datasetId: string): { columns: unknown; rows: unknown[] } {
  const ds = store.getDataset(datasetId);
  const rows = rowsOf(store, ds.id);
  return { columns: ds.columns, rows };
}
