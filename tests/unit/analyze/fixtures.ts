import { join } from 'node:path';
import type { CellValue } from '../../../shared/contract/json';
import { ProjectStore, type NewColumn } from '../../../electron/engine/store/project-store';
import { tempDir } from '../../helpers/temp';

/** A small deterministic PRNG so fixtures are the same on every run. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const REGIONS = ['华东', '华北', '华南', '西南'];
const CHANNELS = ['线上商城', '门店', '电话销售'];
const CATEGORIES = ['办公用品', '家具', '电子产品', '耗材'];

/**
 * Orders: c0 地区 (text, some blank), c1 渠道, c2 下单时间 (datetime), c3 金额 (currency, some
 * missing and one invalid text), c4 数量 (integer), c5 客户编号, c6 产品类别.
 */
export function orderColumns(): NewColumn[] {
  return [
    { name: '地区', originalHeader: '地区', type: 'text' },
    { name: '渠道', originalHeader: '渠道', type: 'text' },
    { name: '下单时间', originalHeader: '下单时间', type: 'datetime' },
    { name: '金额', originalHeader: '金额', type: 'currency' },
    { name: '数量', originalHeader: '数量', type: 'integer' },
    { name: '客户编号', originalHeader: '客户编号', type: 'text' },
    { name: '产品类别', originalHeader: '产品类别', type: 'text' },
  ];
}

export function orderRows(n: number, seed = 7): CellValue[][] {
  const rnd = lcg(seed);
  const start = Date.UTC(2023, 10, 1);
  const rows: CellValue[][] = [];
  for (let i = 0; i < n; i++) {
    const region = rnd() < 0.05 ? null : REGIONS[Math.floor(rnd() * REGIONS.length)]!;
    const channel = CHANNELS[Math.floor(rnd() * CHANNELS.length)]!;
    const when = start + Math.floor(rnd() * 500 * 86_400_000);
    const amount = rnd() < 0.03 ? null : i === 17 ? '一千' : Math.round(rnd() * 100_000) / 100;
    const qty = 1 + Math.floor(rnd() * 9);
    const customer = `KH${String(1 + Math.floor(rnd() * 120)).padStart(4, '0')}`;
    const category = CATEGORIES[Math.floor(rnd() * CATEGORIES.length)]!;
    rows.push([region, channel, when, amount, qty, customer, category]);
  }
  return rows;
}

export function openTemp(): { store: ProjectStore; path: string; cleanup: () => void } {
  const tmp = tempDir('kequn-analyze-');
  const path = join(tmp.dir, 'p.kequn');
  const store = ProjectStore.open(path, { create: true });
  return {
    store,
    path,
    cleanup: () => {
      store.close();
      tmp.cleanup();
    },
  };
}
