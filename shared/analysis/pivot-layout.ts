import type { AxisNode } from '../contract/analyze';

/** Path key of a node (for collapse state). */
export function nodeKey(node: AxisNode): string {
  return node.path.join('\u0001');
}

/**
 * Row lines in Excel's compact layout: each group line carries its subtotal above its children,
 * the grand total last; children of collapsed nodes are left out.
 */
export function rowDisplayOrder(rows: readonly AxisNode[], collapsed: ReadonlySet<string> = new Set()): number[] {
  const out: number[] = [];
  const hidden = new Set<number>();
  rows.forEach((n, i) => {
    if (n.kind === 'total') return;
    if (n.parent > 0 && (hidden.has(n.parent) || collapsed.has(nodeKey(rows[n.parent]!)))) {
      hidden.add(i);
      return;
    }
    out.push(i);
  });
  const total = rows.findIndex((n) => n.kind === 'total');
  if (total >= 0) out.push(total);
  return out;
}

/**
 * Columns: leaves, each subtotal after its children, the grand total last (post-order). A
 * collapsed column group shows only its subtotal column.
 */
export function colDisplayOrder(cols: readonly AxisNode[], subtotals: boolean, collapsed: ReadonlySet<string> = new Set()): number[] {
  const children = new Map<number, number[]>();
  cols.forEach((n, i) => {
    if (n.parent >= 0) children.set(n.parent, [...(children.get(n.parent) ?? []), i]);
  });
  const out: number[] = [];
  const walk = (i: number): void => {
    const node = cols[i]!;
    const folded = node.kind === 'group' && !node.leaf && collapsed.has(nodeKey(node));
    if (!folded) for (const c of children.get(i) ?? []) walk(c);
    if (node.leaf || node.kind === 'total' || subtotals || folded) out.push(i);
  };
  const root = cols.findIndex((n) => n.kind === 'total');
  if (root >= 0) walk(root);
  return out;
}
