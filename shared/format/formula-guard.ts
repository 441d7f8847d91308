/**
 * Formula (CSV) injection guard, pure so the engine's exporters and the renderer's own CSV
 * downloads share it. Spreadsheet programs treat a cell starting with = + - @ (and a leading tab
 * or CR, which some strip before parsing; also the full-width forms a Chinese IME types) as a
 * formula. Text like that gets a leading apostrophe in CSV, which Excel and WPS show as text.
 */
const DANGEROUS_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function looksLikeFormula(text: string): boolean {
  return DANGEROUS_START.test(text);
}

/** For CSV: neutralise formula-like text. Numbers are never passed here (they stay numbers). */
export function csvSafeText(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

/**
 * The reverse, for reading CSV: an apostrophe followed by a formula-like start is the guard (of
 * this app or another), not part of the text. Any other leading apostrophe is kept.
 */
export function unguardCsvText(text: string): string {
  return text.length > 1 && text.charCodeAt(0) === 39 && looksLikeFormula(text.slice(1)) ? text.slice(1) : text;
}
