import { rmSync, statSync } from 'node:fs';
import { loadExcelJs } from './load-exceljs';
import type { ReportChartMode, ReportSheet } from '../../../shared/contract/exports';
import type { EngineContext } from '../host/context';
import type { ProjectStore } from '../store/project-store';
import { writeAtomically, type OutputGuard } from '../files/output-file';
import { detectCjkFont } from './cjk-font';
import { ImageChartSink, NativeChartSink } from './chart-sinks';
import { spliceCustomerRows } from './customer-sheets';
import { addChartsToPackage } from './native-charts/chart-package';
import type { ReportContext } from './report-context';
import type { ReportData } from './report-data';
import type { ReportInputs } from './report-inputs';
import { REPORT_SECTIONS } from './report-sections';
import type { ReportLang } from './report-text';
import { sanitizeSheetName } from './sheet-names';
import { printSetup } from './sheet-style';

export interface WrittenReport {
  sheets: string[];
  images: number;
  charts: number;
  warnings: string[];
}

/**
 * The font named in native charts: what Chinese Windows and WPS have (Microsoft YaHei); Excel
 * and LibreOffice fall back to an installed CJK font elsewhere.
 */
const NATIVE_CHART_FONT = 'Microsoft YaHei';

/**
 * Writes the segmentation workbook: each requested section in the order of REPORT_SECTIONS, then
 * the package is finished outside ExcelJS — native chart parts added, customer rows streamed in —
 * and renamed into place only when everything succeeded.
 */
export async function writeSegmentationReport(
  store: ProjectStore,
  data: ReportData,
  inputs: ReportInputs,
  path: string,
  lang: ReportLang,
  sheets: readonly ReportSheet[],
  chartMode: ReportChartMode,
  call: Pick<EngineContext, 'progress' | 'checkpoint'>,
  guard: OutputGuard,
): Promise<WrittenReport> {
  const wb = new (await loadExcelJs()).Workbook();
  wb.creator = 'Kequn 客群';
  wb.created = new Date();
  const taken = new Set<string>();
  const written: string[] = [];
  const warnings: string[] = [];
  let pictures = 0;
  const native = new NativeChartSink();
  const images = new ImageChartSink(wb);
  const ctx: ReportContext = {
    store,
    data,
    inputs,
    lang,
    wb,
    charts: chartMode === 'native' ? native : images,
    chartFont: chartMode === 'native' ? NATIVE_CHART_FONT : detectCjkFont().family,
    addSheet: (title) => {
      const name = sanitizeSheetName(title, taken);
      written.push(name);
      const ws = wb.addWorksheet(name);
      printSetup(ws);
      return ws;
    },
    warn: (m) => warnings.push(m),
    customers: null,
    pictures: (n) => (pictures += n),
  };
  const sections = REPORT_SECTIONS.filter((s) => sheets.includes(s.sheet));
  const steps = sections.length + 1;
  for (const [i, section] of sections.entries()) {
    call.progress(i, steps, 'report', { name: section.sheet });
    await call.checkpoint();
    await section.write(ctx);
  }
  const plan = ctx.customers;
  await writeAtomically(path, guard, async (temp) => {
    const base = `${temp}.base`;
    const charted = `${temp}.charts`;
    try {
      await wb.xlsx.writeFile(plan || native.placed.length > 0 ? base : temp);
      let current = base;
      if (native.placed.length > 0) {
        await addChartsToPackage(base, statSync(base).size, plan ? charted : temp, native.placed);
        current = charted;
      }
      if (plan) {
        // ExcelJS wrote everything but the customer rows; they are streamed into the copy.
        const total = Math.max(1, data.dataset.rowCount);
        await spliceCustomerRows(current, statSync(current).size, temp, plan, store, call, (n) => call.progress(steps - 1 + n / total, steps, 'customers'));
      }
    } finally {
      rmSync(base, { force: true });
      rmSync(charted, { force: true });
    }
  });
  call.progress(steps, steps, 'report');
  return { sheets: written, images: images.count + pictures, charts: native.placed.length, warnings };
}
