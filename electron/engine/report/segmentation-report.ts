import { rmSync, statSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { ReportSheet } from '../../../shared/contract/exports';
import type { DescriptionCard } from '../../../shared/contract/segment';
import type { CellValue, JsonValue } from '../../../shared/contract/json';
import { APP_VERSION } from '../../../shared/version';
import type { EngineContext } from '../host/context';
import type { ProjectStore } from '../store/project-store';
import { collectModelNotes, writeModelNotes } from '../models/model-sheet';
import { writeAtomically } from './atomic-file';
import { addCustomerPlaceholders, spliceCustomerRows, type CustomerSheets } from './customer-sheets';
import { detectCjkFont, renderChart } from './chart-image';
import { WidthTracker } from './column-width';
import { reportCharts } from './report-charts';
import type { ReportData } from './report-data';
import { t, type ReportLang } from './report-text';
import { sanitizeSheetName } from './sheet-names';
import { applyWidths, printSetup, SECTION_FONT, TITLE_FONT, writeTable } from './sheet-style';

/** A labelled matrix (cross-tab, migration, pivot) handed to the report by the analysis code. */
export interface ReportMatrix {
  title: string;
  rowLabels: string[];
  colLabels: string[];
  /** One block per measure, e.g. counts, row %, TGI. */
  blocks: { name: string; values: (number | null)[][]; numFmt?: string; colorScale?: boolean }[];
  notes?: string[];
}

export interface ReportExtras {
  cards?: DescriptionCard[];
  crosstab?: ReportMatrix;
  migration?: ReportMatrix;
  pivots?: ReportMatrix[];
  /** Model ids for the 模型说明 sheet (default: see collectModelNotes). */
  models?: string[];
}

export interface WrittenReport {
  sheets: string[];
  images: number;
  warnings: string[];
}

/** Assembles the segmentation workbook: overview with charts, profiles, customer list, analyses, method. */
export async function writeSegmentationReport(
  store: ProjectStore,
  data: ReportData,
  path: string,
  lang: ReportLang,
  sheets: readonly ReportSheet[],
  extras: ReportExtras,
  ctx: Pick<EngineContext, 'progress' | 'checkpoint'>,
): Promise<WrittenReport> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Kequn 客群';
  wb.created = new Date();
  const taken = new Set<string>();
  const written: string[] = [];
  const warnings: string[] = [];
  let images = 0;
  const steps = sheets.length;
  let step = 0;
  const next = async (label: string): Promise<void> => {
    ctx.progress(step++, steps, label);
    await ctx.checkpoint();
  };
  const addSheet = (key: Parameters<typeof t>[0]): ExcelJS.Worksheet => {
    const name = sanitizeSheetName(t(key, lang), taken);
    written.push(name);
    const ws = wb.addWorksheet(name);
    printSetup(ws);
    return ws;
  };

  if (sheets.includes('overview')) {
    await next('overview');
    images += writeOverview(wb, addSheet('overview'), data, lang);
  }
  if (sheets.includes('profiles')) {
    await next('profiles');
    writeProfiles(addSheet('profiles'), data, lang, extras.cards ?? []);
  }
  let customers: CustomerSheets | null = null;
  if (sheets.includes('customers')) {
    await next('customers');
    customers = addCustomerPlaceholders(store, data, lang, () => addSheet('customers'));
  }
  for (const [key, matrix] of [
    ['crosstab', extras.crosstab],
    ['migration', extras.migration],
  ] as const) {
    if (!sheets.includes(key)) continue;
    await next(key);
    if (matrix) writeMatrices(addSheet(key), [matrix], lang);
    else if (key === 'crosstab') warnings.push(lang === 'zh' ? '未指定偏好交叉表的类别列，已跳过该表。' : 'No cross-tab category column given; sheet skipped.');
  }
  if (sheets.includes('pivots') && extras.pivots?.length) {
    await next('pivots');
    writeMatrices(addSheet('pivots'), extras.pivots, lang);
  }
  if (sheets.includes('models')) {
    await next('models');
    images += writeModelNotes(wb, () => addSheet('models'), collectModelNotes(store, data.segmentation, extras.models), lang);
  }
  if (sheets.includes('method')) {
    await next('method');
    writeMethod(addSheet('method'), data, lang);
  }
  const plan = customers;
  await writeAtomically(path, async (temp) => {
    if (!plan) return wb.xlsx.writeFile(temp);
    // ExcelJS writes everything but the customer rows; they are streamed into the copy.
    const base = `${temp}.base`;
    try {
      await wb.xlsx.writeFile(base);
      const total = Math.max(1, data.dataset.rowCount);
      await spliceCustomerRows(base, statSync(base).size, temp, plan, store, ctx, (n) => ctx.progress(steps - 1 + n / total, steps, 'customers'));
    } finally {
      rmSync(base, { force: true });
    }
  });
  ctx.progress(steps, steps, 'done');
  return { sheets: written, images, warnings };
}

