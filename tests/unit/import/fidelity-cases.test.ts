import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/host/engine';
import { ZipArchive } from '../../../electron/engine/import/zip-archive';
import type { ProjectStore } from '../../../electron/engine/store/project-store';
import type { ImportRunResult } from '../../../shared/contract/import';
import type { EngineClient } from '../../../shared/rpc/client';
import { columnValues } from '../../helpers/import-project';
import { tempDir } from '../../helpers/temp';

/**
 * Issue 19, cases 1–6: what comes in goes out unchanged (CSV and xlsx), and every silent change
 * an import makes is counted in its warnings. Each file is real: written to a temp folder,
 * imported through the engine, exported, read back.
 */
const tmp = tempDir('kequn-fidelity-cases-');
let engine: Engine;
let client: EngineClient;
let store: ProjectStore;

beforeAll(async () => {
  engine = new Engine({ dataDir: join(tmp.dir, 'home') });
  store = await engine.openProject(join(tmp.dir, 'p.kequn'), { create: true });
  client = engine.createClient();
});
afterAll(() => {
  engine.dispose();
  tmp.cleanup();
});

let n = 0;
function file(name: string, text: string | Buffer): string {
  const path = join(tmp.dir, `${++n}-${name}`);
  writeFileSync(path, text);
  return path;
}

async function importFile(path: string, extra: Record<string, unknown> = {}): Promise<ImportRunResult> {
  return client.call('import.run', { path, ...extra });
}

async function exportAs(datasetId: string, format: 'xlsx' | 'csv'): Promise<string> {
  const path = join(tmp.dir, `${++n}-out.${format}`);
  await client.call('exports.dataset', { datasetId, path, format });
  return path;
}

/** The first sheet's XML of an exported workbook. */
async function sheetXml(path: string): Promise<string> {
  const zip = await ZipArchive.open(path, statSync(path).size);
  return (await zip.read(zip.get('xl/worksheets/sheet1.xml')!, 64 << 20)).toString('utf8');
}

