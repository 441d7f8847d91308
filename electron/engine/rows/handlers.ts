import type { EngineHandlers } from '../host/context';
import { distinctValues } from './distinct';
import { findCell } from './find';
import { readPage } from './page-reader';
import { aggregateSelection, dateTree, viewRowIds } from './selection';
import { columnStats } from './stats';
import { getView } from './view-cache';

type RowsMethods = 'rows.page' | 'rows.count' | 'rows.distinct' | 'rows.stats' | 'rows.find' | 'rows.rowIndexOf' | 'rows.ids' | 'rows.aggregate' | 'rows.dateTree';

export const rowsHandlers = {
  'rows.page': (p, ctx) => {
    const store = ctx.store();
    const snapshot = store.snapshot(p.datasetId);
    const view = getView(store, snapshot, p.sort, p.filters);
    const keys = p.columns ?? snapshot.info.columns.map((c) => c.key);
    return readPage(snapshot, view, p.offset, p.limit, keys);
  },
  'rows.count': (p, ctx) => {
    const store = ctx.store();
    const snapshot = store.snapshot(p.datasetId);
    return { totalRows: snapshot.rowCount, filteredRows: getView(store, snapshot, p.sort, p.filters).length };
  },
  'rows.distinct': (p, ctx) => {
    const store = ctx.store();
    return distinctValues(store.snapshot(p.datasetId), p.column, p.filters, p.search, p.limit, store.cache);
  },
  'rows.stats': (p, ctx) => columnStats(ctx, ctx.store().snapshot(p.datasetId), p.column, p.filters, p.bins, p.top),
  'rows.find': (p, ctx) => {
    const store = ctx.store();
    const snapshot = store.snapshot(p.datasetId);
    const view = getView(store, snapshot, p.sort, p.filters);
    return findCell(snapshot, view, {
      text: p.text,
      from: p.from,
      direction: p.direction,
      columns: p.columns ?? snapshot.info.columns.map((c) => c.key),
      caseSensitive: p.caseSensitive,
      wrap: p.wrap,
    });
  },
  'rows.rowIndexOf': (p, ctx) => {
    const store = ctx.store();
    const snapshot = store.snapshot(p.datasetId);
    const pos = snapshot.positionOf(p.rowId);
    return { index: pos === null ? null : getView(store, snapshot, p.sort, p.filters).indexOfPosition(pos) };
  },
  'rows.ids': (p, ctx) => {
    const store = ctx.store();
    const snapshot = store.snapshot(p.datasetId);
    return viewRowIds(snapshot, getView(store, snapshot, p.sort, p.filters), p.offset, p.limit);
  },
  'rows.aggregate': (p, ctx) => {
    const store = ctx.store();
    const snapshot = store.snapshot(p.datasetId);
    // The snapshot is immutable: awaiting checkpoints while reading it is safe.
    return aggregateSelection(snapshot, getView(store, snapshot, p.sort, p.filters), p.blocks, () => ctx.checkpoint());
  },
  'rows.dateTree': (p, ctx) => dateTree(ctx.store().snapshot(p.datasetId), p.column, p.filters),
} satisfies Pick<EngineHandlers, RowsMethods>;
