import type { GroupedColumn } from './columns';
import { textCollator } from '../rows/text-collator';


/** Codes of a field's labels in display order: chronological / numeric when known, else collated. */
export function labelOrder(field: GroupedColumn): number[] {
  const codes = field.labels.map((_, i) => i);
  const order = field.order;
  return codes.sort((a, b) => {
    if (order) {
      const d = order[a]! - order[b]!;
      if (d !== 0 && !Number.isNaN(d)) return d;
    }
    return textCollator().compare(field.labels[a]!, field.labels[b]!);
  });
}
