import { pivotTable, type TableCell } from '../../../shared/analysis/pivot-table-text';
import type { ChartData, CrosstabSpec, PivotSpec, SavedChartSpec, SavedPivot } from '../../../shared/contract/analyze';
import type { ReportCrosstab, ReportSheet } from '../../../shared/contract/exports';
import type { DescriptionCard } from '../../../shared/contract/segment';
import type { EngineContext } from '../host/context';
import type { SegmentationInfo } from '../../../shared/contract/segmentations';
import { BLANK_LABEL } from '../analyze/axis';
import { chartData } from '../analyze/charts-data';
import { renderCrosstab, type RenderedCrosstab } from '../analyze/crosstab-render';
import { runPivot } from '../analyze/pivot';
import { getPivot, listPivots } from '../analyze/pivot-store';
import { getCards } from '../segment/cards';
import { GONE_CUSTOMER, migrationMatrix, NEW_CUSTOMER, UNSEGMENTED } from '../segment/segment-migration';
import { resolveColumn } from '../store/column-reader';
import type { ProjectStore } from '../store/project-store';
import { getSegmentation } from '../store/segmentation-store';
import { quickCrosstab } from './quick-crosstab';
import type { ReportData } from './report-data';
import { fill, type ReportLang } from './report-text';

export interface ReportCrosstabItem extends RenderedCrosstab {
  title: string;
  /** Dataset whose rows the cross-tab counts. */
  source: string;
}

export interface ReportPivotItem {
  title: string;
  source: string;
  lines: TableCell[][];
}

export interface ReportChartItem {
  title: string;
  source: string;
  spec: SavedChartSpec;
  data: ChartData;
}

export interface ReportMigrationItem {
  /** 'schemes': two schemes of the same customers and data; 'periods': an earlier and a later period. */
  kind: 'schemes' | 'periods';
  fromName: string;
  toName: string;
  fromSegments: string[];
  toSegments: string[];
  counts: number[][];
  total: number;
  matchedBy: string;
}

/** Everything the analysis sheets show, computed before any sheet is written. */
export interface ReportInputs {
  cards: DescriptionCard[];
  crosstabs: ReportCrosstabItem[];
  /** Why there is no cross-tab of the segmentation (shown on the sheet instead of dropping it). */
  crosstabNote: string | null;
  /** Per segment, what it prefers (from the segmentation's own cross-tab): for 执行建议. */
  preferences: Map<string, { col: string; tgi: number }[]>;
  pivots: ReportPivotItem[];
  charts: ReportChartItem[];
  migration: ReportMigrationItem | null;
  /** What the report chose by itself, said in the report and in the result. */
  choices: string[];
  /** Models for the 模型说明 sheet (default: those explaining this segmentation). */
  models?: readonly string[] | undefined;
}

export interface ReportInputsRequest {
  sheets: readonly ReportSheet[];
  crosstab?: ReportCrosstab | undefined;
  analyses?: readonly string[] | undefined;
  compareWith?: string | undefined;
  models?: readonly string[] | undefined;
}

const TITLE = { zh: '偏好分析：{name}', en: 'Preferences: {name}' };

/** Progress and cancel while the analyses run (a cross-tab over a million order lines takes a while). */
export type ReportCall = Pick<EngineContext, 'progress' | 'checkpoint'>;
const QUIET: ReportCall = { progress: () => undefined, checkpoint: () => Promise.resolve() };

/** Labels the engine writes in Chinese, shown in the report's language. */
export function engineLabel(label: string, lang: ReportLang): string {
  if (lang === 'zh') return label;
  if (label === BLANK_LABEL) return '(blank)';
  if (label === NEW_CUSTOMER) return '(new customers)';
  if (label === GONE_CUSTOMER) return '(no longer present)';
  if (label === UNSEGMENTED) return '(not segmented)';
  return label;
}

function isSegmentationCrosstab(store: ProjectStore, seg: SegmentationInfo, spec: CrosstabSpec): boolean {
  if (store.getDataset(spec.datasetId).id !== seg.datasetId || spec.rows.dateGroup) return false;
  return resolveColumn(store.getDataset(seg.datasetId).columns, spec.rows.column).key === seg.columnKey;
}

