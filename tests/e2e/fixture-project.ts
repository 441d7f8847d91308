import type { ColumnType } from '../../shared/contract/datasets';
import type { CellValue } from '../../shared/contract/json';
import { ProjectStore } from '../../electron/engine/store/project-store';

/**
 * Writes a project file holding one imported dataset (headers as the column names) for an e2e
 * test to open; `source` is the file it says it came from.
 */
export function writeOneDatasetProject(path: string, name: string, columns: [string, ColumnType][], rows: CellValue[][], source = 'e2e'): void {
  const store = ProjectStore.open(path, { create: true });
  try {
    store.createDataset({ name, kind: 'import', source, columns: columns.map(([n, type]) => ({ name: n, originalHeader: n, type })) }, rows);
  } finally {
    store.close();
  }
}
