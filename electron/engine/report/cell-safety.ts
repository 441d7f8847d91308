/**
 * Formula (CSV) injection guard. Spreadsheet programs treat a cell starting with = + - @ (and a
 * leading tab or CR, which some strip before parsing) as a formula. Every exporter passes text
 * through here: xlsx cells are always written as typed strings (never as formulas), and CSV
 * fields that look like formulas get a leading apostrophe, which Excel and WPS show as text.
 */
export { csvSafeText, looksLikeFormula } from '../../../shared/format/formula-guard';

/** Quotes a CSV field when needed (RFC 4180). */
export function csvField(text: string, delimiter = ','): string {
  if (text.includes('"') || text.includes(delimiter) || text.includes('\n') || text.includes('\r')) {
    return `"${text.replace(/"/g, '""')}"`;
  }
  return text;
}
