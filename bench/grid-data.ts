import type { CellValue } from '../shared/contract/json';
import { ProjectStore, type NewColumn } from '../electron/engine/store/project-store';

const CITIES = ['北京', '上海', '广州', '深圳', '杭州', '成都', '武汉', '西安', '南京', '重庆', '天津', '苏州', '长沙', '郑州', '青岛', '沈阳', '宁波', '东莞', '无锡', '厦门'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂';

export const GRID_COLUMNS: NewColumn[] = [
  { name: '客户编号', originalHeader: '客户编号', type: 'text' },
  { name: '姓名', originalHeader: '客户姓名', type: 'text' },
  { name: '城市', originalHeader: '所在城市', type: 'text' },
  { name: '消费金额', originalHeader: '消费金额（元）', type: 'currency', format: '¥#,##0.00' },
  { name: '订单数', originalHeader: '订单数', type: 'integer' },
  { name: '最近下单', originalHeader: '最近下单日期', type: 'date' },
  { name: '会员', originalHeader: '是否会员', type: 'boolean' },
  { name: '折扣率', originalHeader: '折扣率', type: 'percent', format: '0.0%' },
];

/** Deterministic customer-like rows with a few missing and invalid cells. */
export function* gridRows(n: number): Generator<CellValue[]> {
  let seed = 7;
  const rnd = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const day0 = Date.UTC(2022, 0, 1);
  for (let i = 1; i <= n; i++) {
    const name = SURNAMES[Math.floor(rnd() * SURNAMES.length)]! + GIVEN[Math.floor(rnd() * GIVEN.length)]!;
    const amount = i % 1013 === 0 ? '待核实' : i % 331 === 0 ? null : Math.round(rnd() * 5_000_000) / 100;
    yield [
      `C${String(i).padStart(7, '0')}`,
      name,
      CITIES[Math.floor(rnd() * CITIES.length)]!,
      amount,
      Math.floor(rnd() * 60),
      day0 + Math.floor(rnd() * 1000) * 86_400_000,
      rnd() < 0.3,
      Math.round(rnd() * 300) / 1000,
    ];
  }
}

/** Creates a project file holding one dataset of `n` generated rows; returns its dataset id. */
export function createGridProject(path: string, n: number): string {
  const store = ProjectStore.open(path, { create: true, name: 'grid-bench' });
  try {
    return store.createDataset({ name: '百万客户', kind: 'derived', source: 'bench', columns: GRID_COLUMNS }, gridRows(n)).id;
  } finally {
    store.close();
  }
}
