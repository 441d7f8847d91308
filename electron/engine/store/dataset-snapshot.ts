import type { ColumnInfo, DatasetInfo } from '../../../shared/contract/datasets';
import { KequnError } from '../../../shared/contract/errors';
import type { CellValue } from '../../../shared/contract/json';
import { booleanText, EXCEL_BOOLEAN_LABELS } from '../../../shared/format/boolean-labels';
import { CHUNK_ROWS } from './column-codec';
import type { ColumnSource } from './column-source';
import type { DatasetState } from './datasets-table';
import type { DistinctKeys } from './distinct-keys';
import type { LabelTest } from './label-flags';
import type { ProjectCache } from './project-cache';

/** A measure column as a typed array: missing and invalid (non-numeric) cells are NaN. */
export interface NumericColumn {
  key: string;
  values: Float64Array;
  /** How many cells were missing (null) or invalid (text in a numeric column). */
  missing: number;
  invalid: number;
}

/** A category column, dictionary-encoded: codes index into `labels`; -1 = missing. */
export interface CategoryColumn {
  key: string;
  codes: Int32Array;
  labels: string[];
}

/** What a piece of work read from one dataset: checked again before it commits. */
export interface SnapshotInputs {
  datasetId: string;
  rowCount: number;
  rowIds: number | null;
  /** Column key → data object read. */
  columns: Map<string, number>;
}

/**
 * The one column resolver: by key (c3), by display name, by trimmed name (headers with a
 * trailing space, names typed on a command line), then ignoring Latin letter case.
 */
export function findColumnIn(columns: readonly ColumnInfo[], keyOrName: string): ColumnInfo | undefined {
  const t = keyOrName.trim();
  return (
    columns.find((c) => c.key === keyOrName) ??
    columns.find((c) => c.name === keyOrName) ??
    columns.find((c) => c.name.trim() === t) ??
    columns.find((c) => c.name.trim().toLowerCase() === t.toLowerCase())
  );
}

export function resolveColumn(columns: readonly ColumnInfo[], keyOrName: string): ColumnInfo {
  const col = findColumnIn(columns, keyOrName);
  if (!col) {
    throw new KequnError('COLUMN_NOT_FOUND', `Column not found: ${keyOrName}`, {
      zh: `未找到列：${keyOrName}`,
      details: { column: keyOrName, available: columns.map((c) => c.name) },
    });
  }
  return col;
}

/**
 * A dataset as it was when the snapshot was taken: its metadata and the immutable data objects
 * of its columns. Reading through a snapshot stays consistent while other work commits, and the
 * snapshot remembers which columns were read so the work can check, before it commits, that
 * none of them changed meanwhile (STALE_INPUT).
 */
export class DatasetSnapshot {
  private readonly used = new Map<string, number>();

  constructor(
    readonly info: DatasetInfo,
    readonly state: DatasetState,
    private readonly sourceOf: (dataId: number) => ColumnSource,
    private readonly cache: ProjectCache,
  ) {}

  get id(): string {
    return this.info.id;
  }

  get rowCount(): number {
    return this.state.rowCount;
  }

  get version(): number {
    return this.info.version;
  }

  column(keyOrName: string): ColumnInfo {
    return resolveColumn(this.info.columns, keyOrName);
  }

  hasColumn(keyOrName: string): boolean {
    return findColumnIn(this.info.columns, keyOrName) !== undefined;
  }

  /** The data object behind a column (and notes it as read). */
  source(keyOrName: string): ColumnSource {
    const key = this.column(keyOrName).key;
    const st = this.state.columns.find((c) => c.key === key)!;
    this.used.set(key, st.dataId);
    return this.sourceOf(st.dataId);
  }

  dataIdOf(keyOrName: string): number {
    const key = this.column(keyOrName).key;
    return this.state.columns.find((c) => c.key === key)!.dataId;
  }

  inputs(): SnapshotInputs {
    return { datasetId: this.info.id, rowCount: this.state.rowCount, rowIds: this.state.rowIds, columns: new Map(this.used) };
  }

  /** Stable row ids in row order (1…n until rows are removed). */
  rowIds(): Int32Array {
    const dataId = this.state.rowIds;
    if (dataId === null) {
      const n = this.state.rowCount;
      return this.cache.get(`ids:${n}`, () => {
        const out = new Int32Array(n);
        for (let i = 0; i < n; i++) out[i] = i + 1;
        return { value: out, bytes: out.byteLength };
      });
    }
    return this.cache.get(`rid:${dataId}`, () => {
      const out = Int32Array.from(this.sourceOf(dataId).numbers());
      return { value: out, bytes: out.byteLength };
    });
  }

  /** True when row ids are 1…n (nothing removed yet). */
  get identityRowIds(): boolean {
    return this.state.rowIds === null;
  }

