import type ExcelJS from 'exceljs';
import { KequnError } from '../../../shared/contract/errors';
import type { CellValue } from '../../../shared/contract/json';
import type { EngineContext } from '../host/context';
import { readWorkbookParts } from '../import/xlsx-parts';
import { columnIndex } from '../import/sheet-xml-scanner';
import { ZipArchive } from '../import/zip-archive';
import { dataIdsOf, rowChunks } from '../store/row-chunks';
import type { ProjectStore } from '../store/project-store';
import { WidthTracker } from './column-width';
import { EXCEL_MAX_ROWS, excelNumFmt } from './excel-formats';
import type { ReportData } from './report-data';
import { t, type ReportLang } from './report-text';
import { applyWidths, writeTable } from './sheet-style';
import { cellXml, type ColumnPlan } from './xlsx-stream-writer';
import { columnLetters } from './xlsx-parts';
import { ZipWriter } from './zip-writer';

/** Rows a customer sheet holds under its header. */
const ROWS_PER_SHEET = EXCEL_MAX_ROWS - 1;
/** Rows sampled for column widths. */
const WIDTH_SAMPLE = 500;
/** Parts other than the customer sheets are small (XML, chart PNGs); this caps a hostile one. */
const PART_CAP = 256 * 1024 * 1024;

/** What the splice needs: the placeholder sheets, in order, and how to read and write the rows. */
export interface CustomerSheets {
  names: string[];
  rowsPerSheet: number[];
  /** Column keys read per row: the listed columns, then the segment label. */
  keys: string[];
  datasetId: string;
  kinds: ColumnPlan['kind'][];
  labelIndex: number;
  actionOf: Map<string, string | null>;
  unassigned: string;
}

/**
 * The customer list can have a million rows, which ExcelJS would hold in memory as cell objects
 * (about 1.3 GB at 100,000 customers). So ExcelJS writes each customer sheet with its header,
 * widths, frozen row, autofilter and one sample row that registers the number formats; the rows
 * are streamed in afterwards by `spliceCustomerRows`. Returns the plan for the splice.
 */
export function addCustomerPlaceholders(
  store: ProjectStore,
  data: ReportData,
  lang: ReportLang,
  addSheet: () => ExcelJS.Worksheet,
  perSheet = ROWS_PER_SHEET,
): CustomerSheets {
  const labelKey = data.segmentation.columnKey;
  const cols = data.dataset.columns.filter((c) => c.key !== labelKey).slice(0, 30);
  const actionOf = new Map(data.segments.map((s) => [s.name, s.action]));
  const headers = [...cols.map((c) => c.name), t('segment', lang), t('action', lang)];
  const numFmts = [...cols.map((c) => excelNumFmt(c.type, c.format)), undefined, undefined];
  const kinds: ColumnPlan['kind'][] = [...cols.map((c) => (c.type === 'date' || c.type === 'datetime' ? ('date' as const) : ('plain' as const))), 'plain', 'plain'];
  const keys = [...cols.map((c) => c.key), labelKey];
  const snapshot = store.snapshot(data.dataset.id);
  const widths = new WidthTracker(headers);
  let seen = 0;
  for (const chunk of rowChunks(snapshot, keys, null, WIDTH_SAMPLE)) {
    for (const r of chunk) {
      const label = r[r.length - 1];
      r.slice(0, -1).forEach((v, i) => widths.see(i, v === null ? '' : String(v)));
      widths.see(cols.length, String(label ?? ''));
      widths.see(cols.length + 1, typeof label === 'string' ? (actionOf.get(label) ?? '') : '');
    }
    seen += chunk.length;
    if (seen >= WIDTH_SAMPLE) break;
  }
  // The sample row only carries each column's number format into the styles; it is replaced.
  const sample: CellValue[] = numFmts.map((f, i) => (f ? 0 : i < cols.length ? 'x' : null));
  const total = data.dataset.rowCount;
  const sheetCount = Math.max(1, Math.ceil(total / perSheet));
  const names: string[] = [];
  const rowsPerSheet: number[] = [];
  for (let s = 0; s < sheetCount; s++) {
    const rows = Math.min(perSheet, total - s * perSheet);
    const ws = addSheet();
    writeTable(ws, 1, { headers, rows: [sample], numFmts });
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows) + 1, column: headers.length } };
    applyWidths(ws, widths);
    names.push(ws.name);
    rowsPerSheet.push(Math.max(0, rows));
  }
  return { names, rowsPerSheet, keys, datasetId: data.dataset.id, kinds, labelIndex: cols.length, actionOf, unassigned: t('unassigned', lang) };
}

/**
 * Copies the ExcelJS package at `basePath` to `outPath`, writing each customer sheet as its
 * header, then the dataset's rows streamed from SQLite, then the sheet's own ending (autofilter,
 * print setup). Memory stays flat however many customers there are.
 */
