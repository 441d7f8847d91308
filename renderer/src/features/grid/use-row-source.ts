import type { DataEditorRef, Rectangle } from '@glideapps/glide-data-grid';
import { useCallback, useEffect, useMemo, useState, type RefObject } from 'react';
import type { FilterSpec, SortSpec } from '../../../../shared/contract/rows';
import { useEngine, useEngineState } from '../../app/engine-context';
import { RowWindowCache } from './row-cache';

export interface RowSource {
  cache: RowWindowCache;
  /** Counts of the current view once its first page arrived, else the last known ones. */
  counts: { filtered: number; total: number } | null;
  /** True once the current view (sort + filters) has answered. */
  ready: boolean;
  error: unknown;
  /** The grid's scroll handler: fetches what comes into view. */
  onVisibleRegionChanged: (range: Rectangle) => void;
}

export interface RowSourceOptions {
  datasetId: string;
  /** Changes whenever the dataset's data changes (updatedAt): retires cached windows. */
  version: string;
  sort: SortSpec[];
  filters: FilterSpec[];
  gridRef: RefObject<DataEditorRef | null>;
  visible: RefObject<Rectangle>;
  /** The grid's box: carries the rows in view (data-visible-rows="first:count") for whoever checks what is on screen. */
  box: RefObject<HTMLElement | null>;
  /** Number of shown columns (to repaint arrived rows across the screen). */
  columnCount: () => number;
}

/**
 * The grid's window onto the engine: one RowWindowCache per view, repainting exactly the
 * visible cells of each page that arrives.
 */
export function useRowSource(o: RowSourceOptions): RowSource {
  const client = useEngine();
  // A reconnect (engine restarted) starts a fresh cache: in-flight windows died with the old engine.
  const { epoch } = useEngineState();
  const viewKey = JSON.stringify([o.datasetId, o.version, o.sort, o.filters, epoch]);
  const [counts, setCounts] = useState<{ key: string; filtered: number; total: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { gridRef, visible, columnCount, box } = o;

  const cache = useMemo(() => {
    const [datasetId, , sort, filters] = JSON.parse(viewKey) as [string, string, SortSpec[], FilterSpec[], number];
    const c: RowWindowCache = new RowWindowCache(
      (offset, limit, signal) => client.call('rows.page', { datasetId, sort, filters, offset, limit }, { signal }),
      (first, count, countsChanged) => {
        if (countsChanged) {
          setCounts({ key: viewKey, filtered: c.filteredRows ?? 0, total: c.totalRows ?? 0 });
          setError(null);
        }
        const grid = gridRef.current;
        const v = visible.current;
        if (!grid || !v) return;
        const lo = Math.max(first, v.y);
        const hi = Math.min(first + count, v.y + v.height + 1);
        const cells: { cell: [number, number] }[] = [];
        const cols = columnCount();
        for (let r = lo; r < hi; r++) for (let x = 0; x < cols; x++) cells.push({ cell: [x, r] });
        if (cells.length > 0) grid.updateCells(cells);
      },
      (e) => setError(e),
    );
    return c;
  }, [client, viewKey, gridRef, visible, columnCount]);

  useEffect(() => {
    const v = visible.current;
    cache.activate();
    cache.ensure(v?.y ?? 0, (v?.y ?? 0) + (v?.height ?? 50));
    return () => cache.dispose();
  }, [cache, visible]);

  const onVisibleRegionChanged = useCallback(
    (range: Rectangle) => {
      visible.current = range;
      cache.ensure(range.y, range.y + range.height);
      box.current?.setAttribute('data-visible-rows', `${range.y}:${range.height}`);
    },
    [cache, visible, box],
  );

  return {
    onVisibleRegionChanged,
    cache,
    counts: counts ? { filtered: counts.filtered, total: counts.total } : null,
    ready: counts?.key === viewKey,
    error,
  };
}
