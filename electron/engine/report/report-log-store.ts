import { z } from 'zod';
import { REPORT_SHEETS } from '../../../shared/contract/exports';
import type { ReportRecord } from '../../../shared/contract/project-overview';
import type { ProjectStore } from '../store/project-store';

interface ReportRow {
  id: string;
  segmentation_id: string;
  segmentation_name: string;
  path: string;
  lang: string;
  sheets_json: string;
  customers: number;
  created_at: string;
}

const sheetsSchema = z.array(z.enum(REPORT_SHEETS));
const langSchema = z.enum(['zh', 'en']);

export type NewReportRecord = Omit<ReportRecord, 'id' | 'createdAt'>;

/** Records a written report (one short write after the file is complete). */
export function recordReport(store: ProjectStore, r: NewReportRecord): ReportRecord {
  const db = store.db;
  const id = db.transaction(() => {
    const seq = ((db.prepare('SELECT max(seq) FROM report_log').pluck().get() as number | null) ?? 0) + 1;
    const newId = `r${seq}`;
    db.prepare(
      'INSERT INTO report_log (id, seq, segmentation_id, segmentation_name, path, lang, sheets_json, customers, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(newId, seq, r.segmentationId, r.segmentationName, r.path, r.lang, JSON.stringify(r.sheets), r.customers, new Date().toISOString());
    return newId;
  })();
  return listReports(store).find((x) => x.id === id)!;
}

/** Written reports, oldest first. */
export function listReports(store: ProjectStore): ReportRecord[] {
  const rows = store.db.prepare('SELECT * FROM report_log ORDER BY seq').all() as ReportRow[];
  return rows.map((r) => ({
    id: r.id,
    segmentationId: r.segmentation_id,
    segmentationName: r.segmentation_name,
    path: r.path,
    lang: langSchema.catch('zh').parse(r.lang),
    sheets: sheetsSchema.catch([]).parse(JSON.parse(r.sheets_json)),
    customers: r.customers,
    createdAt: r.created_at,
  }));
}
