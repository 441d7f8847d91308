import { writeFile } from 'node:fs/promises';
import { loadExcelJs } from './load-exceljs';
import iconv from 'iconv-lite';
import { csvField, csvSafeText } from './cell-safety';
import type { CsvEncoding } from './dataset-export';
import { WidthTracker } from './column-width';
import { writeAtomically, type OutputGuard } from '../files/output-file';
import type { CrosstabTable } from '../../../shared/analysis/crosstab-table';
import { writeCrosstabTable } from './crosstab-sheet';
import { sanitizeSheetName } from './sheet-names';
import { applyWidths, printSetup, writeTable } from './sheet-style';

export type TableCell = string | number | null;

export interface SmallExportTarget {
  path: string;
  guard: OutputGuard;
  format: 'xlsx' | 'csv';
  encoding: CsvEncoding;
  sheetName: string;
}

export interface SmallExportResult {
  path: string;
  rows: number;
  sheets: number;
  format: 'xlsx' | 'csv';
}

/** One CSV line; text goes through the formula-injection guard, numbers stay numbers. */
function csvLine(cells: readonly TableCell[]): string {
  return cells.map((v) => (v === null ? '' : typeof v === 'number' ? String(v) : csvField(csvSafeText(v)))).join(',');
}

function encodeCsv(lines: string[], encoding: CsvEncoding): Buffer {
  const text = lines.join('\r\n') + '\r\n';
  if (encoding === 'gb18030') return iconv.encode(text, 'gb18030');
  const body = Buffer.from(text, 'utf8');
  return encoding === 'utf-8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

/** Integers get a thousands format, anything with decimals two places; text columns none. */
function columnFormats(rows: readonly TableCell[][], width: number): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  for (let c = 0; c < width; c++) {
    let numbers = 0;
    let fractional = false;
    for (const r of rows) {
      const v = r[c];
      if (typeof v === 'number') {
        numbers++;
        if (!Number.isInteger(v)) fractional = true;
      }
    }
    out.push(numbers === 0 ? undefined : fractional ? '#,##0.00' : '#,##0');
  }
  return out;
}

/** A flat table (header row first), e.g. a pivot in display order, as a styled sheet or CSV. */
export async function exportTable(lines: readonly TableCell[][], target: SmallExportTarget): Promise<SmallExportResult> {
  const [header = [], ...rows] = lines;
  await writeAtomically(target.path, target.guard, async (temp) => {
    if (target.format === 'csv') {
      await writeFile(temp, encodeCsv(lines.map(csvLine), target.encoding));
      return;
    }
    const wb = new (await loadExcelJs()).Workbook();
    wb.creator = 'Kequn 客群';
    const ws = wb.addWorksheet(sanitizeSheetName(target.sheetName, new Set()), { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
    const widths = new WidthTracker([]);
    writeTable(ws, 1, { headers: header.map((h) => (h === null ? '' : String(h))), rows, numFmts: columnFormats(rows, header.length), autoFilter: true }, widths);
    applyWidths(ws, widths);
    printSetup(ws);
    await wb.xlsx.writeFile(temp);
  });
  return { path: target.path, rows: rows.length, sheets: 1, format: target.format };
}

/** A cross-tab as laid out by the shared builder: the report's sheet layout, or stacked CSV blocks. */
export async function exportCrosstab(table: CrosstabTable, rowHeader: string, target: SmallExportTarget): Promise<SmallExportResult> {
  await writeAtomically(target.path, target.guard, async (temp) => {
    if (target.format === 'csv') {
      const lines: string[] = [csvLine([table.title])];
      for (const block of table.blocks) {
        lines.push('', csvLine([block.title]), csvLine([rowHeader, ...table.cols]));
        table.rows.forEach((label, i) => lines.push(csvLine([label, ...(block.cells[i] ?? []).map((c) => c.value)])));
      }
      lines.push('', ...[...table.notes, ...table.preferences].map((n) => csvLine([n])));
      await writeFile(temp, encodeCsv(lines, target.encoding));
      return;
    }
    const wb = new (await loadExcelJs()).Workbook();
    wb.creator = 'Kequn 客群';
    const ws = wb.addWorksheet(sanitizeSheetName(target.sheetName, new Set()));
    const widths = new WidthTracker([]);
    writeCrosstabTable(ws, 1, table, rowHeader, widths);
    applyWidths(ws, widths);
    printSetup(ws);
    await wb.xlsx.writeFile(temp);
  });
  return { path: target.path, rows: table.rows.length, sheets: 1, format: target.format };
}
