import type { CrosstabSpec } from '../../../shared/contract/analyze';
import type { DatasetInfo } from '../../../shared/contract/datasets';
import type { ProjectStore } from '../store/project-store';
import { categoryColumn, groupedColumn, numericColumn, type GroupedColumn } from './columns';
import { filterMask } from './filters';
import { joinRowCodes } from './join';

/** Fact rows resolved to (row label code, column label code), plus what each row measures. */
export interface FactTable {
  rowField: GroupedColumn;
  colField: GroupedColumn;
  /** Row label code per fact row: ≥ 0 a label, -1 blank label, -2 no matching customer. */
  rowOf: Int32Array;
  colOf: Int32Array;
  mask: Uint8Array | null;
  amount: Float64Array | null;
  /** Customer key codes for distinct counts. */
  distinctKey: Int32Array | null;
  distinctLabels: number;
}

/** Reads the row field, the column field and the measure of a cross-tab spec as typed arrays. */
export function factTable(store: ProjectStore, spec: CrosstabSpec): FactTable {
  const rowsDs = store.getDataset(spec.datasetId);
  const rowField = groupedColumn(store, rowsDs, spec.rows);
  if (!spec.facts) {
    const colField = groupedColumn(store, rowsDs, spec.cols);
    const distinct = spec.measure.kind === 'customers' && spec.measure.column ? categoryColumn(store, rowsDs, spec.measure.column) : null;
    return {
      rowField,
      colField,
      rowOf: rowField.codes,
      colOf: colField.codes,
      mask: filterMask(store, rowsDs, spec.filters),
      amount: amountOf(store, rowsDs, spec),
      // Without a key, each row of the dataset is one customer.
      distinctKey: distinct?.codes ?? null,
      distinctLabels: distinct?.labels.length ?? 0,
    };
  }
  const factsDs = store.getDataset(spec.facts.datasetId);
  const colField = groupedColumn(store, factsDs, spec.cols);
  const rowOf = joinRowCodes(store, rowsDs, rowField, spec.facts.rowsKey ?? spec.facts.key, factsDs, spec.facts.key);
  const factKey = categoryColumn(store, factsDs, spec.facts.key);
  const distinct = spec.measure.kind === 'customers' ? (spec.measure.column ? categoryColumn(store, factsDs, spec.measure.column) : factKey) : null;
  return {
    rowField,
    colField,
    rowOf,
    colOf: colField.codes,
    mask: filterMask(store, factsDs, spec.filters),
    amount: amountOf(store, factsDs, spec),
    distinctKey: distinct?.codes ?? null,
    distinctLabels: distinct?.labels.length ?? 0,
  };
}

function amountOf(store: ProjectStore, ds: DatasetInfo, spec: CrosstabSpec): Float64Array | null {
  return spec.measure.kind === 'sum' ? numericColumn(store, ds, spec.measure.column).values : null;
}
