import { DISTINCT_COUNT_CAP, type DistinctResult, type FilterSpec } from '../../../shared/contract/rows';
import type { ProjectStore } from '../store/project-store';
import { cellTextSql, escapeLike } from './cell-sql';
import { compareCells } from './collated-sort';
import { columnSql, type DatasetRef } from './dataset-ref';
import { buildWhere } from './filter-sql';
import { ensureIndex } from './index-manager';
import { toCell } from './page-reader';

/**
 * Excel's filter list: the column's values with their counts among the rows the given filters
 * leave, optionally narrowed by a search on the shown text. Sorted by value, missing last.
 */
export function distinctValues(
  store: ProjectStore,
  ref: DatasetRef,
  key: string,
  filters: readonly FilterSpec[],
  search: string | undefined,
  limit: number,
): DistinctResult {
  const col = ref.column(key);
  const q = columnSql(ref, key);
  ensureIndex(store.db, ref.table, col.key);
  const where = buildWhere(ref, filters);
  let sql = `(${where.sql})`;
  const params = [...where.params];
  if (search !== undefined && search !== '') {
    sql += ` AND ${cellTextSql(col, q)} LIKE ? ESCAPE '\\'`;
    params.push(`%${escapeLike(search)}%`);
  }
  const rows = store.db
    .prepare(`SELECT ${q} AS v, count(*) AS n FROM ${ref.sqlTable} WHERE ${sql} GROUP BY ${q} ORDER BY ${q} IS NULL, ${q} LIMIT ?`)
    .all(...params, limit + 1) as { v: unknown; n: number }[];
  const truncated = rows.length > limit;
  const kept = rows.slice(0, limit);
  // A complete list is shown in the same (pinyin) order the column sorts in; missing stays last.
  if (!truncated && col.type === 'text') kept.sort((a, b) => (a.v === null ? 1 : b.v === null ? -1 : compareCells(a.v, b.v)));
  const values = kept.map((r) => ({ value: toCell(r.v, col), count: r.n }));
  const counted = truncated
    ? (store.db
        .prepare(`SELECT count(*) FROM (SELECT 1 FROM ${ref.sqlTable} WHERE ${sql} GROUP BY ${q} LIMIT ?)`)
        .pluck()
        .get(...params, DISTINCT_COUNT_CAP + 1) as number)
    : values.length;
  return { values, totalDistinct: Math.min(counted, DISTINCT_COUNT_CAP), totalCapped: counted > DISTINCT_COUNT_CAP, truncated };
}
