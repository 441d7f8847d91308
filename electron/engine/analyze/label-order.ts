import { textCollator } from '../rows/text-collator';
import type { GroupedColumn } from './columns';

/**
 * Two of a field's labels by code, in display order: chronological / numeric when the field
 * knows an order, else collated (pinyin); blanks (code < 0) last, as in Excel.
 */
export function compareLabels(field: GroupedColumn, a: number, b: number): number {
  if (a < 0 || b < 0) return a < 0 ? (b < 0 ? 0 : 1) : -1;
  if (field.order) {
    const d = field.order[a]! - field.order[b]!;
    if (d !== 0 && !Number.isNaN(d)) return d;
  }
  return textCollator().compare(field.labels[a]!, field.labels[b]!);
}

/** Codes of a field's labels in display order. */
export function labelOrder(field: GroupedColumn): number[] {
  return field.labels.map((_, i) => i).sort((a, b) => compareLabels(field, a, b));
}
