import type { BooleanLabels, ColumnInfo } from '../../../shared/contract/datasets';
import { booleanText, hasOwnWords } from '../../../shared/format/boolean-labels';
import { dateCellText } from '../../../shared/format/date-format';
import { msToExcelSerial } from '../../../shared/format/excel-serial';
import type { CellValue } from '../../../shared/contract/json';
import type { EngineContext } from '../host/context';
import { WidthTracker } from './column-width';
import { excelNumFmt } from './excel-formats';
import { sanitizeSheetName } from './sheet-names';
import { columnLetters, contentTypesXml, corePropsXml, rootRelsXml, sheetEndXml, sheetStartXml, stylesXml, workbookRelsXml, workbookXml, xmlText, type SheetEntry } from './xlsx-parts';
import { ZipWriter, type ZipEntryWriter } from './zip-writer';

const MAX_CELL_TEXT = 32_767;

/** How each column's cells are written: its style index and whether numbers are dates or booleans. */
export interface ColumnPlan {
  letter: string;
  style: number;
  kind: 'date' | 'boolean' | 'plain';
  /** Date-times (not dates): decides the text of a date Excel cannot hold as a serial. */
  withTime?: boolean;
  /** Yes/no columns with their own words ("yes"/"no", "是"/"否"): written as those words. */
  labels?: BooleanLabels | null;
}

function textCell(ref: string, text: string): string {
  const t = text.length > MAX_CELL_TEXT ? text.slice(0, MAX_CELL_TEXT) : text;
  // Always an inline string, never a formula: text like "=HYPERLINK(…)" stays text.
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlText(t)}</t></is></c>`;
}

export function cellXml(ref: string, v: CellValue, plan: ColumnPlan): string {
  if (v === null) return '';
  if (typeof v === 'string') return textCell(ref, v);
  if (typeof v === 'boolean') return `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
  if (!Number.isFinite(v)) return textCell(ref, String(v));
  const s = plan.style ? ` s="${plan.style}"` : '';
  if (plan.kind === 'date') {
    // Before 1900 Excel has no serial: the date is written as its text (yyyy-mm-dd[ hh:mm:ss]).
    const serial = msToExcelSerial(v);
    return serial === null ? textCell(ref, dateCellText(v, plan.withTime === true)) : `<c r="${ref}"${s}><v>${serial}</v></c>`;
  }
  if (plan.kind === 'boolean') return plan.labels ? textCell(ref, booleanText(v, plan.labels)) : `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
  return `<c r="${ref}"${s}><v>${v}</v></c>`;
}

function displayText(v: CellValue, col: ColumnInfo): string {
  if (v === null) return '';
  if (typeof v === 'number' && (col.type === 'date' || col.type === 'datetime')) return col.type === 'date' ? '2024-01-01' : '2024-01-01 00:00:00';
  return typeof v === 'number' ? v.toLocaleString('en-US') : String(v);
}

/**
 * Streams rows into a styled .xlsx (header bold white on green, frozen, autofilter, number and
 * date formats, widths from the first rows, landscape fit-to-width), starting a new sheet every
 * `rowsPerSheet` rows. Memory stays flat: each chunk is turned into XML and deflated to disk.
 */
export async function writeXlsxStream(
  path: string,
  name: string,
  columns: ColumnInfo[],
  chunks: Iterable<CellValue[][]>,
  total: number,
  rowsPerSheet: number,
  ctx: Pick<EngineContext, 'progress' | 'checkpoint'>,
): Promise<{ rows: number; sheets: number }> {
  const iterator = chunks[Symbol.iterator]();
  const first = iterator.next();
  const tracker = new WidthTracker(columns.map((c) => c.name));
  if (!first.done) for (const r of first.value.slice(0, 2000)) r.forEach((v, i) => tracker.see(i, displayText(v, columns[i]!)));
  const widths = tracker.widths();
  const formats: string[] = [];
  const plans: ColumnPlan[] = columns.map((c, i) => {
    const fmt = excelNumFmt(c.type, c.format);
    let style = 0;
    if (fmt) {
      if (!formats.includes(fmt)) formats.push(fmt);
      style = 2 + formats.indexOf(fmt);
    }
    const kind = c.type === 'date' || c.type === 'datetime' ? 'date' : c.type === 'boolean' ? 'boolean' : 'plain';
    return { letter: columnLetters(i), style, kind, withTime: c.type === 'datetime', labels: hasOwnWords(c.labels) ? c.labels : null };
  });
  const lastLetter = columnLetters(Math.max(0, columns.length - 1));
  const header = (): string => `<row r="1">${columns.map((c, i) => `<c r="${plans[i]!.letter}1" s="1" t="inlineStr"><is><t xml:space="preserve">${xmlText(c.name)}</t></is></c>`).join('')}</row>`;

  const zip = new ZipWriter(path);
  const taken = new Set<string>();
  const sheets: SheetEntry[] = [];
  let sheet: ZipEntryWriter | null = null;
  let inSheet = 0;
  let n = 0;
  const closeSheet = async (): Promise<void> => {
    if (!sheet) return;
    const ref = `A1:${lastLetter}${inSheet + 1}`;
    sheets[sheets.length - 1]!.filterRef = ref;
    await sheet.write(sheetEndXml(ref));
    await sheet.end();
    sheet = null;
  };
  const openSheet = async (): Promise<ZipEntryWriter> => {
    const index = sheets.length + 1;
    sheets.push({ name: sanitizeSheetName(index === 1 ? name : `${name} ${index}`, taken), filterRef: '' });
    const w = await zip.entry(`xl/worksheets/sheet${index}.xml`);
    await w.write(sheetStartXml(widths, plans.map((p) => p.style)) + header());
    inSheet = 0;
    return w;
  };
  try {
    for (let chunk = first; !chunk.done; chunk = iterator.next()) {
      let xml = '';
      for (const row of chunk.value) {
        if (!sheet || inSheet >= rowsPerSheet) {
          if (xml) await sheet!.write(xml);
          xml = '';
          await closeSheet();
          sheet = await openSheet();
        }
        inSheet++;
        n++;
        const r = inSheet + 1;
        let cells = '';
        for (let i = 0; i < row.length; i++) cells += cellXml(`${plans[i]!.letter}${r}`, row[i]!, plans[i]!);
        xml += `<row r="${r}">${cells}</row>`;
      }
      if (xml) await sheet!.write(xml);
      ctx.progress(n, total, 'export');
      await ctx.checkpoint();
    }
    if (!sheet) sheet = await openSheet();
    await closeSheet();
    await zip.file('xl/styles.xml', stylesXml(formats));
    await zip.file('xl/workbook.xml', workbookXml(sheets));
    await zip.file('xl/_rels/workbook.xml.rels', workbookRelsXml(sheets.length));
    await zip.file('docProps/core.xml', corePropsXml('Kequn 客群', new Date()));
    await zip.file('_rels/.rels', rootRelsXml());
    await zip.file('[Content_Types].xml', contentTypesXml(sheets.length));
    await zip.close();
  } catch (e) {
    zip.destroy();
    throw e;
  }
  ctx.progress(n, total, 'export');
  return { rows: n, sheets: sheets.length };
}
