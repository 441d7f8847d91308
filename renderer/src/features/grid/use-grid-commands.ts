import { useMemo } from 'react';
import { useViewCommands, type ViewCommand, type ViewCommands } from '../../app/view-commands';

/** What the grid can do right now; null = not possible (nothing selected, nothing to clear). */
export interface GridActions {
  copy: (() => void) | null;
  find: () => void;
  sort: ((dir: 'asc' | 'desc') => void) | null;
  filterByValue: (() => void) | null;
  clearFilters: (() => void) | null;
  clearSort: (() => void) | null;
  columnStats: (() => void) | null;
  exportView: () => void;
}

const command = (run: (() => void) | null): ViewCommand => ({ run: run ?? (() => undefined), enabled: run !== null });

/** Publishes the grid's actions to the ribbon (复制, 查找, 排序, 筛选, 列统计, 导出) for this tab. */
export function useGridCommands(tabId: string, a: GridActions): void {
  const { copy, find, sort, filterByValue, clearFilters, clearSort, columnStats, exportView } = a;
  const commands = useMemo<ViewCommands>(
    () => ({
      copy: command(copy),
      find: command(find),
      sortAsc: command(sort ? () => sort('asc') : null),
      sortDesc: command(sort ? () => sort('desc') : null),
      filterByValue: command(filterByValue),
      clearFilters: command(clearFilters),
      clearSort: command(clearSort),
      columnStats: command(columnStats),
      export: command(exportView),
    }),
    [copy, find, sort, filterByValue, clearFilters, clearSort, columnStats, exportView],
  );
  useViewCommands(tabId, commands);
}
