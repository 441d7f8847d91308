import type { ProgressLabel } from '../../../shared/contract/progress';
import { SIGNIFICANT_Z, type CrosstabCell, type CrosstabResult, type CrosstabSpec } from '../../../shared/contract/analyze';
import type { ProjectStore } from '../store/project-store';
import type { Checkpoint } from './aggregate';
import { chi2Warnings } from '../../../shared/analysis/chi2-warnings';
import { formatP, independenceTest } from './chi-square';
import { byLabel, columnOrder, groupColumns, remapCodes } from './crosstab-columns';
import { countCells, type CrosstabCounts } from './crosstab-counts';
import { factTable } from './crosstab-facts';
import { preferences } from './preferences';
import { orderByScheme, schemeOrder } from './scheme-order';

/**
 * The preference cross-tab (偏好分析): segment × category with the measure as count, distinct
 * customers or an amount; shares, TGI, χ² with adjusted residuals (▲/▼ at |z| > 1.96), a minimum
 * base below which cells are greyed and never named, the top N categories plus 其他, and each
 * segment's over-indexed categories in words. Rows follow the segmentation's own order when the
 * row field is a saved segmentation's label column.
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
  const C0 = facts.colField.labels.length;
  // The top N needs the column totals first: count once at full detail, then regroup and recount.
  let counts: CrosstabCounts = await countCells(facts, spec.measure, R, C0, checkpoint, progress);
  const grouping = groupColumns(facts.colField.labels, facts.colField.order, counts.colTotals, spec.topCols);
  if (grouping.labels.length !== C0) {
    counts = await countCells({ ...facts, colOf: remapCodes(facts.colOf, grouping.remap) }, spec.measure, R, grouping.labels.length, checkpoint, progress);
  }
  const { values, rowTotals, colTotals, total } = counts;
  const basis = spec.measure.kind === 'sum' ? 'count' : 'value';
  const test = independenceTest(basis === 'count' ? counts.counts : values);
  const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);
  const tgiOf = (r: number, c: number): number | null => {
    const rowPct = ratio(values[r]![c]!, rowTotals[r]!);
    const share = ratio(colTotals[c]!, total);
    return rowPct === null || share === null || share === 0 ? null : (rowPct / share) * 100;
  };

  const rowLabels = facts.rowField.labels;
  const byText = rowLabels.map((_, i) => i).sort(byLabel(rowLabels, facts.rowField.order));
  const scheme = schemeOrder(store, store.getDataset(spec.datasetId), spec.rows);
  const rowOrder = scheme ? orderByScheme(rowLabels, scheme, byText) : byText;
  const sortRow = spec.colSort?.row === undefined ? (rowOrder[0] ?? -1) : rowLabels.indexOf(spec.colSort.row);
  const colOrder = columnOrder(grouping, colTotals, spec.colSort, tgiOf, sortRow);
  const customers = spec.measure.kind === 'customers';
  // Distinct customers: a customer may sit in several cells of a row, so the table's own sums are
  // not the TGI's margins. Each cell is then the 2×2 test of "bought in this category" for this
  // segment against the rest, on the distinct margins — Haberman's adjusted residual is exactly
  // that collapse for an ordinary table, so counts and customers read the same way.
  const residualOf = (r: number, c: number): number | null => (customers ? collapsedZ(values[r]![c]!, rowTotals[r]!, colTotals[c]!, total) : test.residuals[r]![c]!);
  const cells: CrosstabCell[][] = rowOrder.map((r) =>
    colOrder.map((c) => {
      const value = values[r]![c]!;
      const count = counts.counts[r]![c]!;
      const residual = residualOf(r, c);
      const tgi = tgiOf(r, c);
      // The base is what the figure rests on: orders, or customers when customers are counted.
      const base = customers ? value : count;
      return {
        value,
        count,
        rowPct: ratio(value, rowTotals[r]!),
        colPct: ratio(value, colTotals[c]!),
        totalPct: ratio(value, total),
        tgi,
        residual,
        base,
        lowBase: base < spec.minCellCount,
        sig: significance(residual, tgi),
      };
    }),
  );
  const rows = rowOrder.map((r) => rowLabels[r]!);
  const cols = colOrder.map((c) => grouping.labels[c]!);
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
      droppedRows: rowOrder.filter((r) => !test.keptRows[r]).map((r) => rowLabels[r]!),
      droppedCols: colOrder.filter((c) => !test.keptCols[c]).map((c) => grouping.labels[c]!),
      lowExpectedShare: test.lowExpectedShare,
      lowExpectedCells: test.lowExpectedCells,
      belowOneCells: test.belowOneCells,
      cells: test.cells,
      warnings: chi2Warnings(test),
      cramersV: test.cramersV,
    },
    preferences: preferences(rows, cols, cells, spec.topPreferences, grouping.otherCode === null ? -1 : colOrder.indexOf(grouping.otherCode)),
    excluded: counts.excluded,
    otherCol: grouping.otherCode === null ? null : colOrder.indexOf(grouping.otherCode),
    otherCount: grouping.merged,
    rowOrder: scheme ? 'scheme' : 'label',
    ms: Math.round((performance.now() - t0) * 10) / 10,
  };
}

/** Adjusted residual of one cell from its margins: (o − e) ÷ √(e · (1 − row/N) · (1 − col/N)). */
function collapsedZ(o: number, row: number, col: number, n: number): number | null {
  if (n === 0) return null;
  const e = (row * col) / n;
  const v = e * (1 - row / n) * (1 - col / n);
  return v > 0 ? (o - e) / Math.sqrt(v) : null;
}

/**
 * ▲/▼ when |z| > 1.96 and the difference points the way the TGI does. With amounts the test runs
 * on order counts, which can lean the other way than the amount's TGI: no mark then.
 */
function significance(z: number | null, tgi: number | null): 'up' | 'down' | null {
  if (z === null || Math.abs(z) <= SIGNIFICANT_Z) return null;
  if (tgi !== null && (z > 0) !== (tgi > 100)) return null;
  return z > 0 ? 'up' : 'down';
}
