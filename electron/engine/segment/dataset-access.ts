import type { ColumnInfo, DatasetInfo } from '../../../shared/contract/datasets';
import { KequnError } from '../../../shared/contract/errors';
import type { CellValue } from '../../../shared/contract/json';
import { Work } from '../host/work';
import { findColumnIn, resolveColumn, type DatasetSnapshot } from '../store/dataset-snapshot';
import type { ProjectStore } from '../store/project-store';
import { segmentInvalid } from './segment-error';

/** Where a builder reads from: its Work (reads are checked again at commit) or the store (read-only views). */
export type DataSource = Work | ProjectStore;

export function snapshotOf(from: DataSource, datasetId: string): DatasetSnapshot {
  return from instanceof Work ? from.snapshot(datasetId) : from.snapshot(datasetId);
}

/** Finds a column by key or display name (the one resolver); an unknown column makes the scheme invalid. */
export function findColumn(ds: DatasetInfo, keyOrName: string): ColumnInfo {
  try {
    return resolveColumn(ds.columns, keyOrName);
  } catch (e) {
    if (!(e instanceof KequnError)) throw e;
    throw segmentInvalid(`Column not found in ${ds.name}: ${keyOrName}`, `数据集“${ds.name}”中没有列“${keyOrName}”`, {
      column: keyOrName,
      available: ds.columns.map((c) => c.name),
    });
  }
}

export function hasColumn(ds: DatasetInfo, keyOrName: string): boolean {
  return findColumnIn(ds.columns, keyOrName) !== undefined;
}

/** Raw cells of one column in row order (numbers, text; null when missing). */
export function readCells(from: DataSource, datasetId: string, key: string): CellValue[] {
  return snapshotOf(from, datasetId).cells(key);
}

/** A numeric column: missing or non-numeric cells are NaN (text holding a number counts as that number). */
export function readNumbers(from: DataSource, datasetId: string, key: string): Float64Array {
  const snap = snapshotOf(from, datasetId);
  const src = snap.source(key);
  const nums = src.numbers();
  if (src.info.texts === 0) return nums;
  const out = Float64Array.from(nums);
  const { codes, labels } = src.texts();
  const parsed = labels.map((l) => (l.trim() !== '' && Number.isFinite(Number(l)) ? Number(l) : NaN));
  for (let i = 0; i < out.length; i++) if (codes[i]! >= 0) out[i] = parsed[codes[i]!]!;
  return out;
}

export function readRowIds(from: DataSource, datasetId: string): number[] {
  return Array.from(snapshotOf(from, datasetId).rowIds());
}

/** Whole rows by row id, cells keyed by column display name (lists of customers). */
export function rowsById(store: ProjectStore, ds: DatasetInfo, rowIds: readonly number[]): { row: number; cells: Record<string, CellValue> }[] {
  if (rowIds.length === 0) return [];
  const snap = store.snapshot(ds.id);
  const positions = rowIds.map((id) => snap.positionOf(id));
  const present = positions.filter((p): p is number => p !== null);
  const rows = snap.rows(present, ds.columns.map((c) => c.key));
  let k = 0;
  return rowIds.map((id, i) => {
    const cells: Record<string, CellValue> = {};
    const row = positions[i] === null ? null : rows[k++]!;
    ds.columns.forEach((c, j) => (cells[c.name] = row ? row[j]! : null));
    return { row: id, cells };
  });
}