function writeOverview(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, data: ReportData, lang: ReportLang): number {
  ws.getCell('A1').value = `${t('title', lang)} — ${data.segmentation.name}`;
  ws.getCell('A1').font = TITLE_FONT;
  const info: [string, CellValue][] = [
    [t('source', lang), `${data.dataset.name}${data.dataset.source ? ` (${data.dataset.source})` : ''}`],
    [t('generated', lang), new Date().toISOString().slice(0, 16).replace('T', ' ')],
    [t('customerCount', lang), data.customers],
    [t('scheme', lang), `${data.segmentation.name} [${data.segmentation.method}]`],
    [t('software', lang), `Kequn 客群 ${APP_VERSION}`],
  ];
  info.forEach(([k, v], i) => {
    ws.getCell(3 + i, 1).value = k;
    ws.getCell(3 + i, 1).font = { bold: true };
    ws.getCell(3 + i, 2).value = v;
  });
  const widths = new WidthTracker([]);
  const metricCols = data.metrics.slice(0, 8);
  const headers = [t('segment', lang), t('count', lang), t('share', lang), t('revenue', lang), t('revenueShare', lang), ...metricCols.map((m) => `${m.name} ${t('mean', lang)}`)];
  const rows: CellValue[][] = data.segments.map((s) => [s.name, s.count, s.share, s.revenue, s.revenueShare, ...metricCols.map((m) => s.means[m.key] ?? null)]);
  const tableStart = 10;
  const after = writeTable(
    ws,
    tableStart,
    { headers, rows, numFmts: [undefined, '#,##0', '0.0%', '¥#,##0.00', '0.0%', ...metricCols.map(() => '#,##0.00')] },
    widths,
  );
  ws.views = [{ state: 'frozen', ySplit: tableStart }];
  widths.see(0, String(info[0]?.[0] ?? ''));
  applyWidths(ws, widths);
  ws.getColumn(1).width = Math.max(ws.getColumn(1).width ?? 10, 16);
  ws.getColumn(2).width = Math.max(ws.getColumn(2).width ?? 10, 14);
  // Charts: two per row, each ~8 columns wide.
  let count = 0;
  for (const chart of reportCharts(data, lang)) {
    const img = renderChart(chart.option, 640, 360);
    const id = wb.addImage({ buffer: img.png as unknown as ExcelJS.Buffer, extension: 'png' });
    const row = after + 1 + Math.floor(count / 2) * 20;
    const col = (count % 2) * 8;
    // A printed page break above each later row of charts, so no chart is cut in two on paper.
    if (count > 0 && count % 2 === 0) ws.getRow(row).addPageBreak();
    ws.addImage(id, { tl: { col, row }, ext: { width: 640, height: 360 } });
    count++;
  }
  return count;
}

