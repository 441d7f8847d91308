import type { ProgressLabel } from '../../../shared/contract/progress';
import type { CrosstabCell, CrosstabResult, CrosstabSpec } from '../../../shared/contract/analyze';
import type { DatasetInfo } from '../../../shared/contract/datasets';
import type { ProjectStore } from '../store/project-store';
import type { Checkpoint } from './aggregate';
import { categoryColumn, groupedColumn, numericColumn, type GroupedColumn } from './columns';
import { filterMask } from './filters';
import { formatP, independenceTest } from './chi-square';
import { preferences } from './preferences';
import { labelOrder } from './label-order';
import { joinRowCodes, UNMATCHED } from './join';

/** Fact rows resolved to (row label code, column label code), plus what each row measures. */
interface FactTable {
  rowField: GroupedColumn;
  colField: GroupedColumn;
  /** Row label code per fact row: ≥ 0 a label, -1 blank label, -2 no matching customer. */
  rowOf: Int32Array;
  colOf: Int32Array;
  mask: Uint8Array | null;
  amount: Float64Array | null;
  /** Customer key codes for distinct counts. */
  distinctKey: Int32Array | null;
  distinctLabels: number;
}

/**
 * The preference cross-tab (偏好分析): segment × category with the measure as count, distinct
 * customers or an amount; shares, TGI, χ² with adjusted residuals, and each segment's
 * over-indexed categories in words.
 */
export async function runCrosstab(
  store: ProjectStore,
  spec: CrosstabSpec,
  checkpoint: Checkpoint = () => Promise.resolve(),
  progress: (done: number, total: number, label: ProgressLabel) => void = () => undefined,
): Promise<CrosstabResult> {
  const t0 = performance.now();
  const facts = factTable(store, spec);
  await checkpoint();
  const R = facts.rowField.labels.length;
  const C = facts.colField.labels.length;
  const counts = grid(R, C);
  const values = grid(R, C);
  const excluded = { missingRow: 0, missingCol: 0, unmatched: 0 };
  const { rowOf, colOf, mask, amount } = facts;
  const n = rowOf.length;
  for (let i = 0; i < n; i++) {
    if (mask && mask[i] === 0) continue;
    const r = rowOf[i]!;
    const c = colOf[i]!;
    if (r === UNMATCHED) excluded.unmatched++;
    else if (r < 0) excluded.missingRow++;
    else if (c < 0) excluded.missingCol++;
    else {
      counts[r]![c]! += 1;
      if (amount) {
        const v = amount[i]!;
        if (v === v) values[r]![c]! += v;
      }
    }
    if ((i & 0x3ffff) === 0x3ffff) {
      progress(i, n, 'crosstab');
      await checkpoint();
    }
  }
  let rowTotals: number[];
  let colTotals: number[];
  let total: number;
  const distinctKey = spec.measure.kind === 'customers' ? facts.distinctKey : null;
  if (distinctKey) {
    const d = distinctCounts(facts, distinctKey, R, C);
    d.cells.forEach((row, r) => row.forEach((v, c) => (values[r]![c] = v)));
    ({ rowTotals, colTotals, total } = d);
  } else {
    // Customers without a key column: each row is one customer, so the measure is the row count.
    const byRows = spec.measure.kind !== 'sum';
    const source = byRows ? counts : values;
    if (byRows) counts.forEach((row, r) => row.forEach((v, c) => (values[r]![c] = v)));
    rowTotals = source.map((row) => row.reduce((s, v) => s + v, 0));
    colTotals = Array.from({ length: C }, (_, c) => source.reduce((s, row) => s + row[c]!, 0));
    total = rowTotals.reduce((s, v) => s + v, 0);
  }

  const basis = spec.measure.kind === 'sum' ? 'count' : 'value';
  const test = independenceTest(basis === 'count' ? counts : values);
  const rowOrder = labelOrder(facts.rowField);
  const colOrder = labelOrder(facts.colField);
  const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);
  const cells: CrosstabCell[][] = rowOrder.map((r) =>
    colOrder.map((c) => {
      const value = values[r]![c]!;
      const share = ratio(colTotals[c]!, total);
      const rowPct = ratio(value, rowTotals[r]!);
      return {
        value,
        count: counts[r]![c]!,
        rowPct,
        colPct: ratio(value, colTotals[c]!),
        totalPct: ratio(value, total),
        tgi: rowPct === null || share === null || share === 0 ? null : (rowPct / share) * 100,
        residual: test.residuals[r]![c]!,
      };
    }),
  );
  const rows = rowOrder.map((r) => facts.rowField.labels[r]!);
  const cols = colOrder.map((c) => facts.colField.labels[c]!);
  return {
    spec,
    rows,
    cols,
    cells,
    rowTotals: rowOrder.map((r) => rowTotals[r]!),
    colTotals: colOrder.map((c) => colTotals[c]!),
    total,
    chi2: {
      statistic: test.statistic,
      df: test.df,
      p: test.p,
      log10P: test.log10P,
      pText: formatP(test.p),
      basis,
      droppedRows: rowOrder.filter((r) => !test.keptRows[r]).map((r) => facts.rowField.labels[r]!),
      droppedCols: colOrder.filter((c) => !test.keptCols[c]).map((c) => facts.colField.labels[c]!),
      lowExpectedShare: test.lowExpectedShare,
      cramersV: test.cramersV,
    },
    preferences: preferences(rows, cols, cells, spec.topPreferences, spec.minCellCount),
    excluded,
    ms: Math.round((performance.now() - t0) * 10) / 10,
  };
}