/**
 * Runs every analysis the report shows through the builders the screen uses: the segmentation's
 * preference cross-tab (as asked, or quick defaults that are said), the saved analyses chosen
 * (pivots, cross-tabs, charts, re-run on today's data), the description cards, the comparison.
 */
export async function buildReportInputs(store: ProjectStore, data: ReportData, req: ReportInputsRequest, lang: ReportLang, call: ReportCall = QUIET): Promise<ReportInputs> {
  const seg = data.segmentation;
  const inputs: ReportInputs = { cards: getCards(store, seg.id, false, lang), crosstabs: [], crosstabNote: null, preferences: new Map(), pivots: [], charts: [], migration: null, choices: [], models: req.models };
  const saved: SavedPivot[] = req.analyses ? req.analyses.map((id) => getPivot(store, id)) : listPivots(store, seg.datasetId);
  const savedSegCrosstab = saved.some((p) => p.kind === 'crosstab' && isSegmentationCrosstab(store, seg, p.spec as CrosstabSpec));
  const wantsCrosstab = req.sheets.includes('crosstab') || req.sheets.includes('actions');
  if (req.crosstab) {
    const spec: CrosstabSpec = { ...req.crosstab, datasetId: seg.datasetId, rows: { column: seg.columnKey } };
    inputs.crosstabs.push(await crosstabItem(store, spec, fill(TITLE, lang, { name: seg.name }), lang, call));
  } else if (wantsCrosstab && !savedSegCrosstab) {
    const quick = quickCrosstab(store, seg, lang);
    if (quick.spec) {
      inputs.crosstabs.push(await crosstabItem(store, quick.spec, fill(TITLE, lang, { name: seg.name }), lang, call));
      inputs.choices.push(quick.choice);
    } else inputs.crosstabNote = quick.reason;
  }
  for (const [i, p] of saved.entries()) {
    call.progress(i, saved.length, 'report', { name: p.name });
    await call.checkpoint();
    const ds = store.getDataset(p.datasetId);
    if (p.kind === 'crosstab') inputs.crosstabs.push(await crosstabItem(store, p.spec as CrosstabSpec, p.name, lang, call));
    else if (p.kind === 'pivot') {
      const blank = engineLabel(BLANK_LABEL, lang);
      const lines = pivotTable(await runPivot(store, p.datasetId, p.spec as PivotSpec, { checkpoint: () => call.checkpoint() }), lang).map((l) => l.map((v) => (typeof v === 'string' ? v.split(BLANK_LABEL).join(blank) : v)));
      inputs.pivots.push({ title: p.name, source: ds.name, lines });
    } else {
      const spec = p.spec as SavedChartSpec;
      inputs.charts.push({ title: p.name, source: ds.name, spec, data: chartData(store, spec.request) });
    }
  }
  const own = inputs.crosstabs.find((x) => isSegmentationCrosstab(store, seg, x.result.spec));
  for (const pref of own?.result.preferences ?? []) inputs.preferences.set(pref.row, pref.items.map((i) => ({ col: i.col, tgi: i.tgi })));
  if (req.compareWith && req.sheets.includes('migration')) {
    const m = migrationMatrix(store, { fromId: req.compareWith, toId: seg.id });
    const from = getSegmentation(store, req.compareWith);
    inputs.migration = {
      kind: from.datasetId === seg.datasetId ? 'schemes' : 'periods',
      fromName: m.from.name,
      toName: m.to.name,
      fromSegments: m.fromSegments.map((s) => engineLabel(s, lang)),
      toSegments: m.toSegments.map((s) => engineLabel(s, lang)),
      counts: m.counts,
      total: m.total,
      matchedBy:
        m.matchedBy === 'row'
          ? lang === 'zh'
            ? '两个方案细分的是同一份数据的同一批客户，逐行对应。'
            : 'Both schemes segment the same customers of the same data, matched row by row.'
          : fill({ zh: '按客户键对应：{k}。', en: 'Matched by customer key: {k}.' }, lang, { k: m.matchedBy }),
    };
  }
  return inputs;
}

async function crosstabItem(store: ProjectStore, spec: CrosstabSpec, title: string, lang: ReportLang, call: ReportCall): Promise<ReportCrosstabItem> {
  const rendered = await renderCrosstab(store, spec, lang, { title }, () => call.checkpoint());
  return { ...rendered, title, source: store.getDataset(spec.facts?.datasetId ?? spec.datasetId).name };
}