  rowIdAt(pos: number): number {
    return this.state.rowIds === null ? pos + 1 : this.rowIds()[pos]!;
  }

  /** Position of a row id, or null when no row has it. */
  positionOf(rowId: number): number | null {
    if (this.state.rowIds === null) return rowId >= 1 && rowId <= this.state.rowCount ? rowId - 1 : null;
    const index = this.cache.get(`rpos:${this.state.rowIds}`, () => {
      const ids = this.rowIds();
      let max = 0;
      for (let i = 0; i < ids.length; i++) if (ids[i]! > max) max = ids[i]!;
      const inv = new Int32Array(max + 1).fill(-1);
      for (let i = 0; i < ids.length; i++) inv[ids[i]!] = i;
      return { value: inv, bytes: inv.byteLength };
    });
    const p = rowId >= 0 && rowId < index.length ? index[rowId]! : -1;
    return p >= 0 ? p : null;
  }

  numeric(keyOrName: string): NumericColumn {
    const key = this.column(keyOrName).key;
    const src = this.source(key);
    const missing = src.info.rows - src.info.numbers - src.info.texts;
    return { key, values: src.numbers(), missing, invalid: src.info.texts };
  }

  /** Per-row keys for counting distinct values of a high-cardinality column (order ids). */
  distinctKeys(keyOrName: string): DistinctKeys {
    return this.source(keyOrName).distinctKeys();
  }

  /** Per row, 1 where the text cell passes `test`, each dictionary entry tested once. */
  labelFlags(keyOrName: string, test: LabelTest): Uint8Array {
    return this.source(keyOrName).labelFlags(test);
  }

  /**
   * Every non-missing cell as a label (numbers as their shortest text, yes/no cells as their
   * column's words — "yes"/"no", "是"/"否", TRUE/FALSE without words), codes in row order. Every
   * pivot, cross-tab, chart and report labels categories from here.
   */
  category(keyOrName: string): CategoryColumn {
    const col = this.column(keyOrName);
    const key = col.key;
    const src = this.source(key);
    const words = col.type === 'boolean' ? (col.labels ?? EXCEL_BOOLEAN_LABELS) : null;
    const merged = this.cache.get(words ? `cat:${src.info.id}:${words.true}\u0000${words.false}` : `cat:${src.info.id}`, () => {
      const t = src.texts();
      if (src.info.numbers === 0) return { value: t, bytes: 0 };
      const labels = t.labels.slice();
      const codes = Int32Array.from(t.codes);
      const index = new Map(labels.map((l, i) => [l, i]));
      const byNumber = new Map<number, number>();
      const nums = src.numbers();
      for (let i = 0; i < nums.length; i++) {
        const v = nums[i]!;
        if (v !== v) continue;
        let c = byNumber.get(v);
        if (c === undefined) {
          const label = words ? booleanText(v, words) : String(v);
          c = index.get(label);
          if (c === undefined) {
            c = labels.length;
            labels.push(label);
            index.set(label, c);
          }
          byNumber.set(v, c);
        }
        codes[i] = c;
      }
      return { value: { codes, labels }, bytes: codes.byteLength + labels.length * 48 };
    });
    return { key, codes: merged.codes, labels: merged.labels };
  }

  cellAt(keyOrName: string, pos: number): CellValue {
    return this.source(keyOrName).cellAt(pos);
  }

  /** Every cell of a column as JavaScript values (small datasets, cleaning analysis). */
  cells(keyOrName: string): CellValue[] {
    const src = this.source(keyOrName);
    const out = new Array<CellValue>(src.rows);
    for (let c = 0; c < src.chunkCount; c++) {
      const at = c * CHUNK_ROWS;
      const n = src.chunkLength(c);
      const num = src.numChunk(c);
      const codes = src.codeChunk(c);
      const dict = codes ? (codes.local ? src.localDict(c) : src.dict()) : null;
      for (let i = 0; i < n; i++) {
        const v = num ? num[i]! : NaN;
        if (v === v) out[at + i] = v;
        else if (codes && codes.codes[i]! >= 0) out[at + i] = dict![codes.codes[i]!]!;
        else out[at + i] = null;
      }
    }
    return out;
  }

  /**
   * Cells of the given row positions (any order) for the given columns, one row array per
   * position. Positions are visited chunk by chunk per column, so a page costs a few decoded
   * chunks whatever its order.
   */
  rows(positions: ArrayLike<number>, keys: readonly string[]): CellValue[][] {
    const out: CellValue[][] = new Array<CellValue[]>(positions.length);
    for (let r = 0; r < positions.length; r++) out[r] = new Array<CellValue>(keys.length);
    keys.forEach((k, j) => {
      let r = 0;
      for (const v of this.source(k).cellsAt(positions)) out[r++]![j] = v;
    });
    return out;
  }
}
