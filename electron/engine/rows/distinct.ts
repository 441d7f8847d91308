import { DISTINCT_COUNT_CAP, type DistinctResult, type DistinctValue, type FilterSpec } from '../../../shared/contract/rows';
import type { DatasetSnapshot } from '../store/dataset-snapshot';
import type { ProjectCache } from '../store/project-cache';
import { numberText } from './cell-text';
import { filterMask } from './filter-eval';
import { toCell } from './page-reader';
import { textOrder } from './sort-order';

/**
 * Excel's filter list: the column's values with their counts among the rows the given filters
 * leave, optionally narrowed by a search on the shown text. Numbers first (ascending), then text
 * in the order the column sorts in (pinyin), missing last.
 *
 * The list shows `limit` values, so only the smallest numbers are counted exactly (a threshold
 * that only falls keeps their counts whole) and distinct values are counted up to the cap: a
 * menu opened on ten million amounts builds neither a ten-million-entry map nor a sorted copy.
 */
export function distinctValues(
  snapshot: DatasetSnapshot,
  key: string,
  filters: readonly FilterSpec[],
  search: string | undefined,
  limit: number,
  cache: ProjectCache,
): DistinctResult {
  const col = snapshot.column(key);
  const src = snapshot.source(col.key);
  const mask = filterMask(snapshot, filters);
  const needle = search === undefined || search === '' ? null : search.toLowerCase();
  const nums = src.info.numbers > 0 ? src.numbers() : null;
  const texts = src.info.texts > 0 ? src.texts() : null;
  // With a search every number's shown text decides: test each distinct value once.
  const shown = needle === null ? null : new Map<number, boolean>();
  const matches = (v: number): boolean => {
    if (shown === null) return true;
    let hit = shown.get(v);
    if (hit === undefined) shown.set(v, (hit = numberText(col.type, v, col.labels).toLowerCase().includes(needle!)));
    return hit;
  };
  const smallest = new SmallestCounts(limit + 1);
  const textCounts = texts ? new Uint32Array(texts.labels.length) : null;
  let missing = 0;
  for (let p = 0; p < snapshot.rowCount; p++) {
    if (mask && mask[p] === 0) continue;
    const v = nums ? nums[p]! : NaN;
    if (v === v) {
      if (matches(v)) smallest.add(v);
    } else if (texts && texts.codes[p]! >= 0) textCounts![texts.codes[p]!]!++;
    else missing++;
  }
  const out: DistinctValue[] = smallest.sorted(limit + 1).map(([v, count]) => ({ value: toCell(v, col), count }));
  let total = smallest.distinct;
  if (texts && textCounts) {
    // Walking the labels in sort order needs no sort per call (the order is cached per column).
    for (const c of textOrder(src, cache)) {
      if (textCounts[c] === 0) continue;
      if (needle !== null && !texts.labels[c]!.toLowerCase().includes(needle)) continue;
      total++;
      if (out.length <= limit) out.push({ value: texts.labels[c]!, count: textCounts[c]! });
      else if (total > DISTINCT_COUNT_CAP) break;
    }
  }
  if (missing > 0 && needle === null) {
    total++;
    if (out.length <= limit) out.push({ value: null, count: missing });
  }
  return {
    values: out.slice(0, limit),
    totalDistinct: Math.min(total, DISTINCT_COUNT_CAP),
    totalCapped: total > DISTINCT_COUNT_CAP,
    truncated: total > limit,
  };
}

/**
 * Exact counts of the `keep` smallest distinct numbers seen, and the number of distinct values
 * up to just past DISTINCT_COUNT_CAP. A value at or under the threshold is counted every time it
 * occurs (the threshold only falls, and pruning drops only values above the new threshold), so
 * the counts of the values that stay are exact.
 */
class SmallestCounts {
  private readonly counts = new Map<number, number>();
  private threshold = Infinity;
  private readonly seen = new Set<number>();
  constructor(private readonly keep: number) {}

  get distinct(): number {
    return this.seen.size;
  }

  add(v: number): void {
    if (v <= this.threshold) {
      const c = this.counts.get(v);
      if (c !== undefined) {
        this.counts.set(v, c + 1);
        return;
      }
      this.counts.set(v, 1);
      if (this.counts.size > 4 * this.keep) this.prune();
    }
    if (this.seen.size <= DISTINCT_COUNT_CAP) this.seen.add(v);
  }

  private prune(): void {
    const keys = Float64Array.from(this.counts.keys()).sort();
    this.threshold = keys[this.keep - 1]!;
    for (let i = this.keep; i < keys.length; i++) this.counts.delete(keys[i]!);
  }

  /** The smallest `n` values with their counts, ascending. */
  sorted(n: number): [number, number][] {
    const keys = Float64Array.from(this.counts.keys()).sort();
    return Array.from(keys.subarray(0, n), (v) => [v, this.counts.get(v)!]);
  }
}
