import type { EditableGridCell, Item } from '@glideapps/glide-data-grid';
import { GridCellKind } from '@glideapps/glide-data-grid';
import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CleanOperationIn } from '../../../../shared/contract/clean';
import type { ColumnInfo } from '../../../../shared/contract/datasets';
import { MAX_EDIT_CELLS, MAX_EDIT_ROWS, MAX_INSERT_ROWS, toRuns, type RowRun } from '../../../../shared/contract/grid-edits';
import type { FilterSpec, SortSpec } from '../../../../shared/contract/rows';
import type { EngineClient } from '../../../../shared/rpc/client';
import { toKequnError } from '../../app/use-call';
import { formatNumber } from '../../format';
import type { SelectionBlock } from './copy-selection';
import type { RowWindowCache } from './row-cache';
import { GRID_NS } from './strings';

export interface GridEditsOptions {
  client: EngineClient;
  datasetId: string;
  sort: SortSpec[];
  filters: FilterSpec[];
  /** The shown columns (display index → column), read when an edit happens. */
  shown: { current: ColumnInfo[] };
  cache: RowWindowCache;
  block: SelectionBlock | null;
  rows: number;
  setNotice: (text: string | null) => void;
}

export interface GridEdits {
  onCellEdited: (cell: Item, value: EditableGridCell) => void;
  onPaste: (target: Item, values: readonly (readonly string[])[]) => boolean;
  fillDown: () => void;
  clearCells: () => void;
  deleteRows: () => void;
  /** Excel's 在上方/下方插入行 at a view row: as many rows as are selected there, else one. */
  insertRows: (row: number, position: 'above' | 'below') => void;
  /** Writes text typed outside the grid's own editor (an input method's composed text). */
  editCell: (col: number, row: number, text: string) => void;
  undo: () => void;
  redo: () => void;
}

/**
 * Excel's editing habits on a dataset that is never held in the page: a typed cell, a pasted
 * block, Delete, Ctrl+D and 删除行 each become one recorded cleaning step (visible in history,
 * undone with Ctrl+Z), naming rows by their stable row id so sorting and filters do not matter.
 */
