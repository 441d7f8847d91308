import type { DatasetInfo } from '../../../shared/contract/datasets';
import type { ProjectStore } from '../store/project-store';
import { categoryColumn, type GroupedColumn } from './columns';

/** Code for a fact row whose customer key matches no customer (or is empty). */
export const UNMATCHED = -2;

/**
 * Carries a customer-level label (segment) over to each transaction through the customer key:
 * the result holds, per fact row, the label code of its customer (-1 blank label, UNMATCHED).
 * Keys are matched by their text, once per distinct key, not once per row; when a key repeats
 * among the customers, the first occurrence wins.
 */
export function joinRowCodes(store: ProjectStore, customers: DatasetInfo, label: GroupedColumn, customerKey: string, facts: DatasetInfo, factsKey: string): Int32Array {
  const custKey = categoryColumn(store, customers, customerKey);
  const factKey = categoryColumn(store, facts, factsKey);
  const labelOfKey = new Map<string, number>();
  for (let i = 0; i < custKey.codes.length; i++) {
    const k = custKey.codes[i]!;
    if (k < 0) continue;
    const text = custKey.labels[k]!;
    if (!labelOfKey.has(text)) labelOfKey.set(text, label.codes[i]!);
  }
  const byFactKey = factKey.labels.map((l) => labelOfKey.get(l) ?? UNMATCHED);
  const out = new Int32Array(factKey.codes.length);
  for (let i = 0; i < out.length; i++) {
    const k = factKey.codes[i]!;
    out[i] = k < 0 ? UNMATCHED : byFactKey[k]!;
  }
  return out;
}
