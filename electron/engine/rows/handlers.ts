import type { EngineHandlers } from '../host/context';
import { resolveDataset } from './dataset-ref';
import { distinctValues } from './distinct';
import { findCell } from './find';
import { readPage } from './page-reader';
import { columnStats } from './stats';
import { getView } from './view-cache';

type RowsMethods = 'rows.page' | 'rows.count' | 'rows.distinct' | 'rows.stats' | 'rows.find' | 'rows.rowIndexOf';

export const rowsHandlers = {
  'rows.page': (p, ctx) => {
    const store = ctx.store();
    const ref = resolveDataset(store, p.datasetId);
    const view = getView(store, ref, p.sort, p.filters);
    const keys = p.columns ?? ref.info.columns.map((c) => c.key);
    return readPage(store, ref, view, p.offset, p.limit, keys);
  },
  'rows.count': (p, ctx) => {
    const store = ctx.store();
    const ref = resolveDataset(store, p.datasetId);
    return { totalRows: ref.info.rowCount, filteredRows: getView(store, ref, p.sort, p.filters).length };
  },
  'rows.distinct': (p, ctx) => {
    const store = ctx.store();
    return distinctValues(store, resolveDataset(store, p.datasetId), p.column, p.filters, p.search, p.limit);
  },
  'rows.stats': (p, ctx) => columnStats(ctx, resolveDataset(ctx.store(), p.datasetId), p.column, p.filters, p.bins, p.top),
  'rows.find': (p, ctx) => {
    const store = ctx.store();
    const ref = resolveDataset(store, p.datasetId);
    const view = getView(store, ref, p.sort, p.filters);
    return findCell(store, ref, view, p.filters, {
      text: p.text,
      from: p.from,
      direction: p.direction,
      columns: p.columns ?? ref.info.columns.map((c) => c.key),
      caseSensitive: p.caseSensitive,
      wrap: p.wrap,
    });
  },
  'rows.rowIndexOf': (p, ctx) => {
    const store = ctx.store();
    const ref = resolveDataset(store, p.datasetId);
    return { index: getView(store, ref, p.sort, p.filters).positionOf(p.rowId) };
  },
} satisfies Pick<EngineHandlers, RowsMethods>;
