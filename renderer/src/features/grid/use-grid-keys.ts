import type { DataEditorRef, GridSelection, Rectangle } from '@glideapps/glide-data-grid';
import { useCallback, type KeyboardEvent, type RefObject } from 'react';
import type { ColumnInfo } from '../../../../shared/contract/datasets';
import type { GridEdits } from './use-grid-edits';

export interface GridKeysOptions {
  selection: GridSelection;
  shown: { current: ColumnInfo[] };
  gridRef: RefObject<DataEditorRef | null>;
  visible: { current: Rectangle };
  copy: () => Promise<void>;
  edits: GridEdits;
  openFind: () => void;
  openColumnMenu: (key: string, x: number, y: number) => void;
  /** A key an input method sends (or a non-ASCII character): opens the cell editor with it. */
  typeText: (text: string) => void;
}

/** Keys the grid's editor does not open on: an input method's "Process" and non-ASCII characters. */
export function imeKeyText(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; nativeEvent?: { isComposing?: boolean } }): string | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.key === 'Process' || e.nativeEvent?.isComposing === true) return '';
  return e.key.length === 1 && !/[ -~]/.test(e.key) ? e.key : null;
}

/**
 * Excel's keys on the grid, taken before the grid's editor sees them: Ctrl+F (find), Ctrl+C,
 * Ctrl+Z / Ctrl+Y (undo and redo the dataset's steps), Ctrl+D (fill down), Delete (clear),
 * Alt+↓ (the column's filter list), and typing through an input method (中文 straight into a cell).
 */
export function useGridKeys(o: GridKeysOptions): (e: KeyboardEvent<HTMLDivElement>) => void {
  const { selection, shown, gridRef, visible, copy, edits, openFind, openColumnMenu, typeText } = o;
  return useCallback(
    (e: KeyboardEvent<HTMLDivElement>) => {
      const primary = e.ctrlKey || e.metaKey;
      const inField = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLTextAreaElement;
      const ime = inField ? null : imeKeyText(e);
      if (primary && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        e.stopPropagation();
        openFind();
      } else if (primary && e.key.toLowerCase() === 'c' && !inField) {
        e.preventDefault();
        void copy();
      } else if (!inField && ((primary && ['z', 'y', 'd'].includes(e.key.toLowerCase())) || e.key === 'Delete')) {
        e.preventDefault();
        e.stopPropagation();
        const k = e.key.toLowerCase();
        if (k === 'delete') edits.clearCells();
        else if (k === 'd') edits.fillDown();
        else if (k === 'y' || e.shiftKey) edits.redo();
        else edits.undo();
      } else if (e.altKey && e.key === 'ArrowDown' && !inField) {
        const col = selection.current?.cell[0];
        const c = col === undefined ? undefined : shown.current[col];
        const b = col === undefined ? undefined : gridRef.current?.getBounds(col, visible.current.y);
        if (c && b) {
          e.preventDefault();
          e.stopPropagation();
          openColumnMenu(c.key, b.x, b.y);
        }
      } else if (ime !== null && selection.current) {
        // The grid's own editor opens only on ASCII keys; an input method's keys open ours.
        e.stopPropagation();
        if (ime !== '') e.preventDefault();
        typeText(ime);
      }
    },
    [copy, selection, edits, shown, gridRef, visible, openFind, openColumnMenu, typeText],
  );
}
