import type { CellValue } from '../../../shared/contract/json';

/** Longest field remembered (longer fields are converted each time). */
export const MEMO_MAX_KEY = 256;
/** Lookups per judgement of whether remembering pays; more misses than hits turn it off. */
const WINDOW = 1 << 16;
/** Past this many distinct fields a column's memo is dropped (memory). */
const MAX_ENTRIES = 1 << 22;

/**
 * Remembers what a column's converter made of each distinct field, keyed by the field's bytes:
 * a category column converts each of its few values once, and the cell afterwards costs a hash
 * of its bytes and a probe, with no string made. Open addressing over a power-of-two table;
 * keys are copied into one byte arena.
 */
export class ByteMemo {
  private slots = new Int32Array(1 << 12);
  private hashes = new Int32Array(1 << 10);
  private offsets = new Int32Array((1 << 10) + 1);
  private arena = new Uint8Array(1 << 14);
  private count = 0;
  private lookups = 0;
  private misses = 0;
  /** Set by a missed `find`: the empty slot where `add` puts the key. */
  private slot = -1;
  readonly values: CellValue[] = [];

  /** Entry index of buf[a, b) with hash h, or -1 (then `add` may follow at once). */
  find(buf: Uint8Array, a: number, b: number, h: number): number {
    this.lookups++;
    const slots = this.slots;
    const mask = slots.length - 1;
    const len = b - a;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const e1 = slots[s]!;
      if (e1 === 0) {
        this.misses++;
        this.slot = s;
        return -1;
      }
      const e = e1 - 1;
      if (this.hashes[e] !== h) continue;
      const o = this.offsets[e]!;
      if (this.offsets[e + 1]! - o !== len) continue;
      let k = 0;
      while (k < len && this.arena[o + k] === buf[a + k]) k++;
      if (k === len) return e;
    }
  }

  /** Remembers `value` for the key the last `find` missed. */
  add(buf: Uint8Array, a: number, b: number, h: number, value: CellValue): void {
    const e = this.count;
    if (e + 1 >= this.hashes.length) this.growEntries();
    const o = this.offsets[e]!;
    const len = b - a;
    if (o + len > this.arena.length) {
      const next = new Uint8Array(Math.max(this.arena.length * 2, o + len));
      next.set(this.arena.subarray(0, o));
      this.arena = next;
    }
    this.arena.set(buf.subarray(a, b), o);
    this.offsets[e + 1] = o + len;
    this.hashes[e] = h;
    this.values.push(value);
    this.slots[this.slot] = e + 1;
    this.count = e + 1;
    if (this.count * 2 > this.slots.length) this.rehash();
  }

  /**
   * Whether the memo still earns its keep: judged every WINDOW lookups, it does while hits
   * outnumber misses (order numbers, all distinct, stop using it after the first window).
   */
  worthKeeping(): boolean {
    if (this.count > MAX_ENTRIES) return false;
    if (this.lookups < WINDOW) return true;
    const keep = this.misses * 2 <= this.lookups;
    this.lookups = 0;
    this.misses = 0;
    return keep;
  }

  private growEntries(): void {
    const n = this.hashes.length * 2;
    const hashes = new Int32Array(n);
    hashes.set(this.hashes);
    const offsets = new Int32Array(n + 1);
    offsets.set(this.offsets);
    this.hashes = hashes;
    this.offsets = offsets;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let e = 0; e < this.count; e++) {
      let s = this.hashes[e]! & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = e + 1;
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
