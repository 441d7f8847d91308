import { KequnError } from '../../../shared/contract/errors';
import type { JsonValue } from '../../../shared/contract/json';
import type { SegmentationInfo, SegmentationMethod, SegmentSummary } from '../../../shared/contract/segmentations';
import { addColumns } from './column-writer';
import type { ProjectStore } from './project-store';
import { quoteIdent } from './sql';

export interface NewSegmentation {
  datasetId: string;
  method: SegmentationMethod;
  name: string;
  /** Name of the label column added to the dataset (made unique if taken). */
  columnName: string;
  /** One label per row in _row order; null = not segmented (e.g. dropped for missing values). */
  labels: readonly (string | null)[];
  definition: JsonValue;
  segments: SegmentSummary[];
}

interface SegmentationRow {
  id: string;
  dataset_id: string;
  method: string;
  name: string;
  column_key: string;
  definition_json: string;
  summary_json: string;
  created_at: string;
}

/** Saves a segmentation and its label column in one transaction. */
export function saveSegmentation(store: ProjectStore, spec: NewSegmentation): SegmentationInfo {
  const db = store.db;
  const id = db.transaction(() => {
    const [columnKey] = addColumns(store, spec.datasetId, [{ name: spec.columnName, originalHeader: null, type: 'text' }], (i) => [
      spec.labels[i] ?? null,
    ]);
    const seq = ((db.prepare('SELECT max(seq) FROM segmentations').pluck().get() as number | null) ?? 0) + 1;
    const newId = `s${seq}`;
    db.prepare(
      `INSERT INTO segmentations (id, seq, dataset_id, method, name, column_key, definition_json, summary_json, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(newId, seq, spec.datasetId, spec.method, spec.name, columnKey, JSON.stringify(spec.definition), JSON.stringify(spec.segments), new Date().toISOString());
    return newId;
  })();
  return getSegmentation(store, id);
}

export function getSegmentation(store: ProjectStore, id: string): SegmentationInfo {
  const row = store.db.prepare('SELECT * FROM segmentations WHERE id = ?').get(id) as SegmentationRow | undefined;
  if (!row) throw new KequnError('NOT_FOUND', `Segmentation not found: ${id}`, { zh: `未找到细分结果：${id}`, details: { segmentation: id } });
  return toInfo(row);
}

export function listSegmentations(store: ProjectStore, datasetId?: string): SegmentationInfo[] {
  const rows = (datasetId
    ? store.db.prepare('SELECT * FROM segmentations WHERE dataset_id = ? ORDER BY seq').all(datasetId)
    : store.db.prepare('SELECT * FROM segmentations ORDER BY seq').all()) as SegmentationRow[];
  return rows.map(toInfo);
}

/** Updates the editable texts (names, actions) of a saved segmentation's summary. */
export function updateSegmentSummaries(store: ProjectStore, id: string, segments: SegmentSummary[]): SegmentationInfo {
  store.db.prepare('UPDATE segmentations SET summary_json = ? WHERE id = ?').run(JSON.stringify(segments), id);
  return getSegmentation(store, id);
}

/** Removes the record and its label column (the rest of the dataset is untouched). */
export function removeSegmentation(store: ProjectStore, id: string): boolean {
  const seg = getSegmentation(store, id);
  const table = store.tableOf(seg.datasetId);
  store.db.transaction(() => {
    store.db.prepare('DELETE FROM segmentations WHERE id = ?').run(id);
    store.db.prepare('DELETE FROM dataset_columns WHERE dataset_id = ? AND key = ?').run(seg.datasetId, seg.columnKey);
    store.db.exec(`ALTER TABLE ${table} DROP COLUMN ${quoteIdent(seg.columnKey)}`);
    store.db.prepare('UPDATE datasets SET updated_at = ? WHERE id = ?').run(new Date().toISOString(), seg.datasetId);
  })();
  return true;
}

function toInfo(r: SegmentationRow): SegmentationInfo {
  return {
    id: r.id,
    datasetId: r.dataset_id,
    method: r.method as SegmentationMethod,
    name: r.name,
    columnKey: r.column_key,
    definition: JSON.parse(r.definition_json) as JsonValue,
    segments: JSON.parse(r.summary_json) as SegmentSummary[],
    createdAt: r.created_at,
  };
}

/** A rename and/or new action for one segment, by its current name. */
export interface SegmentTextChange {
  segment: string;
  name?: string;
  action?: string | null;
}

/**
 * Renames segments and edits their actions in one transaction: the summary record and the
 * label column values change together, so grid and pivots show the new names at once.
 */
export function updateSegmentTexts(store: ProjectStore, id: string, changes: readonly SegmentTextChange[]): SegmentationInfo {
  const seg = getSegmentation(store, id);
  const table = store.tableOf(seg.datasetId);
  const segments = seg.segments.map((s) => ({ ...s }));
  const renames: [string, string][] = [];
  for (const c of changes) {
    const target = segments.find((s) => s.name === c.segment);
    if (!target) throw new KequnError('SEGMENT_INVALID', `No segment named ${c.segment}`, { zh: `没有名为“${c.segment}”的细分`, details: { segment: c.segment } });
    if (c.name !== undefined && c.name !== target.name) {
      if (segments.some((s) => s.name === c.name)) {
        throw new KequnError('SEGMENT_INVALID', `Segment name already used: ${c.name}`, { zh: `细分名称已存在：${c.name}`, details: { segment: c.name } });
      }
      renames.push([target.name, c.name]);
      target.name = c.name;
    }
    if (c.action !== undefined) target.action = c.action;
  }
  store.db.transaction(() => {
    const relabel = store.db.prepare(`UPDATE ${table} SET ${quoteIdent(seg.columnKey)} = ? WHERE ${quoteIdent(seg.columnKey)} = ?`);
    // Through unique placeholders, so no rename in this batch can touch a value another one wrote.
    renames.forEach(([old], i) => relabel.run(`\u0000rename${i}`, old));
    renames.forEach(([, neu], i) => relabel.run(neu, `\u0000rename${i}`));
    store.db.prepare('UPDATE segmentations SET summary_json = ? WHERE id = ?').run(JSON.stringify(segments), id);
    if (renames.length > 0) store.db.prepare('UPDATE datasets SET updated_at = ? WHERE id = ?').run(new Date().toISOString(), seg.datasetId);
  })();
  return getSegmentation(store, id);
}
