import '@glideapps/glide-data-grid/dist/index.css';
import './grid.css';
import {
  DataEditor,
  GridCellKind,
  type DataEditorRef,
  type GridCell,
  type GridColumn,
  type GridMouseEventArgs,
  type GridSelection,
  type Item,
  type Rectangle,
} from '@glideapps/glide-data-grid';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatasetInfo } from '../../../../shared/contract/datasets';
import type { FilterSpec, SortSpec } from '../../../../shared/contract/rows';
import { useEngine } from '../../app/engine-context';
import { useQuery } from '../../app/use-call';
import type { ViewProps } from '../../app/view-registry';
import { useWorkspace } from '../../app/workspace';
import { ErrorBanner } from '../../components/error-banner';
import { editText, formatCell, isNumericColumn } from './cell-format';
import { FormatDialog } from './format-dialog';
import { useGridEdits } from './use-grid-edits';
import { useGridFind } from './use-grid-find';
import { EDITOR_PROPS, EMPTY_SELECTION, initialFilters } from './grid-editor-props';
import { useSelectionSummary, useStatusText } from './use-selection-summary';
import { CellBar } from './cell-bar';
import { WhyButton } from '../models/why-button';
import { CellMenu, RowMenu } from './cell-menu';
import { ImeEditor, useImeTyping } from './ime-editor';
import { useGridKeys } from './use-grid-keys';
import { ColumnMenu } from './column-menu';
import { selectionBlock } from './copy-selection';
import { useCopySelection } from './use-copy-selection';
import { FindBar } from './find-bar';
import { ExportButton } from '../report/export-button';
import { GridToolbar } from './grid-toolbar';
import { FILTERED_HEADER, INVALID_THEME, LOADING_CELL, MISSING_CELL } from './grid-theme';
import { HeaderTip } from './header-tip';
import { typeIcon } from './header-icons';
import { StatsPanel } from './stats-panel';
import type { GridParams } from './grid-params';
import { GRID_NS } from './strings';
import { useColumnLayout } from './use-column-layout';
import { useGridCommands } from './use-grid-commands';
import type { CachedRow } from './row-cache';
import { useRowSource } from './use-row-source';

/** The grid view: any dataset, a million rows, fetched from the engine a window at a time. */
export function GridView({ tabId, datasetId, params }: ViewProps<GridParams>) {
  const { t } = useTranslation(GRID_NS);
  const q = useQuery('datasets.get', { datasetId: datasetId ?? '' }, { enabled: datasetId !== null });
  if (q.error) return <ErrorBanner error={q.error} />;
  if (!q.data) return <div className="k-view-loading">{t('loading')}</div>;
  return <DatasetGrid key={q.data.id} tabId={tabId} ds={q.data} initialFilters={initialFilters(params.filters ?? [])} />;
}

