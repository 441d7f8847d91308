import { describe, expect, it } from 'vitest';
import { compileSafeRegex, replaceAll } from '../../../electron/engine/clean/safe-regex';
import { toHalfWidth, normalizeText } from '../../../electron/engine/clean/text-normalize';
import { convertCell, parseDateText, parseNumberText } from '../../../electron/engine/clean/value-parse';

describe('numbers and dates stored as text', () => {
  it('parses the number forms Chinese exports use', () => {
    expect(parseNumberText('1,234')).toBe(1234);
    expect(parseNumberText('¥1,234.00')).toBe(1234);
    expect(parseNumberText('￥ 12.5元')).toBe(12.5);
    expect(parseNumberText('(1,234)')).toBe(-1234);
    expect(parseNumberText('12%')).toBeCloseTo(0.12);
    expect(parseNumberText('１２３')).toBe(123);
    expect(parseNumberText('1,2,3')).toBeNull();
    expect(parseNumberText('abc')).toBeNull();
  });

  it('parses Chinese and ISO dates as wall-clock UTC', () => {
    expect(parseDateText('2024年3月5日')).toBe(Date.UTC(2024, 2, 5));
    expect(parseDateText('2018/5/16 9:41')).toBe(Date.UTC(2018, 4, 16, 9, 41));
    expect(parseDateText('20240305')).toBe(Date.UTC(2024, 2, 5));
    expect(parseDateText('2024-02-30')).toBeNull();
  });

  it('converts cells between types and refuses what does not fit', () => {
    expect(convertCell('是', 'text', 'boolean')).toEqual({ ok: true, value: 1 });
    expect(convertCell(45356, 'decimal', 'date')).toEqual({ ok: true, value: Date.UTC(2024, 2, 5) });
    expect(convertCell(Date.UTC(2024, 2, 5), 'date', 'text')).toEqual({ ok: true, value: '2024-03-05' });
    expect(convertCell('1.5', 'text', 'integer')).toEqual({ ok: false });
  });
});

describe('text normalisation', () => {
  it('turns full-width into half-width and tidies spaces', () => {
    expect(toHalfWidth('ＡＢＣ　１２３，')).toBe('ABC 123,');
    expect(normalizeText('  北京\u3000 市 ', { trim: true, fullWidth: true, case: 'keep' })).toBe('北京 市');
  });
});

describe('user regular expressions', () => {
  it('runs in linear time even for a pattern that backtracks catastrophically elsewhere', () => {
    const re = compileSafeRegex('(a+)+$');
    const t0 = performance.now();
    expect(replaceAll(re, 'a'.repeat(30_000) + 'b', 'x')).toBeNull();
    expect(replaceAll(re, 'baa', 'x')).toBe('bx');
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('replaces every match with groups and respects anchors', () => {
    const re = compileSafeRegex('(\\d+)号');
    expect(replaceAll(re, '1号楼2号门', '#$1')).toBe('#1楼#2门');
    expect(replaceAll(compileSafeRegex('^a'), 'aaa', 'b')).toBe('baa');
    expect(replaceAll(compileSafeRegex('x*'), 'ab', '-')).toBe('ab'.replace(/x*/g, '-'));
  });

  it('refuses back-references and bad syntax with CLEAN_FAILED', () => {
    expect(() => compileSafeRegex('(a)\\1')).toThrow(expect.objectContaining({ code: 'CLEAN_FAILED' }));
    expect(() => compileSafeRegex('(')).toThrow(expect.objectContaining({ code: 'CLEAN_FAILED' }));
  });
});
