import { workOf } from '../../helpers/store-access';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KequnError, type ErrorCode } from '../../../shared/contract/errors';
import { runImport } from '../../../electron/engine/import/import-run';
import { ZipArchive } from '../../../electron/engine/import/zip-archive';
import { ProjectStore } from '../../../electron/engine/store/project-store';
import { goodXlsx, hostile } from '../../helpers/hostile-files';
import { columnValues, projectSnapshot, quietTicker } from '../../helpers/import-project';
import { tempDir } from '../../helpers/temp';

describe('hostile and broken files', () => {
  let dir: string;
  let cleanup: () => void;
  let store: ProjectStore;
  beforeEach(async () => {
    ({ dir, cleanup } = tempDir());
    store = ProjectStore.open(join(dir, 'p.kequn'), { create: true });
    // The project already holds a dataset, so "unchanged" is a real comparison.
    await runImport(workOf(store), { path: goodXlsx(dir), allSheets: false, encoding: 'auto' }, quietTicker);
  });
  afterEach(() => {
    store.close();
    cleanup();
  });

  async function expectRefused(path: string, code: ErrorCode, stream?: boolean): Promise<KequnError> {
    const before = projectSnapshot(store);
    const error = await runImport(workOf(store), { path, allSheets: true, encoding: 'auto', ...(stream === undefined ? {} : { stream }) }, quietTicker).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KequnError);
    expect((error as KequnError).code).toBe(code);
    expect((error as KequnError).messageZh).toMatch(/[\u4e00-\u9fff]/);
    expect(projectSnapshot(store)).toBe(before);
    expect(store.contents().stagedData).toBe(0);
    return error as KequnError;
  }

  for (const stream of [false, true]) {
    const how = stream ? 'streaming reader' : 'SheetJS reader';
    it(`truncated zip → IMPORT_CORRUPT (${how})`, () => expectRefused(hostile.truncatedZip(dir), 'IMPORT_CORRUPT', stream));
    it(`zip bomb by declared size → TOO_LARGE (${how})`, () => expectRefused(hostile.zipBomb(dir), 'TOO_LARGE', stream));
    it(`DOCTYPE/ENTITY in sheet XML → IMPORT_ENTITY_EXPANSION (${how})`, () => expectRefused(hostile.entityExpansion(dir), 'IMPORT_ENTITY_EXPANSION', stream));
    it(`16,385 columns in xlsx → IMPORT_TOO_MANY_COLUMNS (${how})`, () => expectRefused(hostile.tooManyColumnsXlsx(dir), 'IMPORT_TOO_MANY_COLUMNS', stream));
    it(`sheet without cells → IMPORT_EMPTY (${how})`, () => expectRefused(hostile.emptySheetXlsx(dir), 'IMPORT_EMPTY', stream));
  }

  it('a DTD hidden behind 100 KB of whitespace is still found → IMPORT_ENTITY_EXPANSION', async () => {
    const { minimalXlsx, sheetXml } = await import('../../helpers/hostile-files');
    const p = join(dir, 'padded.xlsx');
    writeFileSync(p, minimalXlsx(sheetXml([['a'], [1]], `${' '.repeat(100_000)}<!DOCTYPE x [<!ENTITY a "b">]>`)));
    await expectRefused(p, 'IMPORT_ENTITY_EXPANSION', false);
    await expectRefused(p, 'IMPORT_ENTITY_EXPANSION', true);
  });

  it('password-protected workbook → IMPORT_ENCRYPTED', () => expectRefused(hostile.encryptedXlsx(dir), 'IMPORT_ENCRYPTED'));
  it('16,385 columns in CSV → IMPORT_TOO_MANY_COLUMNS', () => expectRefused(hostile.tooManyColumnsCsv(dir), 'IMPORT_TOO_MANY_COLUMNS'));
  it('a 32,768-character cell → IMPORT_CELL_TOO_LONG', () => expectRefused(hostile.longCellCsv(dir), 'IMPORT_CELL_TOO_LONG'));
  it('empty file → IMPORT_EMPTY', () => expectRefused(hostile.emptyCsv(dir), 'IMPORT_EMPTY'));
  it('binary garbage named .csv → IMPORT_BINARY', () => expectRefused(hostile.binaryCsv(dir), 'IMPORT_BINARY'));
  it('missing file → FILE_NOT_FOUND', () => expectRefused(join(dir, 'nope.csv'), 'FILE_NOT_FOUND'));
  it('unknown extension → IMPORT_UNSUPPORTED', () => {
    const p = join(dir, 'x.pdf');
    writeFileSync(p, '%PDF-1.4');
    return expectRefused(p, 'IMPORT_UNSUPPORTED');
  });

  it('a zip entry that inflates past what its header declares is stopped at the cap', async () => {
    const p = join(dir, 'lying.xlsx');
    writeFileSync(p, hostile.lyingZip());
    const zip = await ZipArchive.open(p, hostile.lyingZip().length);
    const entry = zip.get('xl/padding.xml')!;
    await expect(zip.read(entry, 1024 * 1024)).rejects.toMatchObject({ code: 'TOO_LARGE' });
    const chunks = async (): Promise<void> => {
      for await (const _ of zip.stream(entry, 1024 * 1024)) void _;
    };
    await expect(chunks()).rejects.toMatchObject({ code: 'TOO_LARGE' });
  });

  it('__proto__ and constructor headers are ordinary column names', async () => {
    const r = await runImport(workOf(store), { path: hostile.prototypeHeadersCsv(dir), allSheets: false, encoding: 'auto' }, quietTicker);
    const d = r.datasets[0]!;
    expect(d.columns.map((c) => c.name)).toEqual(['__proto__', 'constructor', 'prototype', 'name']);
    expect(columnValues(store, d.id, '__proto__')).toEqual([1, 4]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('2014/2/29 stays as text in a date column and is counted invalid', async () => {
    const r = await runImport(workOf(store), { path: hostile.impossibleDateCsv(dir), allSheets: false, encoding: 'auto' }, quietTicker);
    const d = r.datasets[0]!;
    const day = d.columns.find((c) => c.name === 'day')!;
    expect(day.type).toBe('date');
    expect(day.invalid).toBe(1);
    expect(columnValues(store, d.id, 'day')).toEqual([Date.UTC(2014, 1, 28), '2014/2/29', Date.UTC(2014, 2, 1), Date.UTC(2015, 0, 1), Date.UTC(2016, 1, 29)]);
    expect(r.warnings.some((w) => w.code === 'INVALID_CELLS' && w.column === 'day')).toBe(true);
  });
});