function grid(R: number, C: number): number[][] {
  return Array.from({ length: R }, () => new Array<number>(C).fill(0));
}

function factTable(store: ProjectStore, spec: CrosstabSpec): FactTable {
  const rowsDs = store.getDataset(spec.datasetId);
  const rowField = groupedColumn(store, rowsDs, spec.rows);
  if (!spec.facts) {
    const colField = groupedColumn(store, rowsDs, spec.cols);
    const distinct = spec.measure.kind === 'customers' && spec.measure.column ? categoryColumn(store, rowsDs, spec.measure.column) : null;
    return {
      rowField,
      colField,
      rowOf: rowField.codes,
      colOf: colField.codes,
      mask: filterMask(store, rowsDs, spec.filters),
      amount: amountOf(store, rowsDs, spec),
      // Without a key, each row of the dataset is one customer.
      distinctKey: distinct?.codes ?? null,
      distinctLabels: distinct?.labels.length ?? 0,
    };
  }
  const factsDs = store.getDataset(spec.facts.datasetId);
  const colField = groupedColumn(store, factsDs, spec.cols);
  const rowOf = joinRowCodes(store, rowsDs, rowField, spec.facts.rowsKey ?? spec.facts.key, factsDs, spec.facts.key);
  const factKey = categoryColumn(store, factsDs, spec.facts.key);
  const distinct = spec.measure.kind === 'customers' ? (spec.measure.column ? categoryColumn(store, factsDs, spec.measure.column) : factKey) : null;
  return {
    rowField,
    colField,
    rowOf,
    colOf: colField.codes,
    mask: filterMask(store, factsDs, spec.filters),
    amount: amountOf(store, factsDs, spec),
    distinctKey: distinct?.codes ?? null,
    distinctLabels: distinct?.labels.length ?? 0,
  };
}

function amountOf(store: ProjectStore, ds: DatasetInfo, spec: CrosstabSpec): Float64Array | null {
  return spec.measure.kind === 'sum' ? numericColumn(store, ds, spec.measure.column).values : null;
}

/** Distinct customers per cell and per total (totals are distinct too: a customer counts once). */
function distinctCounts(f: FactTable, key: Int32Array, R: number, C: number): { cells: number[][]; rowTotals: number[]; colTotals: number[]; total: number } {
  const cells = grid(R, C);
  const rowTotals = new Array<number>(R).fill(0);
  const colTotals = new Array<number>(C).fill(0);
  const K = f.distinctLabels;
  // (group, customer) pairs packed into one number: group * K + customer code.
  const cellSeen = new Set<number>();
  const rowSeen = new Set<number>();
  const colSeen = new Set<number>();
  const allSeen = new Set<number>();
  for (let i = 0; i < f.rowOf.length; i++) {
    if (f.mask && f.mask[i] === 0) continue;
    const r = f.rowOf[i]!;
    const c = f.colOf[i]!;
    const k = key[i]!;
    if (r < 0 || c < 0 || k < 0) continue;
    const cellKey = (r * C + c) * K + k;
    if (!cellSeen.has(cellKey)) {
      cellSeen.add(cellKey);
      cells[r]![c]! += 1;
    }
    if (!rowSeen.has(r * K + k)) {
      rowSeen.add(r * K + k);
      rowTotals[r]! += 1;
    }
    if (!colSeen.has(c * K + k)) {
      colSeen.add(c * K + k);
      colTotals[c]! += 1;
    }
    allSeen.add(k);
  }
  return { cells, rowTotals, colTotals, total: allSeen.size };
}
