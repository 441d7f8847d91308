import type { BooleanLabels } from '../contract/datasets';

/** Excel's own words: what a yes/no column shows when its source gave no words (real TRUE/FALSE cells). */
export const EXCEL_BOOLEAN_LABELS: BooleanLabels = { true: 'TRUE', false: 'FALSE' };

/** The text of a stored yes/no cell (1/0 or true/false) in its column's own words. */
export function booleanText(v: boolean | number, labels: BooleanLabels | null | undefined): string {
  const l = labels ?? EXCEL_BOOLEAN_LABELS;
  return v === true || (typeof v === 'number' && v !== 0) ? l.true : l.false;
}

const PAIRS: [string, string][] = [
  ['yes', 'no'],
  ['y', 'n'],
  ['true', 'false'],
  ['t', 'f'],
  ['是', '否'],
  ['对', '错'],
  ['有', '无'],
  ['√', '×'],
  ['✓', '✗'],
];

/** Writes `word` in the letter case of `like` ("no" after "YES" → "NO", after "Yes" → "No"). */
function sameCase(word: string, like: string): string {
  if (like.length > 1 && like === like.toUpperCase() && like !== like.toLowerCase()) return word.toUpperCase();
  if (like[0] !== undefined && like[0] !== like[0].toLowerCase()) return word[0]!.toUpperCase() + word.slice(1);
  return word;
}

/**
 * The other word of a yes/no pair, for a column whose source only ever used one of them (a "y"
 * column without any "n"): the usual partner, in the same letter case; null when unknown.
 */
export function pairedBooleanWord(word: string, value: boolean): string | null {
  const key = word.trim().toLowerCase();
  for (const [yes, no] of PAIRS) {
    if (value && key === yes) return sameCase(no, word.trim());
    if (!value && key === no) return sameCase(yes, word.trim());
  }
  return null;
}

/** Labels from the most used word for each value; a missing side gets its usual partner. */
export function labelsFromWords(trueWord: string | null, falseWord: string | null): BooleanLabels {
  const t = trueWord ?? (falseWord !== null ? pairedBooleanWord(falseWord, false) : null) ?? EXCEL_BOOLEAN_LABELS.true;
  const f = falseWord ?? (trueWord !== null ? pairedBooleanWord(trueWord, true) : null) ?? EXCEL_BOOLEAN_LABELS.false;
  return t === f ? EXCEL_BOOLEAN_LABELS : { true: t, false: f };
}

/** True when a column has words other than Excel's TRUE/FALSE (so files write the words, not booleans). */
export function hasOwnWords(labels: BooleanLabels | null | undefined): labels is BooleanLabels {
  return !!labels && !(labels.true === EXCEL_BOOLEAN_LABELS.true && labels.false === EXCEL_BOOLEAN_LABELS.false);
}
