import type { ColumnInfo, ColumnType, DatasetInfo } from '../../../shared/contract/datasets';
import { KequnError } from '../../../shared/contract/errors';
import type { CellValue } from '../../../shared/contract/json';
import type { Aggregation } from '../../../shared/contract/metrics';
import type { Work } from '../host/work';
import { resolveColumn } from '../store/dataset-snapshot';
import type { NewColumn } from '../store/project-store';
import { rowChunks } from '../store/row-chunks';
import { round6 } from './stats';

const FN_LABEL: Record<Aggregation['fn'], string> = {
  sum: '合计',
  count: '行数',
  countDistinct: '不同值个数',
  min: '最小值',
  max: '最大值',
  mean: '平均值',
  firstDate: '最早日期',
  lastDate: '最晚日期',
};

interface Acc {
  fn: Aggregation['fn'];
  col: ColumnInfo | null;
  index: number;
  sum: number[];
  count: number[];
  distinct: Set<string | number>[];
  best: (number | null)[];
}

function outputType(fn: Aggregation['fn'], col: ColumnInfo | null): ColumnType {
  if (fn === 'count' || fn === 'countDistinct') return 'integer';
  if (fn === 'firstDate' || fn === 'lastDate') return col?.type === 'datetime' ? 'datetime' : 'date';
  if (fn === 'mean') return col?.type === 'currency' ? 'currency' : 'decimal';
  return col?.type ?? 'decimal';
}

/** One row per key with the chosen aggregations, as a new derived dataset. */
export async function groupBy(work: Work, datasetId: string, keyRefs: string[], aggregations: Aggregation[], name: string | undefined): Promise<{ dataset: DatasetInfo; groups: number }> {
  const snap = work.snapshot(datasetId);
  const ds = snap.info;
  const keys = keyRefs.map((r) => resolveColumn(ds.columns, r));
  const readCols: ColumnInfo[] = [...keys];
  const accs: Acc[] = aggregations.map((a) => {
    if (a.fn !== 'count' && a.column === undefined) {
      throw new KequnError('VALIDATION', `${a.fn} needs a column`, { zh: `${FN_LABEL[a.fn]}需要选择一列` });
    }
    const col = a.column === undefined ? null : resolveColumn(ds.columns, a.column);
    if (col && ['sum', 'mean'].includes(a.fn) && (col.type === 'text' || col.type === 'boolean' || col.type === 'date' || col.type === 'datetime')) {
      throw new KequnError('VALIDATION', `${a.fn} needs a number column: ${col.name}`, { zh: `${FN_LABEL[a.fn]}需要数值列：${col.name}` });
    }
    if (col && (a.fn === 'firstDate' || a.fn === 'lastDate') && col.type !== 'date' && col.type !== 'datetime') {
      throw new KequnError('VALIDATION', `${a.fn} needs a date column: ${col.name}`, { zh: `${FN_LABEL[a.fn]}需要日期列：${col.name}` });
    }
    let index = -1;
    if (col) {
      index = readCols.findIndex((c) => c.key === col.key);
      if (index < 0) index = readCols.push(col) - 1;
    }
    return { fn: a.fn, col, index, sum: [], count: [], distinct: [], best: [] };
  });
  const groupOf = new Map<string, number>();
  const groupKeys: CellValue[][] = [];
  let done = 0;
  for (const rows of rowChunks(snap, readCols.map((c) => c.key), null, 65_536)) {
    work.progress(done, snap.rowCount, 'groupBy');
    await work.checkpoint();
    done += rows.length;
    for (const r of rows) {
    let k = '';
    for (let j = 0; j < keys.length; j++) {
      const v = r[j];
      k += v === null ? '\u0000' : (typeof v === 'number' ? 'n' : 's') + String(v) + '\u0001';
    }
    let g = groupOf.get(k);
    if (g === undefined) {
      g = groupKeys.length;
      groupOf.set(k, g);
      groupKeys.push(r.slice(0, keys.length));
      for (const a of accs) {
        a.sum.push(0);
        a.count.push(0);
        a.best.push(null);
        if (a.fn === 'countDistinct') a.distinct.push(new Set());
      }
    }
    for (const a of accs) {
      if (a.fn === 'count') {
        a.count[g]! += 1;
        continue;
      }
      const v = r[a.index];
      if (v === null || v === undefined || v === '') continue;
      if (a.fn === 'countDistinct') {
        a.distinct[g]!.add(v as string | number);
        continue;
      }
      if (typeof v !== 'number') continue;
      a.sum[g]! += v;
      a.count[g]! += 1;
      const b = a.best[g]!;
      const wantMin = a.fn === 'min' || a.fn === 'firstDate';
      if (b === null || (wantMin ? v < b : v > b)) a.best[g] = v;
    }
    }
  }
  const columns: NewColumn[] = [
    // A yes/no key keeps its words (yes/no, 是/否): the groups are labelled as the source wrote them.
    ...keys.map((k) => ({ name: k.name, originalHeader: null, type: k.type, format: k.format, ...(k.type === 'boolean' && k.labels ? { labels: k.labels } : {}) })),
    ...accs.map((a, i) => ({
      name: aggregations[i]!.name ?? (a.col ? `${a.col.name}·${FN_LABEL[a.fn]}` : FN_LABEL[a.fn]),
      originalHeader: null,
      type: outputType(a.fn, a.col),
      format: a.fn === 'count' || a.fn === 'countDistinct' ? null : (a.col?.format ?? null),
    })),
  ];
  const valueOf = (a: Acc, g: number): CellValue => {
    switch (a.fn) {
      case 'count':
        return a.count[g]!;
      case 'countDistinct':
        return a.distinct[g]!.size;
      case 'sum':
        return a.count[g]! > 0 ? round6(a.sum[g]!) : null;
      case 'mean':
        return a.count[g]! > 0 ? round6(a.sum[g]! / a.count[g]!) : null;
      default:
        return a.best[g]!;
    }
  };
  const out = groupKeys.map((gk, g) => [...gk, ...accs.map((a) => valueOf(a, g))]);
  const store = work.store;
  const dataset = work.commit(() => store.createDataset(
    {
      name: name ?? `${ds.name}-汇总`,
      kind: 'derived',
      source: `group by ${keys.map((k) => k.name).join(', ')} of ${ds.name}`,
      columns,
      origin: {
        kind: 'groupBy',
        sourceDatasetId: ds.id,
        keys: keys.map((k) => k.name),
        aggregations: aggregations.map((a, i) => ({ fn: a.fn, column: accs[i]!.col?.name ?? null, name: columns[keys.length + i]!.name })),
      },
    },
    out,
  ));
  return { dataset, groups: groupKeys.length };
}
