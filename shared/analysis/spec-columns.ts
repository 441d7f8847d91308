import type { PivotField, PivotSpec, PivotValue } from '../contract/analyze';
import type { ColumnInfo } from '../contract/datasets';

/**
 * Saved pivots name their fields by column name (as Excel's PivotTable does), so a spec saved on
 * this month's file re-runs on next month's import, whose column keys may differ. The UI edits
 * specs by key; these two functions convert between the forms.
 */
export function specWithNames(spec: PivotSpec, columns: readonly ColumnInfo[]): PivotSpec {
  const name = (keyOrName: string): string => columns.find((c) => c.key === keyOrName)?.name ?? keyOrName;
  return {
    ...spec,
    rows: spec.rows.map((f) => ({ ...f, column: name(f.column) })),
    cols: spec.cols.map((f) => ({ ...f, column: name(f.column) })),
    values: spec.values.map((v) => (v.column === undefined ? v : { ...v, column: name(v.column) })),
  };
}

/**
 * The spec with this dataset's column keys; `missing` lists names it does not have. Filters hold
 * column keys of the dataset they were made on, so they are kept only on that same dataset.
 */
export function specWithKeys(spec: PivotSpec, columns: readonly ColumnInfo[], sameDataset: boolean): { spec: PivotSpec; missing: string[] } {
  const missing: string[] = [];
  const key = (keyOrName: string): string => {
    const col = columns.find((c) => c.key === keyOrName) ?? columns.find((c) => c.name === keyOrName);
    if (!col) missing.push(keyOrName);
    return col?.key ?? keyOrName;
  };
  const field = (f: PivotField): PivotField => ({ ...f, column: key(f.column) });
  const value = (v: PivotValue): PivotValue => (v.column === undefined ? v : { ...v, column: key(v.column) });
  return {
    spec: { ...spec, rows: spec.rows.map(field), cols: spec.cols.map(field), values: spec.values.map(value), filters: sameDataset ? spec.filters : [] },
    missing,
  };
}
