import type { PivotField } from '../../../shared/contract/analyze';
import type { DatasetInfo } from '../../../shared/contract/datasets';
import { resolveColumn } from '../store/column-reader';
import type { ProjectStore } from '../store/project-store';
import { listSegmentations } from '../store/segmentation-store';

/**
 * When a field is the label column of a saved segmentation, its segments in the scheme's own
 * order (重要价值客户 first, as the RFM-8 table reads), else null. Reports and screens then list
 * segments the way the scheme defines them, not in pinyin order.
 */
export function schemeOrder(store: ProjectStore, ds: DatasetInfo, field: PivotField): string[] | null {
  if (field.dateGroup) return null;
  const key = resolveColumn(ds.columns, field.column).key;
  const seg = listSegmentations(store, ds.id).find((s) => s.columnKey === key);
  return seg ? seg.segments.map((s) => s.name) : null;
}

/** Codes of `labels` in the scheme's order; labels the scheme does not name follow, in `fallback` order. */
export function orderByScheme(labels: readonly string[], scheme: readonly string[], fallback: readonly number[]): number[] {
  const rank = new Map(scheme.map((name, i) => [name, i]));
  const known = fallback.filter((c) => rank.has(labels[c]!)).sort((a, b) => rank.get(labels[a]!)! - rank.get(labels[b]!)!);
  return [...known, ...fallback.filter((c) => !rank.has(labels[c]!))];
}
