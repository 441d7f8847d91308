import { CompactSelection, type DataEditorRef, type GridSelection } from '@glideapps/glide-data-grid';
import { useCallback, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { FilterSpec, SortSpec } from '../../../../shared/contract/rows';
import type { EngineClient } from '../../../../shared/rpc/client';
import { toKequnError } from '../../app/use-call';
import { GRID_NS } from './strings';

interface GridFindInputs {
  client: EngineClient;
  datasetId: string;
  sort: SortSpec[];
  filters: FilterSpec[];
  selection: GridSelection;
  /** The visible columns' keys, in display order. */
  keys: string[];
  setSelection: (s: GridSelection) => void;
  gridRef: RefObject<DataEditorRef | null>;
}

/** Find (Ctrl+F) over the sorted, filtered view: the engine searches, the grid moves to the hit. */
export function useGridFind({ client, datasetId, sort, filters, selection, keys, setSelection, gridRef }: GridFindInputs) {
  const { t } = useTranslation(GRID_NS);
  const [find, setFind] = useState<{ busy: boolean; message: string | null }>({ busy: false, message: null });
  const [atCol, atRow] = selection.current?.cell ?? [];
  const goTo = useCallback(
    (col: number, row: number) => {
      setSelection({ current: { cell: [col, row], range: { x: col, y: row, width: 1, height: 1 }, rangeStack: [] }, columns: CompactSelection.empty(), rows: CompactSelection.empty() });
      // The grid scrolls to a cell selected from outside by itself; scrolling here too moved the view
      // twice as far (find's first hit at row 856 showed rows 1675–1693). Only an unchanged cell needs it.
      if (atCol === col && atRow === row) gridRef.current?.scrollTo(col, row);
    },
    [gridRef, setSelection, atCol, atRow],
  );

  const runFind = useCallback(
    async (text: string, direction: 'next' | 'prev', caseSensitive: boolean) => {
      const cell = selection.current?.cell;
      const from = cell && keys[cell[0]] ? { row: cell[1], column: keys[cell[0]]! } : undefined;
      setFind({ busy: true, message: null });
      try {
        const r = await client.call('rows.find', { datasetId, sort, filters, text, direction, columns: keys, caseSensitive, ...(from ? { from } : {}) });
        if (!r.found) setFind({ busy: false, message: t('find.notFound', { text }) });
        else {
          goTo(keys.indexOf(r.found.column), r.found.row);
          setFind({ busy: false, message: r.wrapped ? t('find.wrapped') : null });
        }
      } catch (e) {
        setFind({ busy: false, message: toKequnError(e).messageZh });
      }
    },
    [selection, keys, client, datasetId, sort, filters, goTo, t],
  );
  return { find, goTo, runFind };
}
