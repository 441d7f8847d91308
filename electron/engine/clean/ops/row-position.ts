/**
 * Row id (_row) → position in the column arrays read for a step. Ids are 1…n until rows are
 * removed, so the usual case is an offset; a map when earlier steps left gaps or made rows
 * (split into rows, merge number their new rows after the largest id, out of order).
 */
export function rowPosition(rowIds: readonly number[]): (rowId: number) => number | undefined {
  const n = rowIds.length;
  const first = rowIds[0] ?? 0;
  let consecutive = true;
  for (let i = 1; i < n && consecutive; i++) consecutive = rowIds[i] === first + i;
  if (consecutive) return (id) => (id >= first && id < first + n ? id - first : undefined);
  const map = new Map<number, number>();
  rowIds.forEach((id, i) => map.set(id, i));
  return (id) => map.get(id);
}
