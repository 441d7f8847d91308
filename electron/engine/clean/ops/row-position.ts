/**
 * Row id (_row) → position in the column arrays read for a step. Ids are 1…n until rows are
 * removed, so the usual case is an offset; a map only when earlier steps left gaps.
 */
export function rowPosition(rowIds: readonly number[]): (rowId: number) => number | undefined {
  const n = rowIds.length;
  const first = rowIds[0] ?? 0;
  if (n === 0 || rowIds[n - 1] === first + n - 1) return (id) => (id >= first && id < first + n ? id - first : undefined);
  const map = new Map<number, number>();
  rowIds.forEach((id, i) => map.set(id, i));
  return (id) => map.get(id);
}
