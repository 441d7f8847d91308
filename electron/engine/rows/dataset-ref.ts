import type { ColumnInfo, DatasetInfo } from '../../../shared/contract/datasets';
import { KequnError } from '../../../shared/contract/errors';
import type { ProjectStore } from '../store/project-store';
import { quoteIdent } from '../store/sql';

/** A dataset resolved for querying: its metadata, its table and a column lookup by key. */
export interface DatasetRef {
  info: DatasetInfo;
  /** Table name as stored (ds_12), for naming indexes. */
  table: string;
  /** The same, quoted for SQL. */
  sqlTable: string;
  column(key: string): ColumnInfo;
}

export function resolveDataset(store: ProjectStore, datasetId: string): DatasetRef {
  const info = store.getDataset(datasetId);
  const sqlTable = store.tableOf(info.id);
  const table = sqlTable.slice(1, -1);
  const byKey = new Map(info.columns.map((c) => [c.key, c]));
  return {
    info,
    table,
    sqlTable,
    column(key) {
      const c = byKey.get(key);
      if (!c) {
        throw new KequnError('COLUMN_NOT_FOUND', `Dataset ${info.name} has no column ${key}`, {
          zh: `数据集“${info.name}”中没有列 ${key}`,
          details: { dataset: info.id, column: key },
        });
      }
      return c;
    },
  };
}

/** A column key checked against metadata and quoted: the only way a column reaches SQL here. */
export function columnSql(ref: DatasetRef, key: string): string {
  return quoteIdent(ref.column(key).key);
}
