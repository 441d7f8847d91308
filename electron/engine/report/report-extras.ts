import { crosstabReportMatrix, savedPivotMatrices } from '../analyze/report-matrices';
import { getCards } from '../segment/cards';
import { findClvModelBySegmentation } from '../store/clv-model-store';
import { migrationMatrix } from '../segment/segment-migration';
import type { ProjectStore } from '../store/project-store';
import type { ReportData } from './report-data';
import type { ReportExtras, ReportMatrix } from './segmentation-report';
import type { ReportLang } from './report-text';
import { t } from './report-text';

export interface ReportExtrasRequest {
  crosstab?: { cols: string; factsDatasetId?: string | undefined; join?: string | undefined; measure: string } | undefined;
  compareWith?: string | undefined;
}

/**
 * Gathers the optional analysis sheets from the analysis and segmentation modules: the
 * preference cross-tab (when a category column is given), the dataset's saved pivots re-run on
 * today's data, and the migration matrix against an earlier segmentation.
 */
export async function buildReportExtras(store: ProjectStore, data: ReportData, request: ReportExtrasRequest, lang: ReportLang): Promise<ReportExtras> {
  const extras: ReportExtras = {};
  // Description cards (细分客户描述): the user's edited texts when saved, else derived from the data.
  extras.cards = getCards(store, data.segmentation.id, false, lang);
  if (request.crosstab) extras.crosstab = await crosstabReportMatrix(store, data.segmentation, request.crosstab, lang);
  const pivots = await savedPivotMatrices(store, data.dataset.id, lang);
  if (pivots.length > 0) extras.pivots = pivots;
  if (request.compareWith) extras.migration = migrationReportMatrix(store, request.compareWith, data.segmentation.id, lang);
  if (data.segmentation.method === 'clv') extras.clv = findClvModelBySegmentation(store, data.segmentation.id);
  return extras;
}

function migrationReportMatrix(store: ProjectStore, fromId: string, toId: string, lang: ReportLang): ReportMatrix {
  const m = migrationMatrix(store, { fromId, toId });
  const rowTotals = m.counts.map((r) => r.reduce((a, b) => a + b, 0));
  return {
    title: `${t('migration', lang)}: ${m.from.name} → ${m.to.name}`,
    rowLabels: [...m.fromSegments, t('total', lang)],
    colLabels: [...m.toSegments, t('total', lang)],
    blocks: [
      {
        name: t('from', lang),
        values: [
          ...m.counts.map((r, i) => [...r, rowTotals[i] ?? 0]),
          [...m.toSegments.map((_, j) => m.counts.reduce((a, r) => a + (r[j] ?? 0), 0)), m.total],
        ],
        numFmt: '#,##0',
      },
    ],
    notes: [lang === 'zh' ? `匹配方式：${m.matchedBy}` : `Matched by: ${m.matchedBy}`],
  };
}
