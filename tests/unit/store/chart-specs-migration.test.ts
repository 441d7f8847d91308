import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/engine/store/migrate';
import { migrations } from '../../../electron/engine/store/migrations/index';
import { tempDir } from '../../helpers/temp';

const tmp = tempDir('kequn-migrate-');
afterAll(() => tmp.cleanup());

describe('migration analyze-002-chart-specs', () => {
  it('keeps the saved pivots and cross-tabs of an older project and accepts saved charts', () => {
    const db = new Database(join(tmp.dir, 'old.kequn'));
    db.pragma('foreign_keys = ON');
    const before = migrations.filter((m) => m.id !== 'analyze-002-chart-specs');
    migrate(db, before);
    const now = new Date().toISOString();
    db.prepare("INSERT INTO datasets (id, seq, name, kind, row_count, created_at, updated_at) VALUES ('d1', 1, '订单', 'import', 0, ?, ?)").run(now, now);
    const insert = db.prepare('INSERT INTO pivots (id, seq, dataset_id, name, kind, spec_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    insert.run('p1', 1, 'd1', '透视', 'pivot', '{"values":[{"agg":"count"}]}', now, now);
    insert.run('p2', 2, 'd1', '交叉', 'crosstab', '{"datasetId":"d1","rows":{"column":"a"},"cols":{"column":"b"}}', now, now);
    expect(() => insert.run('p3', 3, 'd1', '图', 'chart', '{}', now, now)).toThrow(/CHECK/);
    migrate(db);
    expect(db.prepare('SELECT id, kind, name FROM pivots ORDER BY seq').all()).toEqual([
      { id: 'p1', kind: 'pivot', name: '透视' },
      { id: 'p2', kind: 'crosstab', name: '交叉' },
    ]);
    insert.run('p3', 3, 'd1', '图', 'chart', '{}', now, now);
    expect(() => insert.run('p4', 4, 'd1', '?', 'table', '{}', now, now)).toThrow(/CHECK/);
    // Still tied to its dataset: removing the dataset removes its saved analyses.
    db.prepare("DELETE FROM datasets WHERE id = 'd1'").run();
    expect(db.prepare('SELECT count(*) FROM pivots').pluck().get()).toBe(0);
    db.close();
  });
});
