import { writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { csvField, csvSafeText } from './cell-safety';
import type { CsvEncoding } from './dataset-export';
import { WidthTracker } from './column-width';
import { writeAtomically, type OutputGuard } from '../files/output-file';
import { writeMatrices, type ReportMatrix } from './segmentation-report';
import type { ReportLang } from './report-text';
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
    const wb = new ExcelJS.Workbook();
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

/** A labelled matrix (cross-tab blocks, notes) as the report's matrix sheet or as stacked CSV blocks. */
export async function exportMatrix(matrix: ReportMatrix, target: SmallExportTarget, lang: ReportLang): Promise<SmallExportResult> {
  await writeAtomically(target.path, target.guard, async (temp) => {
    if (target.format === 'csv') {
      const lines: string[] = [csvLine([matrix.title])];
      for (const block of matrix.blocks) {
        lines.push('', csvLine([block.name]), csvLine(['', ...matrix.colLabels]));
        matrix.rowLabels.forEach((label, i) => lines.push(csvLine([label, ...(block.values[i] ?? [])])));
      }
      if (matrix.notes?.length) lines.push('', ...matrix.notes.map((n) => csvLine([n])));
      await writeFile(temp, encodeCsv(lines, target.encoding));
      return;
    }
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Kequn 客群';
    const ws = wb.addWorksheet(sanitizeSheetName(target.sheetName, new Set()));
    writeMatrices(ws, [matrix], lang);
    printSetup(ws);
    await wb.xlsx.writeFile(temp);
  });
  return { path: target.path, rows: matrix.rowLabels.length, sheets: 1, format: target.format };
}
