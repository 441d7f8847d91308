import type Database from 'better-sqlite3';
import { z } from 'zod';
import { cleanOperationSchema, cleanReportSchema, type CleanOperation, type CleanReport, type CleanStep } from '../../../../shared/contract/clean';
import { datasetStateSchema, type DatasetState } from '../datasets-table';

interface StepRow {
  id: string;
  dataset_id: string;
  seq: number;
  operation_json: string;
  report_json: string;
  affected_rows: number;
  rows_before: number;
  rows_after: number;
  before_json: string;
  after_json: string;
  state: string;
  created_at: string;
}

/** A cleaning step with the dataset state on both sides (what undo and redo switch between). */
export interface StepRecord extends CleanStep {
  datasetId: string;
  before: DatasetState;
  after: DatasetState;
}

export type NewStep = Omit<StepRecord, 'id' | 'createdAt' | 'state'>;

const stateSchema = z.enum(['applied', 'undone']);

/** The `clean_steps` table and the data objects each step refers to (`clean_step_data`). */
export class StepsTable {
  constructor(private readonly db: Database.Database) {}

  list(datasetId: string): StepRecord[] {
    return (this.db.prepare('SELECT * FROM clean_steps WHERE dataset_id = ? ORDER BY seq').all(datasetId) as StepRow[]).map(toRecord);
  }

  get(id: string): StepRecord | null {
    const row = this.db.prepare('SELECT * FROM clean_steps WHERE id = ?').get(id) as StepRow | undefined;
    return row ? toRecord(row) : null;
  }

  maxSeq(datasetId: string): number {
    return (this.db.prepare('SELECT max(seq) FROM clean_steps WHERE dataset_id = ?').pluck().get(datasetId) as number | null) ?? 0;
  }

  insert(s: NewStep): string {
    const id = `${s.datasetId}-s${s.seq}-${Date.now().toString(36)}`;
    this.db
      .prepare(
        `INSERT INTO clean_steps (id, dataset_id, seq, operation_json, report_json, affected_rows, rows_before, rows_after,
          before_json, after_json, state, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'applied', ?)`,
      )
      .run(id, s.datasetId, s.seq, JSON.stringify(s.operation), JSON.stringify(s.report), s.affectedRows, s.rowsBefore, s.rowsAfter, JSON.stringify(s.before), JSON.stringify(s.after), new Date().toISOString());
    this.recordData(id, [s.before, s.after]);
    return id;
  }

  /** Re-records the data a step refers to (after converting an older project's step). */
  setStates(id: string, before: DatasetState, after: DatasetState): void {
    this.db.prepare('UPDATE clean_steps SET before_json = ?, after_json = ?, legacy_before_table = NULL, legacy_after_table = NULL WHERE id = ?').run(JSON.stringify(before), JSON.stringify(after), id);
    this.db.prepare('DELETE FROM clean_step_data WHERE step_id = ?').run(id);
    this.recordData(id, [before, after]);
  }

  setState(id: string, state: 'applied' | 'undone'): void {
    this.db.prepare('UPDATE clean_steps SET state = ? WHERE id = ?').run(state, id);
  }

  /** Drops the steps that can no longer be redone (a new step replaces them). */
  deleteUndone(datasetId: string): void {
    this.db.prepare("DELETE FROM clean_steps WHERE dataset_id = ? AND state = 'undone'").run(datasetId);
  }

  private recordData(id: string, states: DatasetState[]): void {
    const ids = new Set<number>();
    for (const st of states) {
      for (const c of st.columns) ids.add(c.dataId);
      if (st.rowIds !== null) ids.add(st.rowIds);
    }
    const ins = this.db.prepare('INSERT OR IGNORE INTO clean_step_data (step_id, data_id) VALUES (?, ?)');
    for (const d of ids) ins.run(id, d);
  }
}

function toRecord(r: StepRow): StepRecord {
  return {
    id: r.id,
    datasetId: r.dataset_id,
    seq: r.seq,
    operation: cleanOperationSchema.parse(JSON.parse(r.operation_json)) as CleanOperation,
    report: cleanReportSchema.parse(JSON.parse(r.report_json)) as CleanReport,
    affectedRows: r.affected_rows,
    rowsBefore: r.rows_before,
    rowsAfter: r.rows_after,
    before: datasetStateSchema.parse(JSON.parse(r.before_json)),
    after: datasetStateSchema.parse(JSON.parse(r.after_json)),
    state: stateSchema.parse(r.state),
    createdAt: r.created_at,
  };
}
