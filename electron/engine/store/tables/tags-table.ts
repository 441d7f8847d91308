import type Database from 'better-sqlite3';
import type { TagCount } from '../../../../shared/contract/segment';
import { tagSetSchema, type TagSet } from '../../../../shared/contract/segment-schemes';

export interface FoundTag {
  row: number;
  group: string;
  tag: string;
}

/**
 * The `segment_tags` and `segment_tag_sets` tables. Tags are non-exclusive labels, so they are
 * rows (dataset row id, tag) rather than a label column.
 */
export class TagsTable {
  constructor(private readonly db: Database.Database) {}

  /** Replaces one tag set's tags on a dataset. */
  replace(datasetId: string, set: TagSet, found: readonly FoundTag[]): void {
    this.db.prepare('DELETE FROM segment_tags WHERE dataset_id = ? AND tag_set = ?').run(datasetId, set.name);
    const ins = this.db.prepare('INSERT OR IGNORE INTO segment_tags (dataset_id, row_id, tag_set, tag_group, tag) VALUES (?, ?, ?, ?, ?)');
    for (const f of found) ins.run(datasetId, f.row, set.name, f.group, f.tag);
    this.db
      .prepare(
        'INSERT INTO segment_tag_sets (dataset_id, name, definition_json, applied_at) VALUES (?, ?, ?, ?) ON CONFLICT(dataset_id, name) DO UPDATE SET definition_json = excluded.definition_json, applied_at = excluded.applied_at',
      )
      .run(datasetId, set.name, JSON.stringify(set), new Date().toISOString());
  }

  /** The tag sets applied to a dataset, with their definitions, by name. */
  sets(datasetId: string): TagSet[] {
    const rows = this.db.prepare('SELECT definition_json FROM segment_tag_sets WHERE dataset_id = ? ORDER BY name').pluck().all(datasetId) as string[];
    return rows.flatMap((text) => {
      const parsed = tagSetSchema.safeParse(JSON.parse(text));
      return parsed.success ? [parsed.data] : [];
    });
  }

  /** Every (row id, group, tag) of one tag set. */
  rowTags(datasetId: string, tagSet: string): { rowId: number; group: string; tag: string }[] {
    return (this.db.prepare('SELECT row_id, tag_group, tag FROM segment_tags WHERE dataset_id = ? AND tag_set = ?').all(datasetId, tagSet) as { row_id: number; tag_group: string; tag: string }[]).map(
      (r) => ({ rowId: r.row_id, group: r.tag_group, tag: r.tag }),
    );
  }

  counts(datasetId: string): TagCount[] {
    const rows = this.db
      .prepare('SELECT tag_set, tag_group, tag, count(*) AS n FROM segment_tags WHERE dataset_id = ? GROUP BY tag_set, tag_group, tag ORDER BY tag_set, tag_group, n DESC, tag')
      .all(datasetId) as { tag_set: string; tag_group: string; tag: string; n: number }[];
    return rows.map((r) => ({ tagSet: r.tag_set, group: r.tag_group, tag: r.tag, count: r.n }));
  }

  /** Row ids carrying a tag (any set, or one set), in row-id order, one page at a time. */
  rowsWithTag(datasetId: string, tag: string, tagSet: string | undefined, offset: number, limit: number): { total: number; rowIds: number[] } {
    const filter = tagSet === undefined ? '' : ' AND tag_set = ?';
    const args: (string | number)[] = tagSet === undefined ? [datasetId, tag] : [datasetId, tag, tagSet];
    const total = this.db.prepare(`SELECT count(DISTINCT row_id) FROM segment_tags WHERE dataset_id = ? AND tag = ?${filter}`).pluck().get(...args) as number;
    const rowIds = this.db
      .prepare(`SELECT DISTINCT row_id FROM segment_tags WHERE dataset_id = ? AND tag = ?${filter} ORDER BY row_id LIMIT ? OFFSET ?`)
      .pluck()
      .all(...args, limit, offset) as number[];
    return { total, rowIds };
  }
}
