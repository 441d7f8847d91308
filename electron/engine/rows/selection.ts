import type { ColumnType } from '../../../shared/contract/datasets';
import { toRuns, type RowRun } from '../../../shared/contract/grid-edits';
import type { DateTree, DateTreeYear, SelectionAggregate, SelectionBlockSpec } from '../../../shared/contract/rows-selection';
import type { FilterSpec } from '../../../shared/contract/rows';
import { formatApplies } from '../../../shared/format/column-format';
import type { DatasetSnapshot } from '../store/dataset-snapshot';
import { filterMask } from './filter-eval';
import type { RowView } from './view-cache';

/** Types whose cells Excel's status bar sums (dates and booleans count as cells, not numbers). */
const SUMMED: ReadonlySet<ColumnType> = new Set(['integer', 'decimal', 'percent', 'currency']);

/** Row ids of view rows [offset, offset + limit), compressed into runs. */
export function viewRowIds(snapshot: DatasetSnapshot, view: RowView, offset: number, limit: number): { runs: RowRun[]; count: number } {
  const start = Math.min(offset, view.length);
  const positions = view.slice(start, Math.min(view.length, start + limit));
  return { runs: toRuns(Array.from(positions, (p) => snapshot.rowIdAt(p))), count: positions.length };
}

/**
 * Excel's status-bar figures over the selected cells, computed here over the view so the grid
 * never holds the rows. Overlapping blocks count a cell once.
 */
export async function aggregateSelection(
  snapshot: DatasetSnapshot,
  view: RowView,
  blocks: readonly SelectionBlockSpec[],
  checkpoint: () => Promise<void>,
): Promise<SelectionAggregate> {
  const out: SelectionAggregate = { cells: 0, count: 0, numericCount: 0, sum: null, mean: null, min: null, max: null, numericType: null, format: null };
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  const types = new Set<ColumnType>();
  const formats = new Set<string | null>();
  // Per column, the view ranges already counted, so an overlap of two blocks counts once.
  const seen = new Map<string, [number, number][]>();
  for (const b of blocks) {
    const from = Math.min(b.from, view.length);
    const to = Math.min(Math.max(b.to, from), view.length);
    for (const key of new Set(b.columns)) {
      const col = snapshot.column(key);
      const done = seen.get(col.key) ?? [];
      const src = snapshot.source(col.key);
      const nums = src.numbers();
      const texts = src.info.texts > 0 ? src.texts().codes : null;
      const summed = SUMMED.has(col.type);
      for (let i = from; i < to; i++) {
        if (done.some(([a, z]) => i >= a && i < z)) continue;
        if ((i - from) % 65_536 === 65_535) await checkpoint();
        out.cells++;
        const p = view.positionAt(i);
        const v = nums[p]!;
        if (v === v) {
          out.count++;
          if (!summed) continue;
          out.numericCount++;
          sum += v;
          if (v < min) min = v;
          if (v > max) max = v;
          types.add(col.type);
          formats.add(formatApplies(col.type, col.format) ? col.format : null);
        } else if (texts && texts[p]! >= 0) out.count++;
      }
      done.push([from, to]);
      seen.set(col.key, done);
    }
  }
  if (out.numericCount > 0) {
    out.sum = sum;
    out.mean = sum / out.numericCount;
    out.min = min;
    out.max = max;
    out.numericType = types.size === 1 ? [...types][0]! : 'decimal';
    out.format = types.size === 1 && formats.size === 1 ? [...formats][0]! : null;
  }
  return out;
}

/** Excel's date filter tree: the dates of the rows the other filters leave, by year, month, day. */
export function dateTree(snapshot: DatasetSnapshot, column: string, filters: readonly FilterSpec[]): DateTree {
  const col = snapshot.column(column);
  const others = filters.filter((f) => snapshot.column(f.column).key !== col.key);
  const mask = filterMask(snapshot, others);
  const src = snapshot.source(col.key);
  const nums = src.numbers();
  const texts = src.info.texts > 0 ? src.texts().codes : null;
  // Counted per day number (epoch ms / 86,400,000, wall-clock as UTC): one division per row, a
  // Date only per distinct day. Days span a few thousand at most; a counts array over the range
  // beats a map at ten million rows.
  const DAY = 86_400_000;
  let lo = Infinity;
  let hi = -Infinity;
  let rows = 0;
  let missing = 0;
  let invalid = 0;
  for (let p = 0; p < nums.length; p++) {
    if (mask && mask[p] === 0) continue;
    rows++;
    const v = nums[p]!;
    if (v !== v) {
      if (texts && texts[p]! >= 0) invalid++;
      else missing++;
      continue;
    }
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const first = Math.floor(lo / DAY);
  const span = rows - missing - invalid > 0 ? Math.floor(hi / DAY) - first + 1 : 0;
  const dense = span <= 1_000_000 ? new Uint32Array(span) : null;
  const sparse = dense ? null : new Map<number, number>();
  if (span > 0) {
    for (let p = 0; p < nums.length; p++) {
      if (mask && mask[p] === 0) continue;
      const v = nums[p]!;
      if (v !== v) continue;
      const day = Math.floor(v / DAY) - first;
      if (dense) dense[day]!++;
      else sparse!.set(day, (sparse!.get(day) ?? 0) + 1);
    }
  }
  const days: [number, number][] = dense ? [] : [...sparse!.entries()].sort((a, b) => a[0] - b[0]);
  if (dense) for (let d = 0; d < span; d++) if (dense[d]! > 0) days.push([d, dense[d]!]);
  const years: DateTreeYear[] = [];
  for (const [offset, count] of days) {
    const d = new Date((first + offset) * DAY);
    const year = d.getUTCFullYear();
    const month = d.getUTCMonth() + 1;
    let y = years[years.length - 1];
    if (!y || y.year !== year) years.push((y = { year, count: 0, months: [] }));
    let m = y.months[y.months.length - 1];
    if (!m || m.month !== month) y.months.push((m = { month, count: 0, days: [] }));
    y.count += count;
    m.count += count;
    m.days.push({ day: d.getUTCDate(), count });
  }
  return { column: col.key, rows, years, missing, invalid };
}
