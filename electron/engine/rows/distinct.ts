import { DISTINCT_COUNT_CAP, type DistinctResult, type DistinctValue, type FilterSpec } from '../../../shared/contract/rows';
import type { DatasetSnapshot } from '../store/dataset-snapshot';
import type { ProjectCache } from '../store/project-cache';
import { numberText } from './cell-text';
import { filterMask } from './filter-eval';
import { toCell } from './page-reader';
import { textRanks } from './sort-order';

/**
 * Excel's filter list: the column's values with their counts among the rows the given filters
 * leave, optionally narrowed by a search on the shown text. Numbers first (ascending), then text
 * in the order the column sorts in (pinyin), missing last.
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
  const byNumber = new Map<number, number>();
  const textCounts = texts ? new Uint32Array(texts.labels.length) : null;
  let missing = 0;
  for (let p = 0; p < snapshot.rowCount; p++) {
    if (mask && mask[p] === 0) continue;
    const v = nums ? nums[p]! : NaN;
    if (v === v) byNumber.set(v, (byNumber.get(v) ?? 0) + 1);
    else if (texts && texts.codes[p]! >= 0) textCounts![texts.codes[p]!]!++;
    else missing++;
  }
  const out: DistinctValue[] = [];
  const numbers = [...byNumber.keys()].sort((a, b) => a - b);
  for (const v of numbers) {
    if (needle !== null && !numberText(col.type, v, col.labels).toLowerCase().includes(needle)) continue;
    out.push({ value: toCell(v, col), count: byNumber.get(v)! });
  }
  if (texts && textCounts) {
    const ranks = textRanks(src, cache);
    const codes: number[] = [];
    for (let c = 0; c < textCounts.length; c++) {
      if (textCounts[c] === 0) continue;
      if (needle !== null && !texts.labels[c]!.toLowerCase().includes(needle)) continue;
      codes.push(c);
    }
    codes.sort((a, b) => ranks[a]! - ranks[b]!);
    for (const c of codes) out.push({ value: texts.labels[c]!, count: textCounts[c]! });
  }
  if (missing > 0 && needle === null) out.push({ value: null, count: missing });
  return {
    values: out.slice(0, limit),
    totalDistinct: Math.min(out.length, DISTINCT_COUNT_CAP),
    totalCapped: out.length > DISTINCT_COUNT_CAP,
    truncated: out.length > limit,
  };
}
