import type { ReportRecord } from '../../../shared/contract/project-overview';
import type { ProjectStore } from '../store/project-store';
import type { NewReportRecord } from '../store/tables/reports-table';

export type { NewReportRecord };

/** Records a written report (one short write after the file is complete). */
export function recordReport(store: ProjectStore, r: NewReportRecord): ReportRecord {
  const id = store.write(() => store.tables.reports.insert(r));
  return listReports(store).find((x) => x.id === id)!;
}

/** Written reports, oldest first. */
export function listReports(store: ProjectStore): ReportRecord[] {
  store.assertOpen();
  return store.tables.reports.list();
}
