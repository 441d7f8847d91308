/**
 * Formula (CSV) injection guard. Spreadsheet programs treat a cell starting with = + - @ (and a
 * leading tab or CR, which some strip before parsing) as a formula. Every exporter passes text
 * through here: xlsx cells are always written as typed strings (never as formulas), and CSV
 * fields that look like formulas get a leading apostrophe, which Excel and WPS show as text.
 */
const DANGEROUS_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function looksLikeFormula(text: string): boolean {
  return DANGEROUS_START.test(text);
}

/** For CSV: neutralise formula-like text. Numbers are never passed here (they stay numbers). */
export function csvSafeText(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

/** Quotes a CSV field when needed (RFC 4180). */
export function csvField(text: string, delimiter = ','): string {
  if (text.includes('"') || text.includes(delimiter) || text.includes('\n') || text.includes('\r')) {
    return `"${text.replace(/"/g, '""')}"`;
  }
  return text;
}
