import type { ColumnInfo } from '../../../shared/contract/datasets';
import { KequnError } from '../../../shared/contract/errors';
import type { FilterSpec } from '../../../shared/contract/rows';
import type { DatasetSnapshot } from '../store/dataset-snapshot';
import { numberText } from './cell-text';
import { chunksOf, dictPredicate, type ChunkView } from './column-scan';
import { parseDateBound } from './date-bounds';

type TextOp = 'contains' | 'equals' | 'startsWith' | 'endsWith';

/** A text test as the filter means it; case folding when not case-sensitive. */
export function textTest(op: TextOp, value: string, caseSensitive: boolean): (s: string) => boolean {
  const v = caseSensitive ? value : value.toLowerCase();
  const fold = caseSensitive ? (s: string) => s : (s: string) => s.toLowerCase();
  switch (op) {
    case 'contains':
      return (s) => fold(s).includes(v);
    case 'equals':
      return (s) => fold(s) === v;
    case 'startsWith':
      return (s) => fold(s).startsWith(v);
    case 'endsWith':
      return (s) => fold(s).endsWith(v);
  }
}

/** Excel's date tree: a date (wall-clock ms read as UTC) in one of the chosen years, months or days. */
function datePartsTest(parts: readonly string[]): (ms: number) => boolean {
  const chosen = new Set(parts);
  return (ms) => {
    const d = new Date(ms);
    const y = String(d.getUTCFullYear()).padStart(4, '0');
    const m = `${y}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    return chosen.has(y) || chosen.has(m) || chosen.has(`${m}-${String(d.getUTCDate()).padStart(2, '0')}`);
  };
}

/** Cell classes a filter reads per chunk: number, text (by code), missing. */
interface CellTests {
  number(v: number): boolean;
  text: (view: ChunkView) => Uint8Array | null;
  missing: boolean;
}

function testsFor(col: ColumnInfo, f: FilterSpec): CellTests {
  switch (f.kind) {
    case 'text': {
      const t = textTest(f.op, f.value, f.caseSensitive);
      return { number: (v) => t(numberText(col.type, v, col.labels)), text: dictPredicate(t), missing: false };
    }
    case 'oneOf': {
      const numbers = new Set<number>();
      const texts = new Set<string>();
      for (const v of f.values) {
        if (typeof v === 'number') numbers.add(v);
        else if (typeof v === 'boolean') numbers.add(v ? 1 : 0);
        else if (typeof v === 'string' && v !== '') texts.add(v);
      }
      // Empty text is stored as a missing cell, so choosing '' chooses the blanks.
      return { number: (v) => numbers.has(v), text: dictPredicate((s) => texts.has(s)), missing: f.values.includes(null) || f.values.includes('') };
    }
    case 'numberRange':
    case 'dateRange': {
      const lo = f.kind === 'numberRange' ? f.min : f.from === null ? null : parseDateBound(f.from, 'start');
      const hi = f.kind === 'numberRange' ? f.max : f.to === null ? null : parseDateBound(f.to, 'end');
      if (lo !== null && hi !== null && lo > hi) {
        throw new KequnError('VALIDATION', `Range filter on ${f.column}: min ${lo} is greater than max ${hi}`, {
          zh: `列 ${f.column} 的范围筛选：下限 ${lo} 大于上限 ${hi}`,
          details: { column: f.column, min: lo, max: hi },
        });
      }
      return { number: (v) => (lo === null || v >= lo) && (hi === null || v <= hi), text: () => null, missing: false };
    }
    case 'dateParts':
      return { number: datePartsTest(f.parts), text: () => null, missing: f.missing };
    case 'empty':
      return { number: () => false, text: () => null, missing: true };
    case 'notEmpty':
      return { number: () => true, text: dictPredicate(() => true), missing: false };
    case 'invalid':
      return { number: () => false, text: col.type === 'text' ? () => null : dictPredicate(() => true), missing: false };
  }
}

function negated(f: FilterSpec): boolean {
  return (f.kind === 'text' || f.kind === 'oneOf') && f.negate;
}

/**
 * The rows a filter list leaves, as a mask by row position (1 = keep), or null when nothing is
 * filtered. Filters combine with AND; "does not …" lets missing cells through, as Excel does.
 * The grid, pivots, cross-tabs, charts and exports all filter through this one function, so a
 * drill-down shows in the grid exactly the rows the pivot counted.
 */
export function filterMask(snapshot: DatasetSnapshot, filters: readonly FilterSpec[]): Uint8Array | null {
  if (filters.length === 0) return null;
  const mask = new Uint8Array(snapshot.rowCount).fill(1);
  for (const f of filters) {
    const col = snapshot.column(f.column);
    const tests = testsFor(col, f);
    const neg = negated(f) ? 1 : 0;
    for (const view of chunksOf(snapshot.source(col.key))) {
      const textHits = view.codes ? tests.text(view) : null;
      const missingHit = tests.missing ? 1 : 0;
      for (let i = 0; i < view.length; i++) {
        const at = view.start + i;
        if (mask[at] === 0) continue;
        const v = view.num ? view.num[i]! : NaN;
        let hit: number;
        if (v === v) hit = tests.number(v) ? 1 : 0;
        else {
          const code = view.codes ? view.codes[i]! : -1;
          hit = code >= 0 ? (textHits ? textHits[code]! : 0) : missingHit;
        }
        if ((hit ^ neg) === 0) mask[at] = 0;
      }
    }
  }
  return mask;
}

export function countMask(mask: Uint8Array | null, n: number): number {
  if (!mask) return n;
  let c = 0;
  for (let i = 0; i < n; i++) c += mask[i]!;
  return c;
}

/** Positions a mask keeps, in row order. */
export function maskPositions(mask: Uint8Array): Int32Array {
  const out = new Int32Array(countMask(mask, mask.length));
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] === 1) out[n++] = i;
  return out;
}
