import iconv from 'iconv-lite';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KequnError } from '../../../shared/contract/errors';
import { dateFromBytes, DayCache, numberFromBytes } from '../../../electron/engine/import/byte-parse';
import { parseDate, parseNumber } from '../../../electron/engine/import/cell-parse';
import { planSplit } from '../../../electron/engine/import/column-split';
import { converterFor } from '../../../electron/engine/import/convert-cell';
import { CsvParser } from '../../../electron/engine/import/csv-parser';
import { CsvScanner } from '../../../electron/engine/import/csv-scan';
import { runImport } from '../../../electron/engine/import/import-run';
import { ProjectStore } from '../../../electron/engine/store/project-store';
import { columnValues, importInto, projectSnapshot } from '../../helpers/import-project';
import { workOf } from '../../helpers/store-access';
import { tempDir } from '../../helpers/temp';

/** A small seeded generator, so a failing case can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Rows the byte scanner finds in `bytes`, fed in pieces cut at `cuts` (as the reader's buffers). */
function scanRows(bytes: Uint8Array, cuts: number[]): string[][] {
  const buf = Uint8Array.from(bytes);
  const scanner = new CsvScanner(44);
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const rows: string[][] = [];
  let pos = 0;
  for (const end of [...cuts, buf.length]) {
    if (end < pos) continue;
    const final = end === buf.length;
    pos = scanner.scan(buf, pos, end, final);
    const r = scanner.result(buf);
    for (let k = 0; k < r.records; k++) {
      const row: string[] = [];
      for (let f = r.first[k]!; f < r.first[k + 1]!; f++) row.push(decoder.decode(buf.subarray(r.starts[f]!, r.ends[f]!)));
      rows.push(row);
    }
  }
  return rows;
}

function parseRows(text: string, cuts: number[]): string[][] {
  const parser = new CsvParser(',');
  const rows: string[][] = [];
  let from = 0;
  for (const at of cuts) {
    if (at < from) continue;
    parser.push(text.slice(from, at), false, rows);
    from = at;
  }
  parser.push(text.slice(from), true, rows);
  return rows;
}

describe('byte scanner', () => {
  it('gives the same rows from bytes and from decoded text, however either is cut (random quotes, CR/LF, multi-byte)', () => {
    const next = rng(17);
    const alphabet = ['a', 'b', ',', ',', '"', '"', '\r', '\n', '\n', ' ', '中', 'é', '1'];
    for (let n = 0; n < 3000; n++) {
      const len = Math.floor(next() * 40);
      let text = '';
      for (let i = 0; i < len; i++) text += alphabet[Math.floor(next() * alphabet.length)];
      const bytes = new TextEncoder().encode(text);
      // Cuts fall between characters for the text and on the same place in bytes.
      const charCuts: number[] = [];
      for (let i = 0; i < 3; i++) charCuts.push(Math.floor(next() * (text.length + 1)));
      charCuts.sort((a, b) => a - b);
      const byteCuts = charCuts.map((c) => new TextEncoder().encode(text.slice(0, c)).length);
      expect(scanRows(bytes, byteCuts), JSON.stringify(text)).toEqual(parseRows(text, charCuts));
    }
  });

  it('reads "" as a quote, keeps text after a closing quote, and ends a record at a CR after a quote', () => {
    const text = 'a,"b ""x"", c"tail,d\r\n"e"\rf,g\n"unterminated,\nstill';
    expect(scanRows(new TextEncoder().encode(text), [])).toEqual([['a', 'b "x", ctail', 'd'], ['e'], ['f', 'g'], ['unterminated,\nstill']]);
    expect(parseRows(text, [9, 20])).toEqual(scanRows(new TextEncoder().encode(text), []));
  });
});

