import type { DataEditorRef, GridSelection, Rectangle } from '@glideapps/glide-data-grid';
import { useCallback, useEffect, useRef, useState, type CompositionEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { GRID_NS } from './strings';

/** The cell being typed into through an input method, where it is on screen, and the text so far. */
export interface ImeCell {
  col: number;
  row: number;
  bounds: Rectangle;
  text: string;
}

interface ImeOptions {
  selection: GridSelection;
  gridRef: RefObject<DataEditorRef | null>;
  /** Writes the typed text as a recorded cleaning step. */
  editCell: (col: number, row: number, text: string) => void;
  /** Moves the cursor (Enter goes one row down, as in Excel). */
  goTo: (col: number, row: number) => void;
  rows: number;
}

export interface ImeTyping {
  cell: ImeCell | null;
  /** Opens the editor on the current cell with this text (a key an input method sent). */
  open: (text: string) => void;
  onCompositionStart: (e: CompositionEvent<HTMLDivElement>) => void;
  onCompositionEnd: (e: CompositionEvent<HTMLDivElement>) => void;
  setText: (text: string) => void;
  /** Ends the editing: text to write (null = cancel), and whether the cursor moves down. */
  finish: (text: string | null, moveDown: boolean) => void;
}

const isField = (t: EventTarget): boolean => t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement;

/**
 * Typing 中文 straight into a cell. The grid's editor opens only on ASCII keys, so a composition
 * starting on the grid (an input method) opens this editor over the current cell and keeps what
 * is composed; Enter writes it as one recorded step, like any typed cell.
 */
export function useImeTyping({ selection, gridRef, editCell, goTo, rows }: ImeOptions): ImeTyping {
  const [cell, setCell] = useState<ImeCell | null>(null);
  const current = useRef<ImeCell | null>(null);
  current.current = cell;

  const open = useCallback(
    (text: string) => {
      if (current.current) return;
      const at = selection.current?.cell;
      const bounds = at ? gridRef.current?.getBounds(at[0], at[1]) : undefined;
      if (!at || !bounds || at[0] < 0) return;
      setCell({ col: at[0], row: at[1], bounds, text });
    },
    [selection, gridRef],
  );

  const onCompositionStart = useCallback(
    (e: CompositionEvent<HTMLDivElement>) => {
      if (!isField(e.target)) open('');
    },
    [open],
  );
  // The composed text, when the composition ends where it started (on the grid, not in the editor).
  const onCompositionEnd = useCallback((e: CompositionEvent<HTMLDivElement>) => {
    if (isField(e.target) || !e.data) return;
    setCell((c) => (c ? { ...c, text: c.text + e.data } : c));
  }, []);

  const setText = useCallback((text: string) => setCell((c) => (c ? { ...c, text } : c)), []);

  const finish = useCallback(
    (text: string | null, moveDown: boolean) => {
      const c = current.current;
      if (!c) return;
      current.current = null;
      setCell(null);
      if (text !== null) editCell(c.col, c.row, text);
      if (moveDown) goTo(c.col, Math.min(rows - 1, c.row + 1));
      gridRef.current?.focus();
    },
    [editCell, goTo, rows, gridRef],
  );

  return { cell, open, onCompositionStart, onCompositionEnd, setText, finish };
}

/** The editor over the cell: takes the input method's text; Enter writes, Tab writes and stays, Esc cancels. */
export function ImeEditor({ ime }: { ime: ImeTyping }) {
  const { t } = useTranslation(GRID_NS);
  const box = useRef<HTMLTextAreaElement | null>(null);
  const cell = ime.cell;
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);
  if (!cell) return null;
  const { x, y, width, height } = cell.bounds;
  return (
    <textarea
      ref={box}
      className="k-grid__ime"
      data-testid="grid-ime-editor"
      data-col={cell.col}
      data-row={cell.row}
      title={t('edit.imeHint')}
      style={{ left: x, top: y, minWidth: width, height: Math.max(height, 28) }}
      value={cell.text}
      onChange={(e) => ime.setText(e.target.value)}
      onBlur={(e) => ime.finish(e.target.value, false)}
      onKeyDown={(e) => {
        // Keys inside a composition belong to the input method (choosing a candidate with Enter).
        if (e.nativeEvent.isComposing || e.keyCode === 229) return;
        if (e.key === 'Escape') {
          e.preventDefault();
          ime.finish(null, false);
        } else if ((e.key === 'Enter' && !e.altKey && !e.shiftKey) || e.key === 'Tab') {
          e.preventDefault();
          ime.finish(e.currentTarget.value, e.key === 'Enter');
        }
        e.stopPropagation();
      }}
    />
  );
}
