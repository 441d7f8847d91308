import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnInfo } from '../../../shared/contract/datasets';
import type { CellValue } from '../../../shared/contract/json';
import type { RowsPage } from '../../../shared/contract/rows';
import { openGeneratedProject, type RowsHarness } from './rows-fixture';

/**
 * The grid's pure renderer modules (cell text, clipboard text, row windows). The renderer is
 * not part of the tests' TypeScript project, so they are loaded at run time (vitest transpiles
 * them) and typed here by what the test uses.
 */
const GRID = resolve(__dirname, '..', '..', '..', 'renderer', 'src', 'features', 'grid');
const load = async <T>(file: string): Promise<T> => (await import(pathToFileURL(join(GRID, file)).href)) as T;

interface CachedRow {
  cells: readonly CellValue[];
  rowId: number;
}
interface RowWindowCache {
  filteredRows: number | null;
  ensure(first: number, last: number, marginPages?: number): void;
  prefetch(row: number): void;
  get(row: number): CachedRow | undefined;
  dispose(): void;
}
type FetchPage = (offset: number, limit: number, signal: AbortSignal) => Promise<RowsPage>;
type CacheCtor = new (fetch: FetchPage, onLoaded: (first: number, count: number, countsChanged: boolean) => void, onError: (e: unknown) => void) => RowWindowCache;

const { formatCell, formatDigits } = await load<{
  formatCell: (v: CellValue, c: ColumnInfo, yesNo: { yes: string; no: string }) => string;
  formatDigits: (format: string | null) => number | null;
}>('cell-format.ts');
const { clipboardCell, toTsv } = await load<{
  clipboardCell: (v: CellValue, c: ColumnInfo) => string;
  toTsv: (rows: CellValue[][], cols: ColumnInfo[], header: boolean) => string;
}>('clipboard-text.ts');
const { PAGE_ROWS, RowWindowCache } = await load<{ PAGE_ROWS: number; RowWindowCache: CacheCtor }>('row-cache.ts');

const col = (type: ColumnInfo['type'], format: string | null = null): ColumnInfo => ({
  key: 'c0',
  name: '列',
  originalHeader: '列',
  type,
  format,
  invalidCount: 0,
  missingCount: 0,
});
const yesNo = { yes: '是', no: '否' };

describe('grid cell text (renderer, zh-CN)', () => {
  it('formats numbers, money, percentages, dates and booleans; keeps invalid text', () => {
    expect(formatCell(1234567.891, col('decimal'), yesNo)).toBe('1,234,567.891');
    expect(formatCell(1234567, col('integer'), yesNo)).toBe('1,234,567');
    expect(formatCell(1234.5, col('currency', '¥#,##0.00'), yesNo)).toBe('¥1,234.50');
    expect(formatCell(0.1234, col('percent', '0.0%'), yesNo)).toBe('12.3%');
    expect(formatCell(Date.UTC(2024, 2, 5), col('date'), yesNo)).toBe('2024-03-05');
    expect(formatCell(true, col('boolean'), yesNo)).toBe('是');
    expect(formatCell('N/A', col('currency'), yesNo)).toBe('N/A');
    expect(formatCell(null, col('text'), yesNo)).toBe('');
    expect(formatDigits('#,##0')).toBe(0);
    expect(formatDigits(null)).toBeNull();
  });

  it('copies cells the way Excel and WPS read them back', () => {
    expect(clipboardCell(1234.5, col('currency'))).toBe('1234.5');
    expect(clipboardCell(0.07, col('percent'))).toBe('7%');
    expect(clipboardCell(Date.UTC(2024, 2, 5), col('date'))).toBe('2024-03-05');
    expect(clipboardCell(Date.UTC(2024, 2, 5, 9, 30, 5), col('datetime'))).toBe('2024-03-05 09:30:05');
    expect(clipboardCell(false, col('boolean'))).toBe('FALSE');
    expect(clipboardCell(null, col('text'))).toBe('');
    expect(clipboardCell('含\t制表符和"引号"', col('text'))).toBe('"含\t制表符和""引号"""');
    const rows: CellValue[][] = [
      ['张三', 1200.5],
      ['李四', null],
    ];
    expect(toTsv(rows, [{ ...col('text'), name: '姓名' }, { ...col('currency'), name: '金额' }], true)).toBe('姓名\t金额\r\n张三\t1200.5\r\n李四\t');
  });
});

