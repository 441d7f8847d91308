import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A customer table k-means can cluster: n rows of spend, orders and recency, deterministic. */
export function writeCustomersCsv(dir: string, n: number, name = 'customers.csv'): string {
  let x = 12345;
  const rnd = (): number => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 4294967296;
  };
  const lines = ['客户编号,消费金额,购买次数,最近购买天数,城市'];
  const cities = ['北京', '上海', '广州', '深圳', '杭州'];
  for (let i = 0; i < n; i++) {
    const g = i % 3;
    lines.push(`KH${i},${(g === 0 ? 5000 : g === 1 ? 800 : 120) * (0.5 + rnd())},${Math.round((g === 0 ? 20 : 4) * (0.5 + rnd()))},${Math.round((g === 2 ? 200 : 30) * (0.5 + rnd()))},${cities[i % 5]}`);
  }
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n'));
  return path;
}

/** Order lines: customer, date, amount, order id, category. */
export function writeOrdersCsv(dir: string, n: number, name = 'orders.csv'): string {
  const lines = ['客户编号,下单日期,金额,订单编号,产品类别'];
  const cats = ['家具', '文具', '电器', '食品'];
  for (let i = 0; i < n; i++) {
    const day = 1 + (i % 28);
    const month = 1 + (Math.floor(i / 28) % 12);
    lines.push(`KH${i % 5000},2024-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')},${(i % 97) + 10.5},DD${Math.floor(i / 2)},${cats[i % 4]}`);
  }
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n'));
  return path;
}

export const KMEANS_FEATURES = [
  { column: '消费金额', transforms: ['log1p', 'zscore'] as ('log1p' | 'zscore')[] },
  { column: '购买次数', transforms: ['zscore'] as 'zscore'[] },
  { column: '最近购买天数', transforms: ['zscore'] as 'zscore'[] },
];
