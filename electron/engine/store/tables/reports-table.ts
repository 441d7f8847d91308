import type Database from 'better-sqlite3';
import { z } from 'zod';
import { REPORT_SHEETS } from '../../../../shared/contract/exports';
import type { ReportRecord } from '../../../../shared/contract/project-overview';

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

/** The `report_log` table: reports written from the project, for the workflow panel. */
export class ReportsTable {
  constructor(private readonly db: Database.Database) {}

  insert(r: NewReportRecord): string {
    const seq = ((this.db.prepare('SELECT max(seq) FROM report_log').pluck().get() as number | null) ?? 0) + 1;
    const id = `r${seq}`;
    this.db
      .prepare('INSERT INTO report_log (id, seq, segmentation_id, segmentation_name, path, lang, sheets_json, customers, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, seq, r.segmentationId, r.segmentationName, r.path, r.lang, JSON.stringify(r.sheets), r.customers, new Date().toISOString());
    return id;
  }

  /** Written reports, oldest first. */
  list(): ReportRecord[] {
    return (this.db.prepare('SELECT * FROM report_log ORDER BY seq').all() as ReportRow[]).map((r) => ({
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
}
