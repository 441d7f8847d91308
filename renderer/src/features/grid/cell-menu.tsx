import { useTranslation } from 'react-i18next';
import { Menu } from '../../components/menu';
import { GRID_NS } from './strings';

export interface CellMenuActions {
  copy: () => void;
  filterByValue: (negate: boolean) => void;
  sort: (dir: 'asc' | 'desc') => void;
  stats: () => void;
  hide: () => void;
  find: () => void;
  exportView: () => void;
  fillDown: () => void;
  clear: () => void;
  deleteRows: () => void;
  insertRows: (position: 'above' | 'below') => void;
  format: () => void;
}

/**
 * Right-click on a cell, with Excel's choices: copy, fill down, clear, insert and delete rows (each edit a
 * recorded cleaning step), filter by (or without) this value, sort, number format, statistics,
 * hide, find, export.
 */
export function CellMenu({ at, columnName, valueText, actions, onClose }: { at: { x: number; y: number }; columnName: string; valueText: string; actions: CellMenuActions; onClose: () => void }) {
  const { t } = useTranslation(GRID_NS);
  const shown = valueText === '' ? t('menu.blank') : valueText.length > 24 ? `${valueText.slice(0, 24)}…` : valueText;
  return (
    <Menu
      at={at}
      header={columnName}
      testId="cell-menu"
      onClose={onClose}
      items={[
        { id: 'copy', label: t('cellMenu.copy'), hint: 'Ctrl+C', onSelect: actions.copy },
        { id: 'fill-down', label: t('cellMenu.fillDown'), hint: 'Ctrl+D', onSelect: actions.fillDown },
        { id: 'clear', label: t('cellMenu.clear'), hint: 'Delete', onSelect: actions.clear },
        { id: 'insert-above', label: t('cellMenu.insertAbove'), separatorBefore: true, onSelect: () => actions.insertRows('above') },
        { id: 'insert-below', label: t('cellMenu.insertBelow'), onSelect: () => actions.insertRows('below') },
        { id: 'delete-rows', label: t('cellMenu.deleteRows'), onSelect: actions.deleteRows },
        { id: 'filter-value', label: t('cellMenu.filterValue', { value: shown }), separatorBefore: true, onSelect: () => actions.filterByValue(false) },
        { id: 'filter-not-value', label: t('cellMenu.filterNotValue', { value: shown }), onSelect: () => actions.filterByValue(true) },
        { id: 'sort-asc', label: t('menu.sortAsc'), separatorBefore: true, onSelect: () => actions.sort('asc') },
        { id: 'sort-desc', label: t('menu.sortDesc'), onSelect: () => actions.sort('desc') },
        { id: 'format', label: t('cellMenu.format'), separatorBefore: true, onSelect: actions.format },
        { id: 'stats', label: t('menu.stats'), onSelect: actions.stats },
        { id: 'hide', label: t('menu.hide'), onSelect: actions.hide },
        { id: 'find', label: t('cellMenu.find'), hint: 'Ctrl+F', separatorBefore: true, onSelect: actions.find },
        { id: 'export', label: t('cellMenu.export'), onSelect: actions.exportView },
      ]}
    />
  );
}

/** Right-click on a row number: Excel's row choices (each a recorded, undoable cleaning step). */
export function RowMenu({ at, row, actions, onClose }: { at: { x: number; y: number }; row: number; actions: Pick<CellMenuActions, 'insertRows' | 'deleteRows'>; onClose: () => void }) {
  const { t } = useTranslation(GRID_NS);
  return (
    <Menu
      at={at}
      header={t('cellMenu.rowHeader', { row: row + 1 })}
      testId="row-menu"
      onClose={onClose}
      items={[
        { id: 'insert-above', label: t('cellMenu.insertAbove'), onSelect: () => actions.insertRows('above') },
        { id: 'insert-below', label: t('cellMenu.insertBelow'), onSelect: () => actions.insertRows('below') },
        { id: 'delete-rows', label: t('cellMenu.deleteRows'), separatorBefore: true, onSelect: actions.deleteRows },
      ]}
    />
  );
}