function DatasetGrid({ tabId, ds, initialFilters: startFilters }: { tabId: string; ds: DatasetInfo; initialFilters: Record<string, FilterSpec> }) {
  const { t } = useTranslation(GRID_NS);
  const client = useEngine();
  const workspace = useWorkspace();
  const layout = useColumnLayout(ds.columns);
  const [sort, setSort] = useState<SortSpec[]>([]);
  const [filterMap, setFilterMap] = useState<Record<string, FilterSpec>>(startFilters);
  const filters = useMemo(() => Object.values(filterMap), [filterMap]);
  const gridRef = useRef<DataEditorRef | null>(null);
  const visible = useRef<Rectangle>({ x: 0, y: 0, width: 1, height: 40 });
  const shown = useRef(layout.visible);
  shown.current = layout.visible;
  const columnCount = useCallback(() => shown.current.length, []);
  const canvasBox = useRef<HTMLDivElement | null>(null);
  const source = useRowSource({ datasetId: ds.id, version: `${ds.updatedAt}:${ds.rowCount}`, sort, filters, gridRef, visible, columnCount, box: canvasBox });
  const rows = source.counts?.filtered ?? ds.rowCount;
  const total = source.counts?.total ?? ds.rowCount;
  const [selection, setSelection] = useState<GridSelection>(EMPTY_SELECTION);
  const [menu, setMenu] = useState<{ key: string; x: number; y: number } | null>(null);
  const [cellMenu, setCellMenu] = useState<{ col: number; row: number; x: number; y: number } | null>(null);
  const [rowMenu, setRowMenu] = useState<{ row: number; x: number; y: number } | null>(null);
  const [exportOpen, setExportOpen] = useState(false);
  const [statsKey, setStatsKey] = useState<string | null>(null);
  const [findOpen, setFindOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [tip, setTip] = useState<{ key: string; x: number; y: number } | null>(null);
  const [formatKey, setFormatKey] = useState<string | null>(null);
  const colIndex = useMemo(() => new Map(ds.columns.map((c, i) => [c.key, i])), [ds.columns]);
  const yesNo = useMemo(() => ({ yes: t('yes'), no: t('no') }), [t]);

  const columns = useMemo<GridColumn[]>(
    () =>
      layout.visible.map((c) => {
        const si = sort.findIndex((s) => s.column === c.key);
        const mark = si < 0 ? '' : ` ${sort[si]!.dir === 'asc' ? '↑' : '↓'}${sort.length > 1 ? si + 1 : ''}`;
        return {
          id: c.key,
          title: `${c.name}${mark}`,
          width: layout.widthOf(c.key),
          icon: typeIcon(c.type),
          hasMenu: true,
          ...(filterMap[c.key] ? { themeOverride: FILTERED_HEADER } : {}),
        };
      }),
    [layout, sort, filterMap],
  );

  const cache = source.cache;
  // Formatted cells per fetched row, so redrawing a frame while scrolling formats nothing twice.
  const drawn = useMemo(() => new WeakMap<CachedRow, GridCell[]>(), [cache, yesNo]);
  const getCellContent = useCallback(
    ([col, row]: Item): GridCell => {
      const c = shown.current[col];
      const r = cache.get(row);
      if (!c || !r) return LOADING_CELL;
      const i = colIndex.get(c.key)!;
      let cells = drawn.get(r);
      if (!cells) drawn.set(r, (cells = []));
      const hit = cells[i];
      if (hit) return hit;
      const v = r.cells[i] ?? null;
      let cell: GridCell;
      if (v === null) cell = MISSING_CELL;
      else {
        const invalid = r.invalid?.has(i) ?? false;
        const text = formatCell(v, c, yesNo);
        cell = {
          kind: GridCellKind.Text,
          data: editText(v, c),
          displayData: text,
          allowOverlay: true,
          contentAlign: !invalid && isNumericColumn(c) ? 'right' : 'left',
          ...(invalid ? { themeOverride: INVALID_THEME } : {}),
        };
      }
      cells[i] = cell;
      return cell;
    },
    [cache, colIndex, yesNo, drawn],
  );

  // A new sort or filter starts at the top, like Excel after applying a filter.
  const viewKey = JSON.stringify([sort, filters]);
  useEffect(() => {
    gridRef.current?.scrollTo(0, 0, 'vertical');
    setSelection(EMPTY_SELECTION);
  }, [viewKey]);

  const block = useMemo(() => selectionBlock(selection, rows, layout.visible.length), [selection, rows, layout.visible.length]);
  const summary = useSelectionSummary(client, ds.id, sort, filters, layout.visible, block, `${ds.version}`);
  const edits = useGridEdits({ client, datasetId: ds.id, sort, filters, shown, cache: source.cache, block, rows, setNotice });
  const statusText = useStatusText(filters.length > 0, rows, total, block, summary);
  const { setSelectionText } = workspace;
  useEffect(() => {
    setSelectionText(tabId, statusText);
  }, [setSelectionText, tabId, statusText]);
  useEffect(() => () => setSelectionText(tabId, null), [setSelectionText, tabId]);

  const copy = useCopySelection({ client, datasetId: ds.id, sort, filters, shown: layout.visible, block, header: selection.columns.length > 0 }, setNotice);

  const { find, goTo, runFind } = useGridFind({ client, datasetId: ds.id, sort, filters, selection, keys: layout.visible.map((c) => c.key), setSelection, gridRef });

  const ime = useImeTyping({ selection, gridRef, editCell: edits.editCell, goTo, rows });
  const onKeyDownCapture = useGridKeys({
    selection,
    shown,
    gridRef,
    visible,
    copy,
    edits,
    typeText: ime.open,
    openFind: useCallback(() => setFindOpen(true), []),
    openColumnMenu: useCallback((key: string, x: number, y: number) => setMenu({ key, x, y }), []),
  });

  const onSortMenu = (key: string, mode: 'asc' | 'desc' | 'thenAsc' | 'thenDesc' | 'clear'): void => {
    if (mode === 'clear') setSort((s) => s.filter((x) => x.column !== key));
    else if (mode === 'asc' || mode === 'desc') setSort([{ column: key, dir: mode }]);
    else setSort((s) => [...s.filter((x) => x.column !== key), { column: key, dir: mode === 'thenAsc' ? 'asc' : 'desc' }]);
    setMenu(null);
  };
  const onFilterMenu = (key: string, spec: FilterSpec | null): void => {
    setFilterMap(({ [key]: _old, ...rest }) => (spec ? { ...rest, [key]: spec } : rest));
    setMenu(null);
  };
  // Excel's "filter by selected cell's value": the value as the engine holds it (missing = null).
  const filterByCell = useCallback(
    (col: number, row: number, negate: boolean) => {
      const c = shown.current[col];
      const r = cache.get(row);
      if (!c || !r) return;
      const value = r.cells[colIndex.get(c.key) ?? -1] ?? null;
      setFilterMap((m) => ({ ...m, [c.key]: { kind: 'oneOf', column: c.key, values: [value], negate } }));
    },
    [cache, colIndex],
  );
  const cellText = (col: number, row: number): string => {
    const c = shown.current[col];
    const r = cache.get(row);
    const v = c && r ? (r.cells[colIndex.get(c.key) ?? -1] ?? null) : null;
    return c && v !== null ? formatCell(v, c, yesNo) : '';
  };
  const sortBy = useCallback((key: string, dir: 'asc' | 'desc') => setSort([{ column: key, dir }]), []);
  const cursor = selection.current?.cell;
  useGridCommands(tabId, {
    copy: block ? () => void copy() : null,
    find: () => setFindOpen(true),
    sort: cursor && shown.current[cursor[0]] ? (dir) => sortBy(shown.current[cursor[0]]!.key, dir) : null,
    filterByValue: cursor ? () => filterByCell(cursor[0], cursor[1], false) : null,
    clearFilters: filters.length > 0 ? () => setFilterMap({}) : null,
    clearSort: sort.length > 0 ? () => setSort([]) : null,
    columnStats: cursor && shown.current[cursor[0]] ? () => setStatsKey(shown.current[cursor[0]]!.key) : null,
    exportView: () => setExportOpen(true),
  });

  const onItemHovered = useCallback((args: GridMouseEventArgs) => {
    if (args.kind === 'header') {
      const c = shown.current[args.location[0]];
      setTip(c ? { key: c.key, x: args.bounds.x, y: args.bounds.y + args.bounds.height } : null);
    } else setTip(null);
  }, []);

  const cursorCol = selection.current ? layout.visible[selection.current.cell[0]] : undefined;
  const menuCol = menu ? ds.columns.find((c) => c.key === menu.key) : undefined;
  const statsCol = statsKey ? ds.columns.find((c) => c.key === statsKey) : undefined;
  const tipCol = tip ? ds.columns.find((c) => c.key === tip.key) : undefined;
  const formatCol = formatKey ? ds.columns.find((c) => c.key === formatKey) : undefined;
  const selectedCol = selection.columns.first() ?? selection.current?.cell[0];
  const selectedKey = selectedCol === undefined ? undefined : layout.visible[selectedCol]?.key;

  return (
    <div
      className="k-grid"
      data-testid="grid"
      data-dataset-id={ds.id}
      data-ready={source.ready ? 'true' : 'false'}
      data-cursor={selection.current ? `${layout.visible[selection.current.cell[0]]?.key ?? ''}:${selection.current.cell[1]}` : ''}
      onKeyDownCapture={onKeyDownCapture}
      onCompositionStartCapture={ime.onCompositionStart}
      onCompositionEndCapture={ime.onCompositionEnd}
    >
      <GridToolbar
        layout={layout}
        sortCount={sort.length}
        filterCount={filters.length}
        notice={notice}
        onFind={() => setFindOpen(true)}
        onClearSort={() => setSort([])}
        onClearFilters={() => setFilterMap({})}
        onStats={selectedKey ? () => setStatsKey(selectedKey) : null}
      >
        <ExportButton
          target={{ kind: 'dataset', datasetId: ds.id, sort, filters, columns: layout.visible.map((c) => c.key), rows }}
          baseName={ds.name}
          testId="grid-export"
          open={exportOpen}
          onOpenChange={setExportOpen}
        />
        <WhyButton datasetId={ds.id} rowId={selection.current ? (cache.get(selection.current.cell[1])?.rowId ?? null) : null} />
      </GridToolbar>
      {findOpen ? <FindBar busy={find.busy} message={find.message} onFind={(x, d, cs) => void runFind(x, d, cs)} onClose={() => setFindOpen(false)} /> : null}
      {source.error ? <ErrorBanner error={source.error} /> : null}
      <CellBar
        cache={cache}
        col={cursorCol ?? null}
        colIndex={cursorCol ? (colIndex.get(cursorCol.key) ?? -1) : -1}
        row={selection.current ? selection.current.cell[1] : null}
      />
      <div className="k-grid__main">
        <div
          ref={canvasBox}
          className="k-grid__canvas"
          data-testid="grid-canvas"
          onMouseUp={(e) => {
            // A click on the grid takes the keyboard back (from the find box, a toolbar control), as in Excel.
            const active = document.activeElement;
            if (!active || !e.currentTarget.contains(active)) gridRef.current?.focus();
          }}
        >
          <DataEditor
            ref={gridRef}
            columns={columns}
            rows={rows}
            getCellContent={getCellContent}
            onVisibleRegionChanged={source.onVisibleRegionChanged}
            {...EDITOR_PROPS}
            rowMarkerWidth={Math.max(44, String(rows).length * 9 + 16)}
            freezeColumns={layout.frozen}
            gridSelection={selection}
            onGridSelectionChange={setSelection}
            onCellEdited={edits.onCellEdited}
            onPaste={edits.onPaste}
            onColumnResize={(col, size) => layout.resize(String(col.id), size)}
            onColumnMoved={(from, to) => layout.move(from, to)}
            onHeaderMenuClick={(col, b) => {
              const c = layout.visible[col];
              if (c) setMenu({ key: c.key, x: b.x, y: b.y + b.height });
            }}
            onHeaderContextMenu={(col, e) => {
              // Right-click on a header opens the same column menu as its ▾ (sort, filter, hide, statistics).
              e.preventDefault();
              const c = layout.visible[col];
              if (c) setMenu({ key: c.key, x: e.bounds.x + e.localEventX, y: e.bounds.y + e.localEventY });
            }}
            onCellContextMenu={([col, row], e) => {
              e.preventDefault();
              // The row number (col -1): Excel's row menu, insert above/below and delete.
              if (col < 0 && row >= 0) setRowMenu({ row, x: e.bounds.x + e.localEventX, y: e.bounds.y + e.localEventY });
              if (row < 0 || !layout.visible[col]) return;
              // Like Excel: a right-click outside the selection selects that cell first.
              const r = selection.current?.range;
              const inside = r && col >= r.x && col < r.x + r.width && row >= r.y && row < r.y + r.height;
              if (!inside) goTo(col, row);
              setCellMenu({ col, row, x: e.bounds.x + e.localEventX, y: e.bounds.y + e.localEventY });
            }}
            onItemHovered={onItemHovered}
          />
        </div>
        {statsCol ? <StatsPanel datasetId={ds.id} col={statsCol} filters={filters} onClose={() => setStatsKey(null)} /> : null}
      </div>
      <div className="k-grid__footer" data-testid="grid-status" data-filtered-rows={rows} data-total-rows={total}>
        {statusText}
        {sort.length > 0 ? <span className="k-muted"> · {t('toolbar.sortedBy', { columns: sort.map((s) => ds.columns.find((c) => c.key === s.column)?.name ?? s.column).join(', ') })}</span> : null}
      </div>
      {menu && menuCol ? (
        <ColumnMenu
          datasetId={ds.id}
          col={menuCol}
          x={menu.x}
          y={menu.y}
          sort={sort}
          filter={filterMap[menu.key]}
          otherFilters={filters.filter((f) => f.column !== menu.key)}
          onSort={(mode) => onSortMenu(menu.key, mode)}
          onFilter={(spec) => onFilterMenu(menu.key, spec)}
          onHide={() => {
            layout.setHidden(menu.key, true);
            setMenu(null);
          }}
          onStats={() => {
            setStatsKey(menu.key);
            setMenu(null);
          }}
          onFormat={() => {
            setFormatKey(menu.key);
            setMenu(null);
          }}
          onClose={() => setMenu(null)}
        />
      ) : null}
      {formatCol ? <FormatDialog datasetId={ds.id} col={formatCol} onClose={() => setFormatKey(null)} /> : null}
      {tip && tipCol && !menu ? <HeaderTip col={tipCol} x={tip.x} y={tip.y} /> : null}
      {cellMenu && layout.visible[cellMenu.col] ? (
        <CellMenu
          at={{ x: cellMenu.x, y: cellMenu.y }}
          columnName={layout.visible[cellMenu.col]!.name}
          valueText={cellText(cellMenu.col, cellMenu.row)}
          onClose={() => {
            // The keyboard goes back to the grid (Ctrl+Z right after 删除行), as in Excel.
            setCellMenu(null);
            gridRef.current?.focus();
          }}
          actions={{
            copy: () => void copy(),
            filterByValue: (negate) => filterByCell(cellMenu.col, cellMenu.row, negate),
            sort: (dir) => sortBy(layout.visible[cellMenu.col]!.key, dir),
            stats: () => setStatsKey(layout.visible[cellMenu.col]!.key),
            hide: () => layout.setHidden(layout.visible[cellMenu.col]!.key, true),
            find: () => setFindOpen(true),
            exportView: () => setExportOpen(true),
            fillDown: edits.fillDown,
            clear: edits.clearCells,
            deleteRows: edits.deleteRows,
            insertRows: (position) => edits.insertRows(cellMenu.row, position),
            format: () => setFormatKey(layout.visible[cellMenu.col]!.key),
          }}
        />
      ) : null}
      {rowMenu ? (
        <RowMenu
          at={{ x: rowMenu.x, y: rowMenu.y }}
          row={rowMenu.row}
          onClose={() => {
            setRowMenu(null);
            gridRef.current?.focus();
          }}
          actions={{ deleteRows: edits.deleteRows, insertRows: (position) => edits.insertRows(rowMenu.row, position) }}
        />
      ) : null}
      {ime.cell ? <ImeEditor key={`${ime.cell.col}:${ime.cell.row}`} ime={ime} /> : null}
    </div>
  );
}