export function useGridEdits(o: GridEditsOptions): GridEdits {
  const { t } = useTranslation(GRID_NS);
  const latest = useRef(o);
  latest.current = o;

  /** Row ids of view rows [from, to), from the cache when it has them all, else from the engine. */
  const rowIdsOf = useCallback(async (from: number, to: number): Promise<number[]> => {
    const { cache, client, datasetId, sort, filters } = latest.current;
    const ids: number[] = [];
    for (let r = from; r < to; r++) {
      const id = cache.get(r)?.rowId;
      if (id === undefined) break;
      ids.push(id);
    }
    if (ids.length === to - from) return ids;
    const out = await client.call('rows.ids', { datasetId, sort, filters, offset: from, limit: Math.min(MAX_EDIT_ROWS, to - from) });
    const all: number[] = [];
    for (const r of out.runs) {
      if (typeof r === 'number') all.push(r);
      else for (let id = r[0]; id <= r[1]; id++) all.push(id);
    }
    return all;
  }, []);

  const run = useCallback(
    async (operation: CleanOperationIn, done: string) => {
      const { client, datasetId, setNotice } = latest.current;
      setNotice(t('edit.working'));
      try {
        const out = await client.call('clean.apply', { datasetId, operation });
        setNotice(`${done} · ${t('edit.step', { seq: out.step.seq })}`);
      } catch (e) {
        setNotice(toKequnError(e).messageZh);
      }
    },
    [t],
  );

  const columnsAt = (first: number, width: number): ColumnInfo[] => latest.current.shown.current.slice(first, first + width);

  const onCellEdited = useCallback(
    ([col, row]: Item, value: EditableGridCell) => {
      const c = latest.current.shown.current[col];
      if (!c || value.kind !== GridCellKind.Text) return;
      void (async () => {
        const [id] = await rowIdsOf(row, row + 1);
        if (id === undefined) return;
        await run({ op: 'editCells', columns: [c.key], rows: [id], values: [[value.data === '' ? null : value.data]] }, t('edit.edited', { column: c.name }));
      })();
    },
    [rowIdsOf, run, t],
  );

  const onPaste = useCallback(
    ([col, row]: Item, values: readonly (readonly string[])[]) => {
      const width = Math.max(0, ...values.map((r) => r.length));
      const cols = columnsAt(col, width);
      const height = Math.min(values.length, latest.current.rows - row);
      if (cols.length === 0 || height <= 0) return false;
      void (async () => {
        const ids = await rowIdsOf(row, row + height);
        const block = ids.map((_, i) => cols.map((_c, j) => (values[i]?.[j] ?? '') || null));
        await run({ op: 'editCells', columns: cols.map((c) => c.key), rows: toRuns(ids), values: block }, t('edit.pasted', { rows: formatNumber(ids.length), columns: cols.length }));
      })();
      // The engine writes the cells; the grid shows them when the dataset reports the change.
      return false;
    },
    [rowIdsOf, run, t],
  );

  const blockRuns = useCallback(
    async (ranges: [number, number][]): Promise<RowRun[]> => {
      const ids: number[] = [];
      for (const [s, e] of ranges) ids.push(...(await rowIdsOf(s, e)));
      return toRuns(ids);
    },
    [rowIdsOf],
  );

  const fillDown = useCallback(() => {
    const b = latest.current.block;
    const range = b?.rows[0];
    if (!b || !range) return;
    // Like Ctrl+D in Excel: a one-row selection copies the row above it.
    const [s, e] = fillRange(range);
    const cols = b.columns.map((i) => latest.current.shown.current[i]).filter((c): c is ColumnInfo => c !== undefined);
    if (cols.length === 0 || e - s < 2) return;
    void (async () => {
      await run({ op: 'fillDown', columns: cols.map((c) => c.key), rows: await blockRuns([[s, e]]) }, t('edit.filled', { rows: formatNumber(e - s - 1) }));
    })();
  }, [blockRuns, run, t]);

  const clearCells = useCallback(() => {
    const b = latest.current.block;
    if (!b) return;
    const cols = b.columns.map((i) => latest.current.shown.current[i]).filter((c): c is ColumnInfo => c !== undefined);
    const cells = cols.length * b.rows.reduce((n, [s, e]) => n + e - s, 0);
    if (cells > MAX_EDIT_CELLS) {
      latest.current.setNotice(t('edit.tooMany', { cells: formatNumber(cells), limit: formatNumber(MAX_EDIT_CELLS) }));
      return;
    }
    void (async () => {
      const ids: number[] = [];
      for (const [s, e] of b.rows) ids.push(...(await rowIdsOf(s, e)));
      const values = ids.map(() => cols.map(() => null));
      await run({ op: 'editCells', columns: cols.map((c) => c.key), rows: toRuns(ids), values }, t('edit.cleared', { cells: formatNumber(ids.length * cols.length) }));
    })();
  }, [rowIdsOf, run, t]);

  const deleteRows = useCallback(() => {
    const b = latest.current.block;
    if (!b) return;
    void (async () => {
      const runs = await blockRuns(b.rows);
      await run({ op: 'deleteRows', rows: runs }, t('edit.deleted', { rows: formatNumber(b.rows.reduce((n, [s, e]) => n + e - s, 0)) }));
    })();
  }, [blockRuns, run, t]);

  const insertRows = useCallback(
    (row: number, position: 'above' | 'below') => {
      const { block, sort, filters } = latest.current;
      // Inside the selection: as many rows as it has, next to it (Excel's insert on selected rows).
      const [s, e] = block?.rows.find(([a, b]) => row >= a && row < b) ?? [row, row + 1];
      const count = Math.min(MAX_INSERT_ROWS, e - s);
      const anchor = position === 'above' ? s : e - 1;
      const reordered = sort.length > 0 || filters.length > 0;
      void (async () => {
        const [id] = await rowIdsOf(anchor, anchor + 1);
        if (id === undefined) return;
        await run({ op: 'insertRows', at: id, position, count }, t(reordered ? 'edit.insertedElsewhere' : 'edit.inserted', { rows: formatNumber(count) }));
      })();
    },
    [rowIdsOf, run, t],
  );

  const editCell = useCallback(
    (col: number, row: number, text: string) => onCellEdited([col, row], { kind: GridCellKind.Text, data: text, displayData: text, allowOverlay: true }),
    [onCellEdited],
  );

  const history = useCallback(
    async (method: 'clean.undo' | 'clean.redo') => {
      const { client, datasetId, setNotice } = latest.current;
      try {
        const h = await client.call(method, { datasetId });
        setNotice(t(method === 'clean.undo' ? 'edit.undone' : 'edit.redone', { steps: h.steps.filter((s) => s.state === 'applied').length }));
      } catch (e) {
        setNotice(toKequnError(e).messageZh);
      }
    },
    [t],
  );

  return {
    onCellEdited,
    onPaste,
    fillDown,
    clearCells,
    deleteRows,
    insertRows,
    editCell,
    undo: useCallback(() => void history('clean.undo'), [history]),
    redo: useCallback(() => void history('clean.redo'), [history]),
  };
}

/** A fill-down range: one row means "from the row above". */
function fillRange([s, e]: [number, number]): [number, number] {
  return e - s === 1 && s > 0 ? [s - 1, e] : [s, e];
}
