import type { ReportSection } from './report-context';
import { actionsSection } from './sections/actions-section';
import { chartsSection } from './sections/charts-section';
import { clvSection } from './sections/clv-section';
import { crosstabSection } from './sections/crosstab-section';
import { customersSection } from './sections/customers-section';
import { methodSection } from './sections/method-section';
import { migrationSection } from './sections/migration-section';
import { modelsSection } from './sections/models-section';
import { overviewSection } from './sections/overview-section';
import { pivotsSection } from './sections/pivots-section';
import { profilesSection } from './sections/profiles-section';

/**
 * The report's sheets in the order they appear. A new sheet (a model explanation, a CLV table) is
 * one section module and one line here; its key goes into REPORT_SHEETS in shared/contract/exports.
 */
export const REPORT_SECTIONS: readonly ReportSection[] = [
  overviewSection,
  profilesSection,
  clvSection,
  actionsSection,
  customersSection,
  crosstabSection,
  pivotsSection,
  chartsSection,
  migrationSection,
  modelsSection,
  methodSection,
];
