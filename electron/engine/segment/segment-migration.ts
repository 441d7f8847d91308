import type { ParamsOut } from '../../../shared/contract/index';
import type { CustomerRow, MigrationMatrix } from '../../../shared/contract/segment';
import type { SegmentationInfo } from '../../../shared/contract/segmentations';
import type { ProjectStore } from '../store/project-store';
import { getSegmentation } from '../store/segmentation-store';
import { findColumn, readCells, readRowIds, rowsById } from './dataset-access';
import { segmentInvalid } from './segment-error';

export const NEW_CUSTOMER = '（新增客户）';
export const GONE_CUSTOMER = '（已不在）';
export const UNSEGMENTED = '（未细分）';

interface Pair {
  fromRow: number | null;
  toRow: number | null;
  from: string;
  to: string;
}

type KeyParams = ParamsOut<'segment.migration'>;

/**
 * Pairs the customers of two segmentations. On the same dataset a customer is a row. On two
 * datasets (last month's and this month's file) customers are matched on a key column (default:
 * each dataset's first column; text, spaces trimmed; the first row of a repeated key counts).
 * Customers only in the later file are 新增, only in the earlier one 已不在.
 */
function pairUp(store: ProjectStore, p: KeyParams): { from: SegmentationInfo; to: SegmentationInfo; matchedBy: string; pairs: Pair[] } {
  const from = getSegmentation(store, p.fromId);
  const to = getSegmentation(store, p.toId);
  if (from.id === to.id) throw segmentInvalid('Pick two different segmentations', '请选择两个不同的细分结果', { segmentation: from.id });
  const label = (v: unknown): string => (v === null || v === undefined || v === '' ? UNSEGMENTED : String(v));
  const fromLabels = readCells(store, from.datasetId, from.columnKey).map(label);
  const toLabels = readCells(store, to.datasetId, to.columnKey).map(label);
  const fromIds = readRowIds(store, from.datasetId);
  const toIds = readRowIds(store, to.datasetId);
  if (from.datasetId === to.datasetId) {
    return { from, to, matchedBy: 'row', pairs: fromLabels.map((l, i) => ({ fromRow: fromIds[i]!, toRow: toIds[i]!, from: l, to: toLabels[i]! })) };
  }
  const fromDs = store.getDataset(from.datasetId);
  const toDs = store.getDataset(to.datasetId);
  const fk = p.fromKey === undefined ? fromDs.columns[0] : findColumn(fromDs, p.fromKey);
  const tk = p.toKey === undefined ? toDs.columns[0] : findColumn(toDs, p.toKey);
  if (!fk || !tk) throw segmentInvalid('Both datasets need a customer key column', '两个数据集都需要客户编号列', {});
  const keyOf = (v: unknown): string => (v === null || v === undefined ? '' : String(v).trim());
  const toIndex = new Map<string, number>();
  readCells(store, toDs.id, tk.key).forEach((v, i) => {
    const k = keyOf(v);
    if (k !== '' && !toIndex.has(k)) toIndex.set(k, i);
  });
  const pairs: Pair[] = [];
  const matched = new Set<number>();
  const seen = new Set<string>();
  readCells(store, fromDs.id, fk.key).forEach((v, i) => {
    const k = keyOf(v);
    if (k === '' || seen.has(k)) return;
    seen.add(k);
    const j = toIndex.get(k);
    if (j === undefined) pairs.push({ fromRow: fromIds[i]!, toRow: null, from: fromLabels[i]!, to: GONE_CUSTOMER });
    else {
      matched.add(j);
      pairs.push({ fromRow: fromIds[i]!, toRow: toIds[j]!, from: fromLabels[i]!, to: toLabels[j]! });
    }
  });
  for (const j of toIndex.values()) if (!matched.has(j)) pairs.push({ fromRow: null, toRow: toIds[j]!, from: NEW_CUSTOMER, to: toLabels[j]! });
  return { from, to, matchedBy: `${fk.name} → ${tk.name}`, pairs };
}

function ordered(seg: SegmentationInfo, labels: Iterable<string>, tail: string): string[] {
  const out = seg.segments.map((s) => s.name);
  for (const l of labels) if (!out.includes(l) && l !== tail) out.push(l);
  if ([...labels].includes(tail)) out.push(tail);
  return out;
}

/** The from × to matrix of customer counts. */
export function migrationMatrix(store: ProjectStore, p: KeyParams): MigrationMatrix {
  const { from, to, matchedBy, pairs } = pairUp(store, p);
  const fromSegments = ordered(from, new Set(pairs.map((x) => x.from)), NEW_CUSTOMER);
  const toSegments = ordered(to, new Set(pairs.map((x) => x.to)), GONE_CUSTOMER);
  const fi = new Map(fromSegments.map((s, i) => [s, i]));
  const ti = new Map(toSegments.map((s, i) => [s, i]));
  const counts = fromSegments.map(() => new Array<number>(toSegments.length).fill(0));
  for (const x of pairs) counts[fi.get(x.from)!]![ti.get(x.to)!]! += 1;
  return { from: { id: from.id, name: from.name }, to: { id: to.id, name: to.name }, matchedBy, fromSegments, toSegments, counts, total: pairs.length };
}

/** The customers behind one cell (rows of the later dataset; of the earlier one for 已不在). */
export function migrationCustomers(store: ProjectStore, p: ParamsOut<'segment.migrationCustomers'>): { total: number; customers: CustomerRow[] } {
  const { from, to, pairs } = pairUp(store, p);
  const cell = pairs.filter((x) => x.from === p.fromSegment && x.to === p.toSegment);
  const page = cell.slice(p.offset, p.offset + p.limit);
  if (p.toSegment === GONE_CUSTOMER) {
    return { total: cell.length, customers: rowsById(store, store.getDataset(from.datasetId), page.map((x) => x.fromRow!)) };
  }
  return { total: cell.length, customers: rowsById(store, store.getDataset(to.datasetId), page.map((x) => x.toRow!)) };
}
