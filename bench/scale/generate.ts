import iconv from 'iconv-lite';
import { closeSync, existsSync, openSync, renameSync, writeSync } from 'node:fs';

/**
 * Deterministic order lines for the scale benchmark. One order has 1–4 lines; customers are
 * skewed (a few buy often, most rarely), ~1% of lines are returns with a negative amount.
 * Column order is chosen so the grid benchmark's column keys fit: c3 = amount (sorted),
 * c4 = quantity (range-filtered).
 */
export const ORDER_HEADERS = ['订单编号', '客户编号', '下单时间', '金额', '数量', '品类', '地区', '渠道'] as const;
/** Header names as the analyses use them. */
export const COL = { order: '订单编号', customer: '客户编号', time: '下单时间', amount: '金额', quantity: '数量', category: '品类', region: '地区', channel: '渠道' } as const;

const CATEGORIES = [
  '手机', '电脑', '平板', '耳机', '相机', '家电', '厨具', '床品', '家具', '灯具', '女装', '男装', '童装', '鞋靴', '箱包',
  '美妆', '护肤', '个护', '母婴', '玩具', '图书', '文具', '运动', '户外', '食品', '饮料', '生鲜', '宠物', '珠宝', '汽车用品',
];
const REGIONS = [
  '北京', '天津', '河北', '山西', '内蒙古', '辽宁', '吉林', '黑龙江', '上海', '江苏', '浙江', '安徽', '福建', '江西', '山东',
  '河南', '湖北', '湖南', '广东', '广西', '海南', '重庆', '四川', '贵州', '云南', '西藏', '陕西', '甘肃', '青海', '新疆',
];
const CHANNELS = ['App', '小程序', '官网', '门店', '天猫', '京东'];

/** mulberry32: small, fast, and the same sequence on every machine. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const DAY0 = Date.UTC(2023, 0, 1) / 1000;
const SPAN_SECONDS = 731 * 86_400;

/** Yields CSV text in chunks of about 1 MB: header first, then exactly `rows` order lines. */
export function* orderCsvChunks(rows: number, seed = 20_261_117): Generator<string> {
  const rnd = prng(seed);
  const customers = Math.max(1, Math.floor(rows / 10));
  let buf = ORDER_HEADERS.join(',') + '\n';
  let written = 0;
  let orderNo = 0;
  while (written < rows) {
    orderNo++;
    const u = rnd();
    const customer = 1 + Math.floor(customers * u * u);
    // A customer keeps one region (stable per id), an order one channel and one time.
    const region = REGIONS[(Math.imul(customer, 2_654_435_761) >>> 0) % REGIONS.length]!;
    const channel = CHANNELS[Math.floor(rnd() * rnd() * CHANNELS.length)]!;
    const at = new Date((DAY0 + Math.floor(rnd() * SPAN_SECONDS)) * 1000).toISOString();
    const time = `${at.slice(0, 10)} ${at.slice(11, 19)}`;
    const head = `O${pad(orderNo, 9)},C${pad(customer, 7)},${time},`;
    const lines = 1 + Math.floor(rnd() * rnd() * 4);
    for (let l = 0; l < lines && written < rows; l++) {
      const quantity = 1 + Math.floor(rnd() ** 3 * 30);
      const price = Math.exp(1.5 + rnd() * 5); // about 4.5 … 665 per unit
      let cents = Math.max(1, Math.round(price * quantity * 100));
      if (rnd() < 0.01) cents = -cents; // a return
      const amount = `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${pad(Math.abs(cents) % 100, 2)}`;
      buf += `${head}${amount},${quantity},${CATEGORIES[Math.floor(rnd() * CATEGORIES.length)]!},${region},${channel}\n`;
      written++;
    }
    if (buf.length > 1 << 20) {
      yield buf;
      buf = '';
    }
  }
  if (buf !== '') yield buf;
}

export interface GeneratedCsv {
  utf8: string;
  gb18030: string;
}

/** Writes the UTF-8 and GB18030 copies in one pass (each via a .part file, so a kill leaves no half file). */
export function writeOrderCsvs(rows: number, out: GeneratedCsv): void {
  if (existsSync(out.utf8) && existsSync(out.gb18030)) return;
  const fdUtf8 = openSync(`${out.utf8}.part`, 'w');
  const fdGb = openSync(`${out.gb18030}.part`, 'w');
  try {
    for (const chunk of orderCsvChunks(rows)) {
      writeSync(fdUtf8, chunk);
      writeSync(fdGb, iconv.encode(chunk, 'gb18030'));
    }
  } finally {
    closeSync(fdUtf8);
    closeSync(fdGb);
  }
  renameSync(`${out.utf8}.part`, out.utf8);
  renameSync(`${out.gb18030}.part`, out.gb18030);
}

/** The same order lines as an xlsx (ExcelJS streaming writer, shared strings, a date-time format). */
export async function writeOrderXlsx(rows: number, path: string): Promise<void> {
  if (existsSync(path)) return;
  const ExcelJS = (await import('exceljs')).default;
  const tmp = `${path}.part`;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('订单');
  ws.columns = ORDER_HEADERS.map((h, i) => ({ header: h, key: `c${i}`, ...(i === 2 ? { style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } } : {}) }));
  let header = true;
  for (const chunk of orderCsvChunks(rows)) {
    for (const line of chunk.split('\n')) {
      if (line === '') continue;
      if (header) {
        header = false;
        continue;
      }
      const [order, customer, time, amount, quantity, category, region, channel] = line.split(',') as [string, string, string, string, string, string, string, string];
      ws.addRow([order, customer, new Date(`${time.replace(' ', 'T')}Z`), Number(amount), Number(quantity), category, region, channel]).commit();
    }
  }
  ws.commit();
  await wb.commit();
  renameSync(tmp, path);
}