describe('numbers and dates from bytes', () => {
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
  it('gives what the text converters give, or NaN to send the text there', () => {
    const toNumber = converterFor('decimal', { date1904: false });
    const samples = ['0', '-0', '-0.00', '12', '12.50', '0.1', '0.30000000000000004', '123456789012345', '1234567890123456', '99999999999999.9', '00123', '0012.5', '-', '1.', '.5', '+5', '1e3', '1,234', '12%', '¥5', ' 7', '7 ', '3.14159265358979'];
    const next = rng(5);
    for (let i = 0; i < 2000; i++) {
      const digits = Math.floor(next() * 16) + 1;
      let s = next() < 0.3 ? '-' : '';
      for (let k = 0; k < digits; k++) s += String(Math.floor(next() * 10));
      if (next() < 0.6) s = `${s.slice(0, Math.max(1, Math.floor(next() * s.length)))}.${s.slice(Math.max(1, Math.floor(next() * s.length)))}`;
      samples.push(s);
    }
    let fast = 0;
    for (const s of samples) {
      const v = numberFromBytes(enc(s), 0, enc(s).length);
      if (Number.isNaN(v)) continue;
      fast++;
      expect(Object.is(v, toNumber(s, 1)), s).toBe(true);
      expect(v).toBe(parseNumber(s)?.value === 0 ? 0 : parseNumber(s)?.value);
    }
    expect(fast).toBeGreaterThan(1000);
  });

  it('reads the hand-read date shapes as parseDate does and leaves the rest', () => {
    const days = new DayCache();
    const samples = ['2024-03-05', '2024/3/5', '2024.03.05 09:41:07', '2024-3-5 9:41', '2024-02-29', '2023-02-29', '2024-13-01', '2024-01-01 24:00:00', '2024-01-01 23:59:60', '2024-01-01  10:00', '2024-01-01T10:00', '2024-1-1 ', '20240305', '2024年3月5日', '0999-01-01', '2024-03-05 10:00:00.5'];
    let fast = 0;
    for (const s of samples) {
      const v = dateFromBytes(enc(s), 0, enc(s).length, days);
      const d = parseDate(s, null);
      if (Number.isNaN(v)) {
        continue;
      }
      fast++;
      expect(d !== null && d !== 'impossible' ? d.ms : null, s).toBe(v);
    }
    expect(fast).toBe(5);
  });
});

