import type { ProgressLabel } from '../../../shared/contract/progress';
import type { AxisNode, PivotResult, PivotSpec, PivotValue, ShowAs } from '../../../shared/contract/analyze';
import type { DatasetInfo } from '../../../shared/contract/datasets';
import { KequnError } from '../../../shared/contract/errors';
import type { ProjectStore } from '../store/project-store';
import { aggregate, rollUp, type Checkpoint, type NodeAggregates, type ValueInput } from './aggregate';
import { denseLeafAggregates } from './aggregate-dense';
import { axisKeys, buildTree, checkSize, nodeLabel, nodeMatch, preorder, sortTree, type AxisTree } from './axis';
import { resolveColumn } from '../store/column-reader';
import { categoryColumn, groupedColumn, isNumericColumn, numericColumn, type GroupedColumn } from './columns';
import { countMask, filterMask } from './filters';
import { valueLabel } from './value-labels';

export interface PivotRunOptions {
  checkpoint?: Checkpoint;
  progress?: (done: number, total: number, label: ProgressLabel) => void;
}

const noCheckpoint: Checkpoint = () => Promise.resolve();

/**
 * Runs a declarative pivot spec over the dataset's typed columns: rows and columns become axis
 * trees (subtotal nodes included), values are aggregated per node pair, then shown as is or as a
 * share / Index of their totals.
 */
export async function runPivot(store: ProjectStore, datasetId: string, spec: PivotSpec, options: PivotRunOptions = {}): Promise<PivotResult> {
  const t0 = performance.now();
  const checkpoint = options.checkpoint ?? noCheckpoint;
  const ds = store.getDataset(datasetId);
  options.progress?.(0, 3, 'pivot');
  const rowFields = spec.rows.map((f) => groupedColumn(store, ds, f));
  const colFields = spec.cols.map((f) => groupedColumn(store, ds, f));
  const inputs = spec.values.map((v) => valueInput(store, ds, v));
  const mask = filterMask(store, ds, spec.filters);
  await checkpoint();
  options.progress?.(1, 3, 'pivot');
  const n = ds.rowCount;
  const { rowTree, colTree, agg } = await aggregateAxes(rowFields, colFields, n, mask, inputs, spec.values.length, checkpoint);
  options.progress?.(2, 3, 'pivot');

  const NC = colTree.nodes.length;
  const rowSortValue = spec.rowSort?.valueIndex ?? 0;
  const colSortValue = spec.colSort?.valueIndex ?? 0;
  sortTree(rowTree, rowFields, spec.rowSort, (node) => finite(agg.values[rowSortValue]?.[node * NC]));
  sortTree(colTree, colFields, spec.colSort, (node) => finite(agg.values[colSortValue]?.[node]));
  const rowOrder = preorder(rowTree);
  const colOrder = preorder(colTree);

  const shown = (r: number, c: number, v: number): number | null => {
    const rowNode = rowTree.nodes[r]!;
    const colNode = colTree.nodes[c]!;
    const rowHidden = (!spec.grandTotals && r === 0 && rowFields.length > 0) || (!spec.subtotals && rowNode.children.length > 0 && r !== 0);
    const colHidden = (!spec.grandTotals && c === 0 && colFields.length > 0) || (!spec.subtotals && colNode.children.length > 0 && c !== 0);
    if (rowHidden || colHidden) return null;
    return showAs(spec.values[v]!.showAs, agg, v, r, c, NC);
  };
  const result: PivotResult = {
    spec,
    rows: axisNodes(rowTree, rowOrder, rowFields),
    cols: axisNodes(colTree, colOrder, colFields),
    cells: rowOrder.map((r) => colOrder.map((c) => spec.values.map((_, v) => shown(r, c, v)))),
    counts: rowOrder.map((r) => colOrder.map((c) => agg.rowsN[r * NC + c]!)),
    valueLabels: spec.values.map((v) => valueLabel(v, ds)),
    totalRows: n,
    filteredRows: countMask(mask, n),
    ms: 0,
  };
  options.progress?.(3, 3, 'pivot');
  result.ms = Math.round((performance.now() - t0) * 10) / 10;
  return result;
}

