import type { CellValue } from '../../../shared/contract/json';
import { GLOBAL_DICT_LIMIT } from '../store/column-codec';

/** Longest field remembered (longer fields are converted each time). */
export const MEMO_MAX_KEY = 256;
/** Lookups per judgement of whether remembering pays (a window of nearly all misses turns it off). */
const WINDOW = 1 << 16;
/**
 * Past this many distinct fields a column's memo is dropped: its table would pass 50 MB, and
 * the column's builder has left its column-wide dictionary by then (GLOBAL_DICT_LIMIT), so
 * remembered codes would only last a chunk.
 */
const MAX_ENTRIES = GLOBAL_DICT_LIMIT;

/**
 * Remembers what a column's converter made of each distinct field, keyed by the field's bytes:
 * a category column converts each of its few values once, and the cell afterwards costs a hash
 * of its bytes and a probe, with no string made. Open addressing over a power-of-two table;
 * keys are copied into one byte arena.
 */
export class ByteMemo {
  /**
   * Four ints per slot: hash, entry + 1 (0 = empty), key offset in the arena, key length. A probe
   * reads one cache line before it compares bytes; a big table (a million customer ids) is
   * otherwise a chain of cache misses per cell.
   */
  private slots = new Int32Array(4 << 12);
  private arena = new Uint8Array(1 << 14);
  private used = 0;
  private count = 0;
  private lookups = 0;
  private misses = 0;
  /** Set by a missed `find`: the empty slot where `add` puts the key. */
  private slot = -1;
  readonly values: CellValue[] = [];
  /** Per entry whose value is a text: the builder's code for it and that code's epoch (-1: none yet). */
  codes = new Int32Array(2 << 10).fill(-1);

  /** Entry index of buf[a, b) with hash h, or -1 (then `add` may follow at once). */
  find(buf: Uint8Array, a: number, b: number, h: number): number {
    this.lookups++;
    const slots = this.slots;
    const mask = (slots.length >> 2) - 1;
    const len = b - a;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const at = s << 2;
      const e1 = slots[at + 1]!;
      if (e1 === 0) {
        this.misses++;
        this.slot = s;
        return -1;
      }
      if (slots[at] !== h || slots[at + 3] !== len) continue;
      const o = slots[at + 2]!;
      let k = 0;
      while (k < len && this.arena[o + k] === buf[a + k]) k++;
      if (k === len) return e1 - 1;
    }
  }

  /** Remembers `value` for the key the last `find` missed; returns its entry index. */
  add(buf: Uint8Array, a: number, b: number, h: number, value: CellValue): number {
    const e = this.count;
    if (2 * e + 2 > this.codes.length) {
      const codes = new Int32Array(this.codes.length * 2).fill(-1);
      codes.set(this.codes);
      this.codes = codes;
    }
    const o = this.used;
    const len = b - a;
    if (o + len > this.arena.length) {
      const next = new Uint8Array(Math.max(this.arena.length * 2, o + len));
      next.set(this.arena.subarray(0, o));
      this.arena = next;
    }
    this.arena.set(buf.subarray(a, b), o);
    this.used = o + len;
    const at = this.slot << 2;
    this.slots[at] = h;
    this.slots[at + 1] = e + 1;
    this.slots[at + 2] = o;
    this.slots[at + 3] = len;
    this.values.push(value);
    this.count = e + 1;
    if (this.count * 2 > this.slots.length >> 2) this.rehash();
    return e;
  }

  /**
   * Whether the memo still earns its keep, judged every WINDOW lookups: it does unless 98% of
   * them missed. Order numbers (all distinct) stop using it after the first window; customer
   * ids, distinct at first among a million customers, keep it for their later repeats.
   */
  worthKeeping(): boolean {
    if (this.count > MAX_ENTRIES) return false;
    if (this.lookups < WINDOW) return true;
    const keep = this.misses < 0.98 * this.lookups;
    this.lookups = 0;
    this.misses = 0;
    return keep;
  }

  private rehash(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = (slots.length >> 2) - 1;
    for (let at = 0; at < old.length; at += 4) {
      if (old[at + 1] === 0) continue;
      let s = old[at]! & mask;
      while (slots[(s << 2) + 1] !== 0) s = (s + 1) & mask;
      slots.set(old.subarray(at, at + 4), s << 2);
    }
    this.slots = slots;
  }
}

/** FNV-1a of buf[a, b). */
export function hashBytes(buf: Uint8Array, a: number, b: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = a; i < b; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
  return h;
}

/** Whether every byte of buf[a, b) is below 0x80. */
export function isAsciiBytes(buf: Uint8Array, a: number, b: number): boolean {
  let or = 0;
  for (let i = a; i < b; i++) or |= buf[i]!;
  return or < 0x80;
}
