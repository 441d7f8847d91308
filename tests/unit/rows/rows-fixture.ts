import { join } from 'node:path';
import type { CellValue } from '../../../shared/contract/json';
import { Engine } from '../../../electron/engine/host/engine';
import { ProjectStore, type NewColumn } from '../../../electron/engine/store/project-store';
import type { EngineClient } from '../../../shared/rpc/client';
import { tempDir } from '../../helpers/temp';

const D = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d);

/** A small customer table with every kind of cell: invalid text, missing, empty, Chinese. */
export const CUSTOMER_COLUMNS: NewColumn[] = [
  { name: '姓名', originalHeader: '客户姓名', type: 'text' },
  { name: '城市', originalHeader: '城市', type: 'text' },
  { name: '金额', originalHeader: '消费金额', type: 'currency', format: '¥#,##0.00' },
  { name: '订单数', originalHeader: '订单数', type: 'integer' },
  { name: '注册日期', originalHeader: '注册日期', type: 'date' },
  { name: '会员', originalHeader: 'VIP', type: 'boolean' },
];

// Row ids are 1-based in this order.
export const CUSTOMER_ROWS: CellValue[][] = [
  ['张三', '北京', 1200.5, 3, D(2024, 1, 5), true], // 1
  ['李四', '上海', 300, 1, D(2024, 2, 10), false], // 2
  ['王五', '北京', 'N/A', 7, D(2023, 12, 31), true], // 3 amount invalid
  ['赵六', null, 850, null, '去年', false], // 4 city missing, orders missing, date invalid
  ['Alice', '广州', 99.9, 2, D(2024, 3, 1), null], // 5
  ['bob', '上海', 300, 5, null, true], // 6
  ['张伟', '深圳', 5000, 12, D(2024, 2, 29), false], // 7
  ['李娜', '北京', null, 0, D(2024, 1, 20), false], // 8
  ['100% 客户', '杭州', 42, 1, D(2022, 6, 15), true], // 9
  ['under_score', '上海', 1200.5, 4, D(2024, 2, 10), false], // 10
];

export interface RowsHarness {
  client: EngineClient;
  datasetId: string;
  dir: string;
  close(): Promise<void>;
}

/**
 * A real project file in a temp folder with the customer table (row 2's city missing, as an
 * empty cell is stored), opened by a real engine.
 */
export async function openCustomerProject(): Promise<RowsHarness> {
  const tmp = tempDir('kequn-rows-');
  const path = join(tmp.dir, 'rows.kequn');
  const store = ProjectStore.open(path, { create: true });
  const info = store.createDataset({ name: '客户', kind: 'import', source: 'test', columns: CUSTOMER_COLUMNS }, expectedCustomerRows());
  store.close();
  const engine = new Engine({ dataDir: join(tmp.dir, 'home'), log: () => undefined });
  const client = engine.createClient();
  await client.call('project.open', { path });
  return {
    client,
    datasetId: info.id,
    dir: tmp.dir,
    close: async () => {
      client.close();
      engine.dispose();
      tmp.cleanup();
    },
  };
}

/** The customer table as the grid should see it (row 2's city missing, booleans as booleans). */
export function expectedCustomerRows(): CellValue[][] {
  return CUSTOMER_ROWS.map((r, i) => (i === 1 ? [r[0]!, null, ...r.slice(2)] : [...r]));
}

/** A deterministic numeric dataset for paging and statistics checks. */
export function generatedRows(n: number): CellValue[][] {
  let seed = 42;
  const rnd = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const rows: CellValue[][] = [];
  for (let i = 1; i <= n; i++) {
    const amount = i % 97 === 0 ? null : i % 211 === 0 ? '坏值' : Math.round(rnd() * 100000) / 100;
    rows.push([`客户${String(i).padStart(5, '0')}`, ['华东', '华北', '华南', '西南', '东北'][Math.floor(rnd() * 5)]!, amount, Math.floor(rnd() * 20)]);
  }
  return rows;
}

export const GENERATED_COLUMNS: NewColumn[] = [
  { name: '客户', originalHeader: '客户', type: 'text' },
  { name: '区域', originalHeader: '区域', type: 'text' },
  { name: '金额', originalHeader: '金额', type: 'decimal' },
  { name: '次数', originalHeader: '次数', type: 'integer' },
];

export async function openGeneratedProject(n: number): Promise<RowsHarness & { rows: CellValue[][] }> {
  const tmp = tempDir('kequn-rows-gen-');
  const path = join(tmp.dir, 'gen.kequn');
  const rows = generatedRows(n);
  const store = ProjectStore.open(path, { create: true });
  const info = store.createDataset({ name: '生成', kind: 'derived', source: 'test', columns: GENERATED_COLUMNS }, rows);
  store.close();
  const engine = new Engine({ dataDir: join(tmp.dir, 'home'), log: () => undefined });
  const client = engine.createClient();
  await client.call('project.open', { path });
  return {
    client,
    datasetId: info.id,
    dir: tmp.dir,
    rows,
    close: async () => {
      client.close();
      engine.dispose();
      tmp.cleanup();
    },
  };
}