describe('large text import (bytes, two threads)', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  /** Order lines past the 16 MB a second thread needs, odd cells well after the type sample. */
  function orderLines(rows: number): string {
    const odd = ['NA', '', '  ', "'=1+1", '"a, ""quoted"" 中文"', '"two\r\nlines"', 'x\u0000y', '00123', '品类'];
    const lines = ['订单编号,客户编号,下单时间,金额,品类,会员,编码'];
    for (let i = 0; i < rows; i++) {
      const late = i > 30_000 && i % 997 === 0;
      const time = i % 5 === 0 ? `2023/${(i % 12) + 1}/${(i % 28) + 1} ${i % 24}:${String(i % 60).padStart(2, '0')}` : `2023-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')} 10:${String(i % 60).padStart(2, '0')}:05`;
      const amount = late ? ['¥1,234.50', '(12)', '12%', 'n/a', '-0', '1e3', 'abc'][i % 7]! : (i % 1000) / 4 + 0.05;
      const cat = late ? odd[i % odd.length]! : `品类${i % 30}`;
      const member = i % 3 === 0 ? '是' : '否';
      const code = late ? 'A-1' : String(10_000 + (i % 500));
      const badTime = late && i % 2 === 0 ? '2023-02-30' : time;
      lines.push(`O${i},C${String(i % 7919).padStart(6, '0')},${badTime},${amount},${cat},${member},${code}`);
    }
    return `${lines.join('\r\n')}\r\n`;
  }

  it('stores every cell, count and warning as the decoded-text reader does', async () => {
    const text = orderLines(320_000);
    const utf8 = join(dir, 'orders.csv');
    writeFileSync(utf8, text);
    const utf16 = join(dir, 'orders-utf16.csv');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'b'));
    const a = await importInto(join(dir, 'a'), utf8);
    const b = await importInto(join(dir, 'b'), utf16);
    try {
      const da = a.result.datasets[0]!;
      const db = b.result.datasets[0]!;
      expect(da.rows).toBe(320_000);
      expect(text.length).toBeGreaterThan(17_000_000);
      expect(da.columns).toEqual(db.columns);
      expect(da.columns.map((c) => c.type)).toEqual(['text', 'text', 'datetime', 'currency', 'text', 'boolean', 'integer']);
      expect(da.columns.some((c) => c.invalid > 0)).toBe(true);
      expect(a.result.warnings).toEqual(b.result.warnings);
      for (const c of da.columns) expect(columnValues(a.store, da.id, c.name), c.name).toEqual(columnValues(b.store, db.id, c.name));
    } finally {
      a.store.close();
      b.store.close();
    }
  }, 120_000);

  it('a second thread that runs out of its heap makes the import start again on one thread, with the same result', async () => {
    const path = join(dir, 'orders.csv');
    writeFileSync(path, orderLines(320_000));
    mkdirSync(join(dir, 'two'));
    mkdirSync(join(dir, 'one'));
    const two = await importInto(join(dir, 'two'), path);
    process.env['KEQUN_IMPORT_THREAD_HEAP_MB'] = '4';
    let one: Awaited<ReturnType<typeof importInto>>;
    try {
      one = await importInto(join(dir, 'one'), path);
    } finally {
      delete process.env['KEQUN_IMPORT_THREAD_HEAP_MB'];
    }
    try {
      expect(one.result.datasets[0]!.columns).toEqual(two.result.datasets[0]!.columns);
      expect(one.result.warnings).toEqual(two.result.warnings);
      for (const c of two.result.datasets[0]!.columns) expect(columnValues(one.store, one.result.datasets[0]!.id, c.name), c.name).toEqual(columnValues(two.store, two.result.datasets[0]!.id, c.name));
      expect(one.store.listDatasets()).toHaveLength(1);
    } finally {
      one.store.close();
      two.store.close();
    }
  }, 120_000);

  it('shares out costly columns to the second thread and keeps small files on one', () => {
    const sample = Array.from({ length: 1000 }, (_, i) => [`O${i}`, `C${i % 900}`, '2024-01-01', String(i), `品类${i % 9}`]);
    const types = ['text', 'text', 'datetime', 'decimal', 'text'];
    const remote = planSplit(types, [0, 1, 2, 3, 4], sample, 50_000_000);
    expect(remote.length).toBeGreaterThan(0);
    expect(remote.length).toBeLessThan(5);
    expect(planSplit(types, [0, 1, 2, 3, 4], sample, 1_000_000)).toEqual([]);
    expect(planSplit(types, [0, -1, -1, -1, -1], sample, 50_000_000)).toEqual([]);
  });

  it('a guessed UTF-8 file with GB18030 past its start is read again as GB18030, second thread included', async () => {
    const text = orderLines(320_000).replace('O200000,', 'O200000 客户,');
    const path = join(dir, 'mixed.csv');
    const head = Buffer.from(text.slice(0, text.indexOf('O200000')), 'utf8');
    writeFileSync(path, Buffer.concat([head, iconv.encode(text.slice(text.indexOf('O200000')), 'gb18030')]));
    const { store, result } = await importInto(dir, path);
    try {
      expect(result.warnings.map((w) => w.code)).toContain('ENCODING_FALLBACK');
      expect(result.datasets[0]!.rows).toBe(320_000);
      // The UTF-8 start reads as mojibake now (as it would opened as GB18030), the rest correctly.
      const first = result.datasets[0]!.columns[0]!.name;
      expect(columnValues(store, result.datasets[0]!.id, first)[200_000]).toBe('O200000 客户');
    } finally {
      store.close();
    }
  }, 120_000);

  it('a cancel during the second thread leaves the project as it was', async () => {
    const path = join(dir, 'orders.csv');
    writeFileSync(path, orderLines(320_000));
    const store = ProjectStore.open(join(dir, 'p.kequn'), { create: true });
    try {
      const before = projectSnapshot(store);
      let ticks = 0;
      const ticker = {
        tick: async (): Promise<void> => {
          if (++ticks === 5) throw new KequnError('CANCELLED');
        },
      };
      await expect(runImport(workOf(store), { path, allSheets: false, encoding: 'auto' }, ticker)).rejects.toMatchObject({ code: 'CANCELLED' });
      expect(projectSnapshot(store)).toBe(before);
    } finally {
      store.close();
    }
  }, 120_000);
});
