/**
 * Text clean-up used by the "trim and normalise" operation, the map-values loose match and the
 * data-quality summary (so "untidy" there means exactly what this operation would change).
 */

/** 全角→半角: U+FF01…U+FF5E map to ASCII 0x21…0x7E; the ideographic space U+3000 to a space. */
const FULL_WIDTH = /[\uff01-\uff5e\u3000]/;
const UNTIDY = /^\s|\s$|\s\s|[^\S ]/;

export function toHalfWidth(s: string): string {
  if (!FULL_WIDTH.test(s)) return s;
  let out = '';
  let changed = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) {
      out += String.fromCharCode(c - 0xfee0);
      changed = true;
    } else if (c === 0x3000) {
      out += ' ';
      changed = true;
    } else out += s[i];
  }
  return changed ? out : s;
}

/** Trims both ends and collapses inner runs of whitespace (incl. U+3000, NBSP, tabs) to one space. */
export function tidySpaces(s: string): string {
  if (!UNTIDY.test(s)) return s;
  return s.replace(/\s+/g, ' ').trim();
}

export interface TextOptions {
  trim: boolean;
  fullWidth: boolean;
  case: 'keep' | 'upper' | 'lower';
}

export function normalizeText(s: string, o: TextOptions): string {
  let t = o.fullWidth ? toHalfWidth(s) : s;
  if (o.trim) t = tidySpaces(t);
  if (o.case === 'upper') t = t.toUpperCase();
  else if (o.case === 'lower') t = t.toLowerCase();
  return t;
}

/** The key used for loose matching of category labels: half-width, tidy, lower case. */
export function looseKey(s: string): string {
  return tidySpaces(toHalfWidth(s)).toLowerCase();
}
