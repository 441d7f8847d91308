import type Database from 'better-sqlite3';
import type { DescriptionCard } from '../../../../shared/contract/segment';

export type CardTexts = Omit<DescriptionCard, 'edited'>;

/** The `segment_cards` table: description cards a user edited (generated ones are not stored). */
export class CardsTable {
  constructor(private readonly db: Database.Database) {}

  list(segmentationId: string): CardTexts[] {
    return this.db.prepare('SELECT segment, status, behaviour, value, needs FROM segment_cards WHERE segmentation_id = ?').all(segmentationId) as CardTexts[];
  }

  upsert(segmentationId: string, cards: readonly CardTexts[]): void {
    const stmt = this.db.prepare(
      `INSERT INTO segment_cards (segmentation_id, segment, status, behaviour, value, needs) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(segmentation_id, segment) DO UPDATE SET status = excluded.status, behaviour = excluded.behaviour, value = excluded.value, needs = excluded.needs`,
    );
    for (const c of cards) stmt.run(segmentationId, c.segment, c.status, c.behaviour, c.value, c.needs);
  }

  clear(segmentationId: string): void {
    this.db.prepare('DELETE FROM segment_cards WHERE segmentation_id = ?').run(segmentationId);
  }

  /** Keeps edited cards attached to a segment through a rename. */
  rename(segmentationId: string, renames: readonly (readonly [string, string])[]): void {
    const stmt = this.db.prepare('UPDATE segment_cards SET segment = ? WHERE segmentation_id = ? AND segment = ?');
    // Through placeholders, so swapping two names cannot collide on the primary key.
    renames.forEach(([from], i) => stmt.run(`\u0000rename${i}`, segmentationId, from));
    renames.forEach(([, to], i) => stmt.run(to, segmentationId, `\u0000rename${i}`));
  }
}
