import type { PivotResult } from '../contract/analyze';
import { csvSafeText } from '../format/formula-guard';
import { colDisplayOrder, rowDisplayOrder } from './pivot-layout';

export type TableCell = string | number | null;

/**
 * The pivot as a flat table in display order (header row, then one line per row node, indented
 * by depth, grand total last) — the shape of a CSV export or an Excel sheet.
 */
export function pivotTable(result: PivotResult, lang: 'zh' | 'en' = 'zh'): TableCell[][] {
  const total = lang === 'zh' ? '总计' : 'Grand total';
  const rows = rowDisplayOrder(result.rows);
  const cols = colDisplayOrder(result.cols, result.spec.subtotals);
  const header: string[] = [lang === 'zh' ? '行标签' : 'Row labels'];
  for (const c of cols) {
    const col = result.cols[c]!;
    for (const v of result.valueLabels) {
      const colName = col.kind === 'total' ? total : col.path.join(' / ');
      header.push(result.valueLabels.length > 1 || result.cols.length > 1 ? `${colName} | ${v[lang]}` : v[lang]);
    }
  }
  const lines: TableCell[][] = [header];
  for (const r of rows) {
    const row = result.rows[r]!;
    const line: TableCell[] = [row.kind === 'total' ? total : `${'  '.repeat(Math.max(0, row.depth - 1))}${row.label}`];
    for (const c of cols) result.valueLabels.forEach((_, v) => line.push(result.cells[r]![c]![v] ?? null));
    lines.push(line);
  }
  return lines;
}

function csvCell(v: TableCell): string {
  if (v === null) return '';
  // Labels come from the data: formula-like text must stay text when Excel opens the file.
  const s = typeof v === 'string' ? csvSafeText(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV text with a UTF-8 BOM and CRLF, so Excel and WPS open the Chinese correctly. */
export function toCsv(lines: TableCell[][]): string {
  return '\ufeff' + lines.map((line) => line.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
