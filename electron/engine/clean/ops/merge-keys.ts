import type { ColumnType } from '../../../../shared/contract/datasets';
import type { ColumnSource } from '../../store/column-source';
import type { OpContext } from '../plan';
import { tick, TICK_EVERY } from '../table-data';
import { convertCell } from '../value-parse';

/** A key cell that is empty: the row matches nothing. */
export const BLANK = -1;
/** A key cell whose value the other dataset does not have. */
export const ABSENT = -2;

/** How the two key columns of a pair compare, shown in the preview. */
export interface KeyRule {
  trim: boolean;
  ignoreCase: boolean;
}

/**
 * One key pair, type-aware: two text columns compare as text (after trimming and, if asked,
 * ignoring case); when either side holds numbers, dates or booleans, values compare as values —
 * a number cell by its number, a text cell by what it reads as in the other side's type ("1001"
 * matches 1001, "2018-01-05" matches that date, 是 matches true), text that reads as nothing
 * stays text. Each distinct text is normalised once; number cells are looked up by value.
 */
class KeyDomain {
  private readonly numbers = new Map<number, number>();
  private readonly texts = new Map<string, number>();
  private nextId = 0;
  private readonly valueType: ColumnType | null;

  constructor(
    leftType: ColumnType,
    rightType: ColumnType,
    private readonly rule: KeyRule,
  ) {
    this.valueType = leftType === 'text' && rightType === 'text' ? null : leftType === 'text' ? rightType : leftType;
  }

  get size(): number {
    return this.nextId;
  }

  /** Distinct right-side key id of each label of a text dictionary (BLANK for blank text). */
  private labelIds(labels: readonly string[], assign: boolean): Int32Array {
    const out = new Int32Array(labels.length);
    for (let c = 0; c < labels.length; c++) {
      let text = labels[c]!;
      if (this.rule.trim) text = text.trim();
      if (text === '') {
        out[c] = BLANK;
        continue;
      }
      if (this.valueType !== null) {
        const v = convertCell(text, 'text', this.valueType);
        if (v.ok && typeof v.value === 'number') {
          out[c] = this.idOfNumber(v.value, assign);
          continue;
        }
      }
      if (this.rule.ignoreCase) text = text.toLowerCase();
      out[c] = this.idOf(this.texts, text, assign);
    }
    return out;
  }

  private idOfNumber(v: number, assign: boolean): number {
    // Both sides text-typed: a stray number cell compares by its text, like the labels do.
    return this.valueType === null ? this.idOf(this.texts, String(v), assign) : this.idOf(this.numbers, v, assign);
  }

  private idOf<K>(map: Map<K, number>, k: K, assign: boolean): number {
    const id = map.get(k);
    if (id !== undefined) return id;
    if (!assign) return ABSENT;
    map.set(k, this.nextId);
    return this.nextId++;
  }

  /**
   * Key id of every row of one side: the right side assigns ids, the left only looks them up
   * (ABSENT when the right has no such key). BLANK for empty cells.
   */
  async rowIds(src: ColumnSource, assign: boolean, ctx: OpContext): Promise<Int32Array> {
    const n = src.rows;
    const nums = src.info.numbers > 0 ? src.numbers() : null;
    const text = src.info.texts > 0 ? src.texts() : null;
    const byLabel = text ? this.labelIds(text.labels, assign) : null;
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      if (i % TICK_EVERY === 0) await tick(ctx, i, n);
      const v = nums ? nums[i]! : NaN;
      if (v === v) out[i] = this.idOfNumber(v, assign);
      else if (text && text.codes[i]! >= 0) out[i] = byLabel![text.codes[i]!]!;
      else out[i] = BLANK;
    }
    return out;
  }
}

/** Per-row composite key ids of both sides: right ids are dense 0…count-1, left ids index them (or BLANK / ABSENT). */
export interface JoinKeys {
  left: Int32Array;
  right: Int32Array;
  count: number;
}

/**
 * Key ids over one or more key pairs. Several pairs fold pair by pair into one dense id (previous
 * id × this pair's distinct count + this pair's id, looked up in a map), so a row's key is one
 * integer whatever the number of columns, and the join is an array lookup.
 */
export async function joinKeys(
  pairs: { left: ColumnSource; right: ColumnSource; leftType: ColumnType; rightType: ColumnType }[],
  rule: KeyRule,
  ctx: OpContext,
): Promise<JoinKeys> {
  let left: Int32Array | null = null;
  let right: Int32Array | null = null;
  let count = 0;
  for (const p of pairs) {
    const domain = new KeyDomain(p.leftType, p.rightType, rule);
    const r = await domain.rowIds(p.right, true, ctx);
    const l = await domain.rowIds(p.left, false, ctx);
    if (left === null || right === null) {
      left = l;
      right = r;
      count = domain.size;
      continue;
    }
    const size = domain.size;
    const folded = new Map<number, number>();
    const fold = (prev: Int32Array, own: Int32Array, assign: boolean): Int32Array => {
      const out = new Int32Array(prev.length);
      for (let i = 0; i < prev.length; i++) {
        const a = prev[i]!;
        const b = own[i]!;
        if (a === BLANK || b === BLANK) out[i] = BLANK;
        else if (a < 0 || b < 0) out[i] = ABSENT;
        else {
          const k = a * size + b;
          let id = folded.get(k);
          if (id === undefined) {
            if (!assign) {
              out[i] = ABSENT;
              continue;
            }
            id = folded.size;
            folded.set(k, id);
          }
          out[i] = id;
        }
      }
      return out;
    };
    right = fold(right, r, true);
    left = fold(left, l, false);
    count = folded.size;
    await ctx.checkpoint();
  }
  return { left: left!, right: right!, count };
}

/** Rows of the right side by key: the first row of each key, the next row with the same key, and how many. */
export interface KeyIndex {
  first: Int32Array;
  next: Int32Array;
  matches: Int32Array;
}

export function indexKeys(right: Int32Array, count: number): KeyIndex {
  const first = new Int32Array(count).fill(-1);
  const next = new Int32Array(right.length).fill(-1);
  const matches = new Int32Array(count);
  // Backwards, so each chain lists the rows in row order.
  for (let r = right.length - 1; r >= 0; r--) {
    const k = right[r]!;
    if (k < 0) continue;
    next[r] = first[k]!;
    first[k] = r;
    matches[k]!++;
  }
  return { first, next, matches };
}
