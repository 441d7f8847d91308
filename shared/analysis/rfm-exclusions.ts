import type { RfmExclusion, RfmExclusionCode } from '../contract/metrics';
import { formatNumber } from '../format/number-format';

const LABELS: Record<RfmExclusionCode, { zh: string; en: string; effect: RfmExclusion['effect']; unit: RfmExclusion['unit'] }> = {
  missingCustomer: { zh: '缺客户（未计入）', en: 'No customer (left out)', effect: 'leftOut', unit: 'rows' },
  missingDate: { zh: '缺日期，如未付款订单（未计入）', en: 'No date, e.g. unpaid orders (left out)', effect: 'leftOut', unit: 'rows' },
  invalidAmount: { zh: '金额不是数字（未计入）', en: 'Amount not a number (left out)', effect: 'leftOut', unit: 'rows' },
  afterAsOf: { zh: '晚于分析日期（未计入）', en: 'After the analysis date (left out)', effect: 'leftOut', unit: 'rows' },
  returnsExcluded: { zh: '退货/取消：金额为负或单号以 C 开头（未计入）', en: 'Returns/cancellations: negative amount or order id starting with C (left out)', effect: 'leftOut', unit: 'rows' },
  returnsNetted: { zh: '退货/取消：金额为负或单号以 C 开头（从 M 中冲减）', en: 'Returns/cancellations: negative amount or order id starting with C (subtracted from M)', effect: 'netted', unit: 'rows' },
  returnsOnlyCustomers: { zh: '只有退货、没有购买的客户（不列入）', en: 'Customers with returns only, no purchase (not listed)', effect: 'leftOut', unit: 'customers' },
  nonPositiveM: { zh: '消费金额 M ≤ 0 的客户（保留在表中，M 为 0 或负）', en: 'Customers with M ≤ 0 (kept in the table; M is 0 or negative)', effect: 'kept', unit: 'customers' },
};

/** The one wording of an RFM exclusion, with its count and amount, in both languages. */
export function rfmExclusion(code: RfmExclusionCode, count: number, amount: number | null): RfmExclusion {
  const l = LABELS[code];
  const money = (loc: 'zh-CN' | 'en'): string => (amount === null ? '' : formatNumber(Math.round(amount * 100) / 100, loc, 2));
  const zhUnit = l.unit === 'rows' ? '行' : '位客户';
  const enUnit = l.unit === 'rows' ? (count === 1 ? 'row' : 'rows') : count === 1 ? 'customer' : 'customers';
  return {
    code,
    effect: l.effect,
    unit: l.unit,
    count,
    amount: amount === null ? null : Math.round(amount * 1e6) / 1e6,
    label: { zh: l.zh, en: l.en },
    zh: `${l.zh}：${count} ${zhUnit}${amount === null ? '' : `，金额合计 ${money('zh-CN')}`}`,
    en: `${l.en}: ${count} ${enUnit}${amount === null ? '' : `, amount ${money('en')}`}`,
  };
}
