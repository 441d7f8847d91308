import { readFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { ProjectStore } from '../../../electron/engine/store/project-store';
import { sharedFile } from '../../helpers/shared-data';

const DAY = 86_400_000;

export interface BuyerRfm {
  buyer: string;
  r: number;
  f: number;
  m: number;
}

/**
 * RFM per buyer (买家会员名) over the paid rows of cn-orders/2018.xlsx, read with SheetJS:
 * R = days from the last 订单付款时间 to the day after the last payment in the file, F = paid
 * orders, M = Σ 买家实际支付金额 (rounded to cents).
 */
export function cnOrdersRfm(): BuyerRfm[] {
  const wb = XLSX.read(readFileSync(sharedFile('cn-orders', '2018.xlsx')), { cellDates: true });
  const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets[wb.SheetNames[0]!]!, { defval: null });
  const by = new Map<string, { last: number; orders: number; amount: number }>();
  for (const row of rows) {
    const paid = row['订单付款时间'];
    if (!(paid instanceof Date)) continue;
    const buyer = String(row['买家会员名']).trim();
    const c = by.get(buyer) ?? { last: 0, orders: 0, amount: 0 };
    c.last = Math.max(c.last, paid.getTime());
    c.orders += 1;
    c.amount += Number(row['买家实际支付金额']);
    by.set(buyer, c);
  }
  const lastAll = Math.max(...[...by.values()].map((c) => c.last));
  const asOf = Math.floor(lastAll / DAY) * DAY + DAY;
  return [...by.entries()].map(([buyer, c]) => ({ buyer, r: Math.floor((asOf - c.last) / DAY), f: c.orders, m: Math.round(c.amount * 100) / 100 }));
}

/** Writes the buyers as dataset 客户RFM (columns 买家会员名, R, F, M) into a new project file. */
export function writeRfmProject(path: string, buyers: BuyerRfm[]): void {
  const store = ProjectStore.open(path, { create: true });
  store.createDataset(
    {
      name: '客户RFM',
      kind: 'derived',
      source: 'cn-orders/2018.xlsx',
      columns: [
        { name: '买家会员名', originalHeader: null, type: 'text' },
        { name: 'R', originalHeader: null, type: 'integer' },
        { name: 'F', originalHeader: null, type: 'integer' },
        { name: 'M', originalHeader: null, type: 'decimal' },
      ],
    },
    buyers.map((b) => [b.buyer, b.r, b.f, b.m]),
  );
  store.close();
}
