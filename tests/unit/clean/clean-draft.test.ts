import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CleanOperationIn } from '../../../shared/contract/clean';
import type { ColumnInfo } from '../../../shared/contract/datasets';
import { cleanFixture, type CleanFixture } from './clean-fixture';

/**
 * The cleaning form's defaults (renderer/src/features/clean/op-draft.ts, loaded at run time like
 * the other renderer logic): nothing that deletes rows is preselected, and 删除重复行 starts
 * keyed by every column — the key the data-quality figure counts by, so the two agree.
 */
const RENDERER = resolve(__dirname, '..', '..', '..', 'renderer', 'src');

interface Draft {
  op: string | null;
  columns: string[];
  column: string;
  missingAction: string;
  outlierAction: string;
  keep: string;
}
interface DraftModule {
  initialDraft(columns: ColumnInfo[]): Draft;
  withOp(d: Draft, op: string, columns: ColumnInfo[]): Draft;
  openDraft(columns: ColumnInfo[], params: { op?: string; column?: string }): Draft;
  isDestructive(d: Draft): boolean;
  duplicateKeysOf(d: Draft | null): string[] | undefined;
  toOperation(d: Draft): CleanOperationIn;
}
const load = async (): Promise<DraftModule> => (await import(pathToFileURL(resolve(RENDERER, 'features/clean/op-draft.ts')).href)) as DraftModule;

describe('cleaning form defaults', () => {
  let fx: CleanFixture;
  let columns: ColumnInfo[];
  beforeEach(async () => {
    fx = await cleanFixture();
    columns = fx.store.getDataset(fx.datasetId).columns;
  });
  afterEach(() => fx.cleanup());

  it('opens with no operation chosen and no destructive action preselected', async () => {
    const m = await load();
    const d = m.initialDraft(columns);
    expect(d.op).toBeNull();
    expect(d.columns).toEqual([]);
    expect(m.isDestructive(d)).toBe(false);
    // Choosing 缺失值 or 异常值 does not preselect dropping rows either.
    expect(m.withOp(d, 'missing', columns).missingAction).not.toBe('drop');
    expect(m.isDestructive(m.withOp(d, 'missing', columns))).toBe(false);
    expect(m.withOp(d, 'outliers', columns).outlierAction).toBe('flag');
    expect(m.isDestructive(m.withOp(d, 'outliers', columns))).toBe(false);
    // Opened from a view without params: still nothing chosen.
    expect(m.openDraft(columns, {}).op).toBeNull();
  });

  it('keys 删除重复行 by every column when chosen, and drops that key when leaving it', async () => {
    const m = await load();
    const dedupe = m.withOp(m.initialDraft(columns), 'dedupe', columns);
    expect(dedupe.columns).toEqual(['客户', '城市', '金额', '下单日期', '备注']);
    expect(m.isDestructive(dedupe)).toBe(true);
    expect(m.toOperation(dedupe)).toEqual({ op: 'dedupe', keys: ['客户', '城市', '金额', '下单日期', '备注'], keep: 'first' });
    expect(m.duplicateKeysOf(dedupe)).toEqual(dedupe.columns);
    expect(m.withOp(dedupe, 'text', columns).columns).toEqual([]);
    // A ribbon button for dedupe (even on one column) opens keyed by every column.
    expect(m.openDraft(columns, { op: 'dedupe', column: '客户' }).columns).toHaveLength(5);
    expect(m.openDraft(columns, { op: 'text', column: '客户' }).columns).toEqual(['客户']);
    expect(m.duplicateKeysOf(m.withOp(dedupe, 'text', columns))).toBeUndefined();
  });

  it('counts duplicates in the quality summary with the same keys as the step it prepares', async () => {
    const m = await load();
    // The fixture has one whole-row duplicate (rows 1 and 4) and no other repeats.
    for (const keys of [undefined, ['客户'], ['城市']]) {
      const base = m.withOp(m.initialDraft(columns), 'dedupe', columns);
      const d = keys ? { ...base, columns: keys } : base;
      const preview = await fx.client.call('clean.preview', { datasetId: fx.datasetId, operation: m.toOperation(d) });
      const qk = m.duplicateKeysOf(d);
      const quality = await fx.client.call('clean.quality', qk ? { datasetId: fx.datasetId, keys: qk } : { datasetId: fx.datasetId });
      expect(quality.duplicateRows).toBe(preview.removedRows);
      expect(quality.duplicateKeys).toEqual(d.columns);
    }
  });
});