/** Axis trees and node aggregates: the fused dense pass when it applies, else keys per axis then aggregation. */
async function aggregateAxes(
  rowFields: readonly GroupedColumn[],
  colFields: readonly GroupedColumn[],
  n: number,
  mask: Uint8Array | null,
  inputs: readonly ValueInput[],
  valueCount: number,
  checkpoint: Checkpoint,
): Promise<{ rowTree: AxisTree; colTree: AxisTree; agg: NodeAggregates }> {
  const dense = await denseLeafAggregates(rowFields, colFields, n, mask, inputs, checkpoint);
  if (dense) {
    const rowTree = buildTree(dense.rowCodes, rowFields.length);
    const colTree = buildTree(dense.colCodes, colFields.length);
    checkSize(rowTree.nodes.length, colTree.nodes.length, valueCount);
    return { rowTree, colTree, agg: rollUp(dense.leaves, rowTree, colTree, inputs) };
  }
  const rowKeys = axisKeys(rowFields, n, mask);
  const colKeys = axisKeys(colFields, n, mask);
  const rowTree = buildTree(rowKeys.leafCodes, rowFields.length);
  const colTree = buildTree(colKeys.leafCodes, colFields.length);
  checkSize(rowTree.nodes.length, colTree.nodes.length, valueCount);
  return { rowTree, colTree, agg: await aggregate(rowKeys.leafOf, colKeys.leafOf, rowTree, colTree, inputs, checkpoint) };
}

function finite(x: number | undefined): number | null {
  return x === undefined || Number.isNaN(x) ? null : x;
}

/**
 * Show-as follows Excel's definitions: % of row total, % of column total, % of grand total,
 * and Index = (cell × grand total) ÷ (row total × column total), here × 100 (TGI).
 */
function showAs(mode: ShowAs, agg: NodeAggregates, v: number, r: number, c: number, NC: number): number | null {
  const values = agg.values[v]!;
  const cell = values[r * NC + c]!;
  if (Number.isNaN(cell)) return null;
  if (mode === 'value') return cell;
  const rowTotal = values[r * NC]!;
  const colTotal = values[c]!;
  const grand = values[0]!;
  const ratio = (a: number, b: number): number | null => (Number.isNaN(b) || b === 0 ? null : a / b);
  switch (mode) {
    case 'pctRow':
      return ratio(cell, rowTotal);
    case 'pctCol':
      return ratio(cell, colTotal);
    case 'pctTotal':
      return ratio(cell, grand);
    case 'index': {
      const q = ratio(cell * grand, rowTotal * colTotal);
      return q === null ? null : q * 100;
    }
  }
}

function axisNodes(tree: AxisTree, order: number[], fields: GroupedColumn[]): AxisNode[] {
  const position = new Map<number, number>();
  order.forEach((id, i) => position.set(id, i));
  const pathOf = new Map<number, { path: string[]; match: AxisNode['match'] }>();
  pathOf.set(0, { path: [], match: [] });
  return order.map((id) => {
    const node = tree.nodes[id]!;
    if (id !== 0) {
      const parent = pathOf.get(node.parent)!;
      const field = fields[node.depth - 1]!;
      pathOf.set(id, { path: [...parent.path, nodeLabel(field, node.code)], match: [...parent.match, nodeMatch(field, node.code)] });
    }
    const own = pathOf.get(id)!;
    return {
      path: own.path,
      label: id === 0 ? '总计' : own.path[own.path.length - 1]!,
      depth: node.depth,
      leaf: node.children.length === 0,
      kind: id === 0 ? 'total' : 'group',
      match: own.match,
      parent: node.parent < 0 ? -1 : position.get(node.parent)!,
    };
  });
}

function valueInput(store: ProjectStore, ds: DatasetInfo, v: PivotValue): ValueInput {
  if (v.agg === 'count' && !v.column) return { agg: 'count', numbers: null, codes: null, distinctLabels: 0 };
  if (!v.column) {
    throw new KequnError('ANALYSIS_INVALID', `The ${v.agg} value needs a column`, { zh: `“${v.agg}”需要指定一列`, details: { agg: v.agg } });
  }
  if (v.agg === 'countDistinct') {
    const cat = categoryColumn(store, ds, v.column);
    return { agg: v.agg, numbers: null, codes: cat.codes, distinctLabels: cat.labels.length };
  }
  if (v.agg === 'count' && !isNumericColumn(resolveColumn(ds.columns, v.column))) {
    // Counting a text column counts its non-empty cells, like Excel's Count.
    const codes = categoryColumn(store, ds, v.column).codes;
    const present = new Float64Array(codes.length);
    for (let i = 0; i < codes.length; i++) present[i] = codes[i]! < 0 ? NaN : 1;
    return { agg: 'count', numbers: present, codes: null, distinctLabels: 0 };
  }
  return { agg: v.agg, numbers: numericColumn(store, ds, v.column).values, codes: null, distinctLabels: 0 };
}
