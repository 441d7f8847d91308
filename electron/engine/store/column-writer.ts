import { KequnError } from '../../../shared/contract/errors';
import type { CellValue } from '../../../shared/contract/json';
import type { ColumnState } from './datasets-table';
import { assertColumnLimit, normaliseCell } from './dataset-columns';
import type { NewColumn, ProjectStore } from './project-store';
import { columnKey } from './sql';

/**
 * Adds computed columns (segment labels, scores, formulas) to an existing dataset. `valueAt(i)`
 * gives row i's values in row order. One transaction: either every column is added with all its
 * values, or nothing changes. `expectRows` (the row count the values were computed for) guards
 * against rows that changed meanwhile. Returns the new column keys.
 */
export function addColumns(
  store: ProjectStore,
  datasetId: string,
  columns: readonly NewColumn[],
  valueAt: (rowIndex: number) => readonly CellValue[],
  expectRows?: number,
): string[] {
  return store.write(() => {
    const id = store.datasets.get(datasetId).id;
    const state = store.datasets.state(id);
    if (expectRows !== undefined && expectRows !== state.rowCount) {
      throw new KequnError('STALE_INPUT', `The dataset now has ${state.rowCount} rows, not the ${expectRows} these values were computed for`, {
        zh: `数据集现有 ${state.rowCount} 行，与计算时的 ${expectRows} 行不一致，结果未保存`,
        details: { rows: state.rowCount, expected: expectRows },
      });
    }
    assertColumnLimit(state.columns.length + columns.length);
    const { builders, finish } = store.columnBuilders(columns.length);
    for (let i = 0; i < state.rowCount; i++) {
      const vals = valueAt(i);
      for (let j = 0; j < builders.length; j++) builders[j]!.append(normaliseCell(vals[j]));
    }
    const dataIds = finish();
    const added = newColumnStates(state.columns, columns, dataIds);
    store.datasets.addColumns(id, added);
    return added.map((c) => c.key);
  });
}

/** Keys and names for new columns that collide with none of the existing ones. */
export function newColumnStates(existing: readonly ColumnState[], columns: readonly NewColumn[], dataIds: readonly number[]): ColumnState[] {
  const usedKeys = new Set(existing.map((c) => c.key));
  const usedNames = new Set(existing.map((c) => c.name));
  let next = existing.reduce((m, c) => Math.max(m, c.ordinal), -1) + 1;
  return columns.map((c, j) => {
    let k = next;
    while (usedKeys.has(columnKey(k))) k++;
    const key = columnKey(k);
    usedKeys.add(key);
    next = k + 1;
    let name = c.name;
    for (let n = 2; usedNames.has(name); n++) name = `${c.name} (${n})`;
    usedNames.add(name);
    return { ordinal: k, key, name, originalHeader: c.originalHeader, type: c.type, format: c.format ?? null, dataId: dataIds[j]!, ...(c.labels ? { labels: c.labels } : {}) };
  });
}