describe('RowWindowCache against the real engine', () => {
  let h: RowsHarness & { rows: CellValue[][] };
  beforeAll(async () => {
    h = await openGeneratedProject(3000);
  });
  afterAll(async () => {
    await h.close();
  });

  it('loads the pages around the viewport, reports counts, and serves rows by view index', async () => {
    const loaded: number[] = [];
    let counts = 0;
    const cache = new RowWindowCache(
      (offset, limit, signal) => h.client.call('rows.page', { datasetId: h.datasetId, offset, limit }, { signal }),
      (first, _n, countsChanged) => {
        loaded.push(first);
        if (countsChanged) counts += 1;
      },
      (e) => {
        throw e;
      },
    );
    cache.ensure(300, 320);
    expect(cache.get(300)).toBeUndefined();
    await expect.poll(() => loaded.length).toBe(3);
    // Row 300 is on page 1; one page of margin either side.
    expect(loaded.sort((a, b) => a - b)).toEqual([0, PAGE_ROWS, 2 * PAGE_ROWS]);
    expect(counts).toBe(1);
    expect(cache.filteredRows).toBe(3000);
    expect(cache.get(450)?.cells).toEqual(h.rows[450]);
    expect(cache.get(450)?.rowId).toBe(451);
    // A fast jump far down fetches only the page on screen, no margin.
    cache.ensure(2450, 2470);
    await expect.poll(() => loaded.length).toBe(4);
    expect(loaded[3]).toBe(12 * PAGE_ROWS);
    expect(cache.get(2460)?.cells).toEqual(h.rows[2460]);
    cache.dispose();
    expect(cache.get(450)).toBeUndefined();
  });

  it('drops requests for pages that scrolled away and keeps the pinned current-cell page', async () => {
    const loaded: number[] = [];
    const cache = new RowWindowCache(
      (offset, limit, signal) => h.client.call('rows.page', { datasetId: h.datasetId, offset, limit }, { signal }),
      (first) => loaded.push(first),
      () => undefined,
    );
    cache.prefetch(5);
    cache.ensure(2500, 2520, 0);
    // Jumping far away before the answers arrive: only the new window and the pinned page load.
    cache.ensure(1200, 1220, 0);
    await expect.poll(() => loaded.length).toBeGreaterThanOrEqual(2);
    await new Promise((r) => setTimeout(r, 50));
    expect(loaded.sort((a, b) => a - b)).toEqual([0, 1200]);
    expect(cache.get(5)?.cells).toEqual(h.rows[5]);
    cache.dispose();
  });

  it('during a fling fetches nothing until the view rests, then only the page on screen', async () => {
    const loaded: number[] = [];
    const cache = new RowWindowCache(
      (offset, limit, signal) => h.client.call('rows.page', { datasetId: h.datasetId, offset, limit }, { signal }),
      (first) => loaded.push(first),
      () => undefined,
    );
    cache.ensure(0, 20);
    await expect.poll(() => loaded.length).toBe(2);
    cache.ensure(1000, 1020); // a single jump: loads at once (and is then dropped by the fling)
    cache.ensure(2000, 2020); // jumps in quick succession: a fling
    cache.ensure(2600, 2620);
    await expect.poll(() => loaded.includes(13 * PAGE_ROWS)).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    expect(loaded.sort((a, b) => a - b)).toEqual([0, PAGE_ROWS, 13 * PAGE_ROWS]);
    expect(cache.get(2610)?.cells).toEqual(h.rows[2610]);
    cache.dispose();
  });
});
