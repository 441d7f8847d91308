import { CLV_UNIT_DAYS, type ClvFitParams, type ClvUnit } from '../../../shared/contract/clv';
import type { ColumnType } from '../../../shared/contract/datasets';
import type { CellValue } from '../../../shared/contract/json';
import type { SegmentSummary } from '../../../shared/contract/segmentations';
import type { NewColumn } from '../store/project-store';
import { summarise } from '../segment/summary';
import type { CustomerSummary } from './customer-summary';
import type { CustomerValues } from './customer-value';
import type { RfmCross } from './rfm-cross';
import type { TransactionSource } from './transactions-input';

const DAY_MS = 86_400_000;
export const UNIT_ZH: Record<ClvUnit, string> = { day: '天', week: '周', month: '月' };

/** Column names of the customer dataset (Chinese, as the rest of the product writes them). */
export function outputColumnNames(unit: ClvUnit, predictPeriods: number, horizonMonths: number) {
  const u = UNIT_ZH[unit];
  const periods = Number.isInteger(predictPeriods) ? String(predictPeriods) : predictPeriods.toFixed(1);
  return {
    first: '首次购买',
    last: '末次购买',
    x: '重复购买次数',
    tx: `首末间隔(${u})`,
    T: `观察期(${u})`,
    monetary: '重复购买均额',
    pAlive: '活跃概率',
    expected: `预计购买次数(未来${periods}${u})`,
    spend: '预计客单价',
    clv: `CLV(${horizonMonths}个月)`,
    r: 'R(天)',
    f: 'F',
    m: 'M',
    rfm: 'RFM细分',
    holdoutActual: '验证期实际购买',
    holdoutPredicted: '验证期预测购买',
  };
}

export interface OutputSpec {
  source: TransactionSource;
  summary: CustomerSummary;
  values: CustomerValues;
  rfm: RfmCross;
  params: ClvFitParams;
  predictPeriods: number;
}

function round(v: number, digits: number): number | null {
  if (!Number.isFinite(v)) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** Columns and rows (one per customer, in order of first appearance in the transactions). */
export function customerTable(spec: OutputSpec): { columns: NewColumn[]; rows: () => Generator<CellValue[]> } {
  const { source, summary, values, rfm, params } = spec;
  const names = outputColumnNames(params.unit, spec.predictPeriods, params.horizonMonths);
  const money: ColumnType = source.amount.type === 'currency' ? 'currency' : 'decimal';
  const moneyFormat = source.amount.format ?? '#,##0.00';
  const hasHoldout = summary.holdoutPurchases !== null;
  const columns: NewColumn[] = [
    { name: source.customer.name, originalHeader: null, type: source.customer.type, format: source.customer.format },
    { name: names.first, originalHeader: null, type: 'date' },
    { name: names.last, originalHeader: null, type: 'date' },
    { name: names.x, originalHeader: null, type: 'integer' },
    { name: names.tx, originalHeader: null, type: 'decimal', format: '0.00' },
    { name: names.T, originalHeader: null, type: 'decimal', format: '0.00' },
    { name: names.monetary, originalHeader: null, type: money, format: moneyFormat },
    { name: names.pAlive, originalHeader: null, type: 'percent', format: '0.0%' },
    { name: names.expected, originalHeader: null, type: 'decimal', format: '0.000' },
    { name: names.spend, originalHeader: null, type: money, format: moneyFormat },
    { name: names.clv, originalHeader: null, type: money, format: moneyFormat },
    { name: names.r, originalHeader: null, type: 'integer' },
    { name: names.f, originalHeader: null, type: 'integer' },
    { name: names.m, originalHeader: null, type: money, format: moneyFormat },
    { name: names.rfm, originalHeader: null, type: 'text' },
    ...(hasHoldout
      ? [
          { name: names.holdoutActual, originalHeader: null, type: 'integer' as const },
          { name: names.holdoutPredicted, originalHeader: null, type: 'decimal' as const, format: '0.000' },
        ]
      : []),
  ];
  const numericKey = source.customer.type === 'integer' || source.customer.type === 'decimal';
  const asOf = summary.calibrationEndDay + 1;
  function* rows(): Generator<CellValue[]> {
    const u = CLV_UNIT_DAYS[params.unit];
    for (let i = 0; i < summary.count; i++) {
      const label = source.customerLabels[summary.code[i]!]!;
      const key: CellValue = numericKey && label !== '' && Number.isFinite(Number(label)) ? Number(label) : label;
      const row: CellValue[] = [
        key,
        summary.firstDay[i]! * DAY_MS,
        summary.lastDay[i]! * DAY_MS,
        summary.x[i]!,
        round(summary.txDays[i]! / u, 4),
        round(summary.TDays[i]! / u, 4),
        round(summary.monetary[i]!, 2),
        round(values.pAlive[i]!, 6),
        round(values.expectedPurchases[i]!, 6),
        round(values.expectedSpend[i]!, 2),
        round(values.clv[i]!, 2),
        asOf - summary.lastDay[i]!,
        summary.x[i]! + 1,
        round(summary.total[i]!, 2),
        rfm.labels[i]!,
      ];
      if (hasHoldout) row.push(summary.holdoutPurchases![i]!, round(values.holdoutPredicted![i]!, 6));
      yield row;
    }
  }
  return { columns, rows };
}

/** Tier summaries for the segmentation record (grid, pivot, report read these). */
export function tierSummaries(labels: (string | null)[], names: string[], actions: string[], spec: OutputSpec): SegmentSummary[] {
  const cols = outputColumnNames(spec.params.unit, spec.predictPeriods, spec.params.horizonMonths);
  return summarise(
    labels,
    names,
    [
      { name: cols.clv, values: spec.values.clv },
      { name: cols.pAlive, values: spec.values.pAlive },
      { name: cols.expected, values: spec.values.expectedPurchases },
      { name: cols.spend, values: spec.values.expectedSpend },
      { name: cols.m, values: spec.summary.total },
    ],
    spec.summary.total,
    Object.fromEntries(names.map((n, i) => [n, actions[i] ?? null])),
  );
}
