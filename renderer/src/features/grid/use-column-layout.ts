import { useCallback, useMemo, useState } from 'react';
import type { ColumnInfo } from '../../../../shared/contract/datasets';

export interface ColumnLayout {
  /** Shown columns, in display order. */
  visible: ColumnInfo[];
  /** Every column in display order, with its hidden flag (for the column chooser). */
  all: { col: ColumnInfo; hidden: boolean }[];
  widthOf(key: string): number;
  frozen: number;
  setFrozen(n: number): void;
  resize(key: string, width: number): void;
  /** Moves a shown column from one display position to another. */
  move(from: number, to: number): void;
  setHidden(key: string, hidden: boolean): void;
}

function defaultWidth(col: ColumnInfo): number {
  const label = col.name.length * 14 + 44;
  const byType = col.type === 'text' ? 140 : col.type === 'date' ? 110 : col.type === 'datetime' ? 160 : 110;
  return Math.min(320, Math.max(byType, label));
}

/** Column order, widths, hidden set and frozen count of one grid (kept for the tab's life). */
export function useColumnLayout(columns: readonly ColumnInfo[]): ColumnLayout {
  const [order, setOrder] = useState<string[]>(() => columns.map((c) => c.key));
  const [hidden, setHiddenSet] = useState<ReadonlySet<string>>(() => new Set());
  const [widths, setWidths] = useState<Record<string, number>>({});
  const [frozen, setFrozen] = useState(0);

  const byKey = useMemo(() => new Map(columns.map((c) => [c.key, c])), [columns]);
  // Columns added later (a derived column) appear at the end; removed ones drop out.
  const fullOrder = useMemo(() => {
    const known = order.filter((k) => byKey.has(k));
    for (const c of columns) if (!known.includes(c.key)) known.push(c.key);
    return known;
  }, [order, byKey, columns]);
  const visible = useMemo(() => fullOrder.filter((k) => !hidden.has(k)).map((k) => byKey.get(k)!), [fullOrder, hidden, byKey]);
  const all = useMemo(() => fullOrder.map((k) => ({ col: byKey.get(k)!, hidden: hidden.has(k) })), [fullOrder, hidden, byKey]);

  const widthOf = useCallback((key: string) => widths[key] ?? defaultWidth(byKey.get(key)!), [widths, byKey]);
  const resize = useCallback((key: string, width: number) => setWidths((w) => ({ ...w, [key]: Math.round(width) })), []);
  const move = useCallback(
    (from: number, to: number) => {
      const shown = visible.map((c) => c.key);
      const moving = shown[from];
      const target = shown[to];
      if (moving === undefined || target === undefined || from === to) return;
      const next = fullOrder.filter((k) => k !== moving);
      const at = next.indexOf(target);
      next.splice(from < to ? at + 1 : at, 0, moving);
      setOrder(next);
    },
    [visible, fullOrder],
  );
  const setHidden = useCallback((key: string, hide: boolean) => {
    setHiddenSet((s) => {
      const next = new Set(s);
      if (hide) next.add(key);
      else next.delete(key);
      return next;
    });
  }, []);
  return { visible, all, widthOf, frozen: Math.min(frozen, visible.length), setFrozen, resize, move, setHidden };
}