function writeProfiles(ws: ExcelJS.Worksheet, data: ReportData, lang: ReportLang, cards: DescriptionCard[]): void {
  const widths = new WidthTracker([]);
  let row = 1;
  ws.getCell(row, 1).value = t('profiles', lang);
  ws.getCell(row, 1).font = TITLE_FONT;
  row += 2;
  const headers = [t('metric', lang), t('overall', lang), ...data.segments.flatMap((s) => [`${s.name} ${t('mean', lang)}`, `${s.name} ${t('index', lang)}`])];
  const rows: CellValue[][] = data.metrics.map((m) => {
    const avg = data.overallMeans[m.key] ?? null;
    return [
      m.name,
      avg,
      ...data.segments.flatMap((s) => {
        const v = s.means[m.key] ?? null;
        return [v, avg && v !== null ? Math.round((v / avg) * 100) : null];
      }),
    ];
  });
  row = writeTable(ws, row, { headers, rows, numFmts: [undefined, '#,##0.00', ...data.segments.flatMap(() => ['#,##0.00', '0'])] }, widths);
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: 3 }];
  ws.getCell(row, 1).value = t('description', lang);
  ws.getCell(row, 1).font = SECTION_FONT;
  row++;
  for (const s of data.segments) {
    ws.getCell(row, 1).value = s.name;
    ws.getCell(row, 1).font = { bold: true };
    ws.getCell(row, 2).value = `${t('count', lang)} ${s.count} · ${t('share', lang)} ${(s.share * 100).toFixed(1)}%${s.revenueShare !== null ? ` · ${t('revenueShare', lang)} ${(s.revenueShare * 100).toFixed(1)}%` : ''}`;
    row++;
    const card = cards.find((c) => c.segment === s.name);
    // The seeds' description order: basic status → behaviour → value → needs.
    const lines: [Parameters<typeof t>[0], string | undefined][] = [
      ['cardStatus', card?.status],
      ['cardBehaviour', card?.behaviour],
      ['cardValue', card?.value],
      ['cardNeeds', card?.needs],
      ['action', s.action ?? undefined],
    ];
    for (const [key, text] of lines) {
      if (!text) continue;
      ws.getCell(row, 2).value = `${t(key, lang)}：${text}`;
      ws.getCell(row, 2).alignment = { wrapText: false };
      row++;
    }
    row++;
  }
  applyWidths(ws, widths);
}

export function writeMatrices(ws: ExcelJS.Worksheet, matrices: ReportMatrix[], lang: ReportLang): void {
  const widths = new WidthTracker([]);
  let row = 1;
  for (const m of matrices) {
    ws.getCell(row, 1).value = m.title;
    ws.getCell(row, 1).font = TITLE_FONT;
    row += 2;
    for (const block of m.blocks) {
      ws.getCell(row, 1).value = block.name;
      ws.getCell(row, 1).font = SECTION_FONT;
      row++;
      const first = row + 1;
      row = writeTable(
        ws,
        row,
        { headers: [lang === 'zh' ? '' : '', ...m.colLabels], rows: m.rowLabels.map((label, i) => [label, ...(block.values[i] ?? [])]), numFmts: [undefined, ...m.colLabels.map(() => block.numFmt)] },
        widths,
      );
      if (block.colorScale && m.rowLabels.length > 0 && m.colLabels.length > 0) {
        const ref = `B${first}:${columnLetter(m.colLabels.length + 1)}${first + m.rowLabels.length - 1}`;
        ws.addConditionalFormatting({
          ref,
          rules: [
            {
              type: 'colorScale',
              priority: 1,
              cfvo: [{ type: 'min' }, { type: 'num', value: 100 }, { type: 'max' }],
              color: [{ argb: 'FF5B9BD5' }, { argb: 'FFFFFFFF' }, { argb: 'FFF8696B' }],
            },
          ],
        });
      }
    }
    for (const note of m.notes ?? []) {
      ws.getCell(row, 1).value = note;
      row++;
    }
    row += 2;
  }
  applyWidths(ws, widths);
}

function writeMethod(ws: ExcelJS.Worksheet, data: ReportData, lang: ReportLang): void {
  ws.getCell('A1').value = t('method', lang);
  ws.getCell('A1').font = TITLE_FONT;
  const rows: CellValue[][] = [
    ['segmentation.id', data.segmentation.id],
    ['segmentation.method', data.segmentation.method],
    ['segmentation.createdAt', data.segmentation.createdAt],
    ['dataset', `${data.dataset.name} (${data.dataset.id}, ${data.dataset.rowCount} rows)`],
    ...flatten(data.segmentation.definition, 'definition'),
    ['software', `Kequn 客群 ${APP_VERSION}`],
    ['font', detectCjkFont().family],
  ];
  const widths = new WidthTracker([]);
  const end = writeTable(ws, 3, { headers: [t('parameter', lang), t('value', lang)], rows }, widths);
  ws.getCell(end, 1).value = t('reproduce', lang);
  applyWidths(ws, widths);
}

/** Flattens a definition into dotted key/value rows; long arrays are written as JSON text. */
function flatten(value: JsonValue, prefix: string): CellValue[][] {
  if (value === null || typeof value !== 'object') return [[prefix, value]];
  if (Array.isArray(value)) {
    const text = JSON.stringify(value);
    return text.length <= 500 || value.length > 50 ? [[prefix, text.slice(0, 32_000)]] : value.flatMap((v, i) => flatten(v, `${prefix}[${i}]`));
  }
  return Object.entries(value).flatMap(([k, v]) => flatten(v, `${prefix}.${k}`));
}

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