describe('issue 19: round trips keep values exactly', () => {
  it('1. CSV and xlsx exports keep the seconds of date-times', async () => {
    const ds = (await importFile(file('times.csv', 'id,paid\n1,2018-05-16 09:41:07\n2,2018-05-16 23:59:59\n3,2018-05-17 00:00:01\n'))).datasets[0]!;
    expect(ds.columns[1]).toMatchObject({ type: 'datetime' });
    const original = columnValues(store, ds.id, 'paid');
    const csv = readFileSync(await exportAs(ds.id, 'csv'), 'utf8');
    expect(csv).toContain('2018-05-16 09:41:07');
    expect(csv).toContain('2018-05-17 00:00:01');
    for (const format of ['csv', 'xlsx'] as const) {
      const back = (await importFile(await exportAs(ds.id, format))).datasets[0]!;
      expect(columnValues(store, back.id, 'paid')).toEqual(original);
    }
  });

  it('2. yes/no columns keep their words in every view and export', async () => {
    const ds = (await importFile(file('bank.csv', 'age;loan;y\n30;no;yes\n41;yes;no\n52;no;no\n'))).datasets[0]!;
    const info = store.getDataset(ds.id);
    const loan = info.columns.find((c) => c.name === 'loan')!;
    expect(loan).toMatchObject({ type: 'boolean', labels: { true: 'yes', false: 'no' } });
    // Pivots, cross-tabs and report sections label categories from the snapshot.
    const cat = store.snapshot(ds.id).category('y');
    expect([...cat.codes].map((c) => cat.labels[c])).toEqual(['yes', 'no', 'no']);
    const csv = readFileSync(await exportAs(ds.id, 'csv'), 'utf8');
    expect(csv).toContain('30,no,yes');
    expect(csv).not.toMatch(/TRUE|FALSE/);
    expect(await sheetXml(await exportAs(ds.id, 'xlsx'))).toContain('<t xml:space="preserve">yes</t>');
    // The grid's column filter searches the words, as shown.
    const distinct = await client.call('rows.distinct', { datasetId: ds.id, column: loan.key, search: 'yes' });
    expect(distinct.values).toEqual([{ value: true, count: 1 }]);
    // A group-by keyed on a yes/no column labels its groups with the same words.
    const grouped = await client.call('metrics.groupBy', { datasetId: ds.id, keys: ['y'], aggregations: [{ fn: 'mean', column: 'age' }] });
    expect(store.getDataset(grouped.dataset.id).columns[0]).toMatchObject({ type: 'boolean', labels: { true: 'yes', false: 'no' } });
    for (const format of ['csv', 'xlsx'] as const) {
      const back = store.getDataset((await importFile(await exportAs(ds.id, format))).datasets[0]!.id);
      expect(back.columns.find((c) => c.name === 'loan')).toMatchObject({ type: 'boolean', labels: { true: 'yes', false: 'no' } });
    }
  });

  it('2b. Chinese 是/否 words survive a type change to text', async () => {
    const ds = (await importFile(file('vip.csv', '客户,会员\nA,是\nB,否\nC,是\n'))).datasets[0]!;
    await client.call('clean.apply', { datasetId: ds.id, operation: { op: 'changeType', column: '会员', type: 'text' } });
    expect(columnValues(store, ds.id, '会员')).toEqual(['是', '否', '是']);
  });

  it('3. dates before 1900-03-01 are exact in xlsx, both ways, and in change-type from serials', async () => {
    const ds = (await importFile(file('old.csv', 'id,since\n1,1900-01-01\n2,1900-02-28\n3,1900-03-01\n4,2024-03-05\n'))).datasets[0]!;
    const original = columnValues(store, ds.id, 'since');
    const out = await exportAs(ds.id, 'xlsx');
    const xml = await sheetXml(out);
    // Excel's own serials: 1 = 1900-01-01, 59 = 1900-02-28, 61 = 1900-03-01 (60 is the fictitious 29 Feb).
    for (const serial of ['<v>1</v>', '<v>59</v>', '<v>61</v>', '<v>45356</v>']) expect(xml).toContain(serial);
    const back = (await importFile(out)).datasets[0]!;
    expect(columnValues(store, back.id, 'since')).toEqual(original);
    const serials = (await importFile(file('serials.csv', 'id,serial\n1,1\n2,59\n3,61\n'))).datasets[0]!;
    await client.call('clean.apply', { datasetId: serials.id, operation: { op: 'changeType', column: 'serial', type: 'date' } });
    expect(columnValues(store, serials.id, 'serial')).toEqual([Date.UTC(1900, 0, 1), Date.UTC(1900, 1, 28), Date.UTC(1900, 2, 1)]);
  });

  it('4. US and European dates: the order is decided from the column, ambiguous columns are flagged', async () => {
    const us = await importFile(file('us.csv', 'id,when\n1,10/2/2017 10:56\n2,7/24/2018 15:03\n3,12/31/2018 0:00\n'));
    const usId = us.datasets[0]!.id;
    expect(us.datasets[0]!.columns[1]).toMatchObject({ type: 'datetime', dateOrder: 'mdy' });
    expect(columnValues(store, usId, 'when')).toEqual([Date.UTC(2017, 9, 2, 10, 56), Date.UTC(2018, 6, 24, 15, 3), Date.UTC(2018, 11, 31)]);
    const eu = await importFile(file('eu.csv', 'id,when\n1,10/2/2017\n2,24/07/2018\n'));
    expect(columnValues(store, eu.datasets[0]!.id, 'when')).toEqual([Date.UTC(2017, 1, 10), Date.UTC(2018, 6, 24)]);
    const ambiguous = file('ambiguous.csv', 'id,when\n1,3/4/2018\n2,5/6/2018\n');
    const a = await importFile(ambiguous);
    expect(a.warnings.map((w) => w.code)).toContain('DATE_ORDER_AMBIGUOUS');
    const preview = await client.call('import.preview', { path: ambiguous });
    expect(preview.columns[1]).toMatchObject({ dateOrder: 'mdy', dateOrderAmbiguous: true });
    // The preview's one-click switch.
    const switched = await client.call('import.preview', { path: ambiguous, dateOrders: { '1': 'dmy' } });
    expect(switched.columns[1]).toMatchObject({ dateOrder: 'dmy' });
    expect(switched.rows[0]![1]).toBe(Date.UTC(2018, 3, 3));
    // change-type datetime on text: the whole column's evidence decides, unambiguous cells convert.
    const text = (await importFile(file('text.csv', 'id,when\n1,10/2/2017 10:56\n2,7/24/2018\n3,n/a x\n'), { columnTypes: { '1': 'text' } })).datasets[0]!;
    const p = await client.call('clean.preview', { datasetId: text.id, operation: { op: 'changeType', column: 'when', type: 'datetime' } });
    expect(p.report).toMatchObject({ failedCells: 1, figures: { dateOrder: 'mdy', dayMonthCells: 2, mdyOnlyCells: 1, dmyOnlyCells: 0, bothOrderCells: 1 } });
    await client.call('clean.apply', { datasetId: text.id, operation: { op: 'changeType', column: 'when', type: 'datetime' } });
    expect(columnValues(store, text.id, 'when')).toEqual([Date.UTC(2017, 9, 2, 10, 56), Date.UTC(2018, 6, 24), 'n/a x']);
  });

  it('5. text like _x0041_ survives xlsx; NUL characters are removed wherever they are, and counted', async () => {
    const ds = (await importFile(file('escape.csv', 'id,code\n1,_x0041_\n2,a_x00e9_b\n3,plain\n'))).datasets[0]!;
    const back = (await importFile(await exportAs(ds.id, 'xlsx'))).datasets[0]!;
    expect(columnValues(store, back.id, 'code')).toEqual(['_x0041_', 'a_x00e9_b', 'plain']);
    // A NUL in the first rows and one far past the type sample: one rule for both.
    const lines = ['id,name', '1,a\u0000b'];
    for (let i = 2; i < 5000; i++) lines.push(`${i},name${i}`);
    lines.push('5000,x\u0000y');
    const nul = await importFile(file('nul.csv', lines.join('\n') + '\n'));
    const names = columnValues(store, nul.datasets[0]!.id, 'name');
    expect([names[0], names[names.length - 1]]).toEqual(['ab', 'xy']);
    expect(nul.warnings.find((w) => w.code === 'NUL_REMOVED')).toMatchObject({ count: 2 });
  });

  it('6. cells made empty and short rows are counted in the preview and the import', async () => {
    const text = ['id,a,b', '1,NA,x', "2,'null,-", '3,--,none', '4,空,nan', '5,   ,y', '6,ok,z', '7,cut'].join('\n');
    const path = file('silent.csv', text);
    const result = await importFile(path);
    const emptied = result.warnings.filter((w) => w.code === 'VALUES_EMPTIED');
    expect(emptied.reduce((s, w) => s + (w.count ?? 0), 0)).toBe(8);
    expect(emptied.find((w) => w.column === 'a')!.message).toMatch(/NA ×1/);
    const short = result.warnings.find((w) => w.code === 'SHORT_ROWS');
    expect(short).toMatchObject({ count: 1 });
    expect(short!.message).toMatch(/cut off/);
    const preview = await client.call('import.preview', { path });
    expect(preview.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['VALUES_EMPTIED', 'SHORT_ROWS']));
  });
});
