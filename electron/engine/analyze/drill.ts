import type { PivotField, PivotSpec } from '../../../shared/contract/analyze';
import type { FilterSpec } from '../../../shared/contract/rows';
import type { DatasetInfo } from '../../../shared/contract/datasets';
import { KequnError } from '../../../shared/contract/errors';
import { resolveColumn } from '../store/column-reader';
import type { ProjectStore } from '../store/project-store';
import { BLANK_LABEL } from './axis';
import { groupedColumn } from './columns';
import { countMask, filterMask } from './filters';

/**
 * Drill-down: the filter list that selects exactly the rows behind a pivot cell — the spec's own
 * filters plus one condition per fixed row/column field (a period becomes a date range). The grid
 * takes this list as is (rows.page), so the user sees the rows and can export them.
 */
export function drillFilters(store: ProjectStore, datasetId: string, spec: PivotSpec, rowPath: string[], colPath: string[]): { datasetId: string; filters: FilterSpec[]; rowCount: number } {
  const ds = store.getDataset(datasetId);
  if (rowPath.length > spec.rows.length || colPath.length > spec.cols.length) {
    throw new KequnError('ANALYSIS_INVALID', 'The cell path is longer than the pivot has fields', {
      zh: '单元格路径超过了透视表的字段数',
      details: { rowPath, colPath },
    });
  }
  const filters: FilterSpec[] = [...spec.filters];
  rowPath.forEach((label, l) => filters.push(fieldFilter(store, ds, spec.rows[l]!, label)));
  colPath.forEach((label, l) => filters.push(fieldFilter(store, ds, spec.cols[l]!, label)));
  const mask = filterMask(store, ds, filters);
  return { datasetId: ds.id, filters, rowCount: countMask(mask, ds.rowCount) };
}

function fieldFilter(store: ProjectStore, ds: DatasetInfo, field: PivotField, label: string): FilterSpec {
  const column = resolveColumn(ds.columns, field.column).key;
  if (label === BLANK_LABEL) return { kind: 'empty', column };
  const grouped = groupedColumn(store, ds, field);
  const code = grouped.labels.indexOf(label);
  if (code < 0) {
    throw new KequnError('ANALYSIS_INVALID', `No rows have "${label}" in this field`, {
      zh: `该字段中没有“${label}”`,
      details: { column: field.column, label },
    });
  }
  const match = grouped.matches[code]!;
  // Date bounds are inclusive in the grid's filter: the period ends 1 ms before the next one.
  return 'value' in match ? { kind: 'oneOf', column, values: [match.value], negate: false } : { kind: 'dateRange', column, from: match.min, to: match.max - 1 };
}