export async function spliceCustomerRows(
  basePath: string,
  size: number,
  outPath: string,
  plan: CustomerSheets,
  store: ProjectStore,
  ctx: Pick<EngineContext, 'progress' | 'checkpoint'>,
  onRows: (written: number) => void,
): Promise<void> {
  const zip = await ZipArchive.open(basePath, size);
  const parts = await readWorkbookParts(zip);
  const partOf = new Map(parts.sheets.map((s) => [s.path.toLowerCase(), s.name]));
  const sheetIndex = new Map(plan.names.map((n, i) => [n, i]));
  // Pinned: a clean-up while the report streams must not take the columns it reads.
  const snapshot = store.snapshot(plan.datasetId);
  const unpin = store.pin(dataIdsOf(snapshot, plan.keys));
  const rows = rowChunks(snapshot, plan.keys, null);
  let pending: CellValue[][] = [];
  let written = 0;
  let expected = 0;
  const out = new ZipWriter(outPath);
  try {
    for (const entry of zip.entries.values()) {
      const data = await zip.read(entry, PART_CAP);
      const name = partOf.get(entry.name.toLowerCase());
      const index = name === undefined ? undefined : sheetIndex.get(name);
      const w = await out.entry(entry.name);
      if (index === undefined) {
        await w.writeBytes(data);
        await w.end();
        continue;
      }
      if (index !== expected++) throw new KequnError('INTERNAL', 'Customer sheets out of order in the package', { zh: '报告中客户名单工作表的顺序有误' });
      const sheet = splitPlaceholder(data.toString('utf8'), plan.kinds.length, plan.rowsPerSheet[index]!);
      await w.write(sheet.head);
      let inSheet = 0;
      const want = plan.rowsPerSheet[index]!;
      while (inSheet < want) {
        if (pending.length === 0) {
          const next = rows.next();
          if (next.done) break;
          pending = next.value;
        }
        const take = pending.slice(0, want - inSheet);
        pending = pending.slice(take.length);
        let xml = '';
        for (const r of take) {
          inSheet++;
          xml += rowXml(inSheet + 1, r, plan, sheet.styles);
        }
        await w.write(xml);
        written += take.length;
        onRows(written);
        await ctx.checkpoint();
      }
      await w.write(sheet.tail);
      await w.end();
    }
    await out.close();
  } catch (e) {
    out.destroy();
    throw e;
  } finally {
    unpin();
  }
}

function rowXml(r: number, values: CellValue[], plan: CustomerSheets, styles: number[]): string {
  const label = values[values.length - 1];
  const cells = values.slice(0, -1);
  cells.push(typeof label === 'string' ? label : plan.unassigned);
  cells.push(typeof label === 'string' ? (plan.actionOf.get(label) ?? null) : null);
  let xml = `<row r="${r}">`;
  for (let i = 0; i < cells.length; i++) {
    xml += cellXml(`${columnLetters(i)}${r}`, cells[i] ?? null, { letter: columnLetters(i), style: styles[i] ?? 0, kind: plan.kinds[i] ?? 'plain' });
  }
  return `${xml}</row>`;
}

/**
 * Cuts a placeholder sheet written by ExcelJS into what comes before its rows (through the
 * header row, with the dimension set to the real size), the style index of each sample cell,
 * and what follows `</sheetData>`.
 */
export function splitPlaceholder(xml: string, width: number, rows: number): { head: string; tail: string; styles: number[] } {
  const data = xml.indexOf('<sheetData>');
  const headerEnd = xml.indexOf('</row>', data);
  const end = xml.indexOf('</sheetData>');
  if (data < 0 || headerEnd < 0 || end < 0) throw new KequnError('INTERNAL', 'Unexpected customer sheet layout', { zh: '客户名单工作表的结构不符合预期' });
  const sampleStart = xml.indexOf('<row', headerEnd);
  const sample = sampleStart >= 0 && sampleStart < end ? xml.slice(sampleStart, xml.indexOf('</row>', sampleStart)) : '';
  const styles = new Array<number>(width).fill(0);
  for (const m of sample.matchAll(/<c\b[^>]*\br="([A-Z]+)\d+"[^>]*>/g)) {
    const s = m[0].match(/\bs="(\d+)"/);
    if (!s) continue;
    const col = columnIndex(m[1]!);
    if (col < width) styles[col] = Number(s[1]);
  }
  const dimension = `<dimension ref="A1:${columnLetters(Math.max(0, width - 1))}${rows + 1}"/>`;
  const head = xml.slice(0, headerEnd + '</row>'.length).replace(/<dimension\b[^>]*\/>/, dimension);
  return { head, tail: xml.slice(end), styles };
}
