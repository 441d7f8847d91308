import { describe, expect, it } from 'vitest';
import { formatApplies, formatByCode, isDateCode, isValidFormatCode, numberFormatCode, numberStyleOf } from '../../../shared/format/column-format';

describe('column formats as Excel codes', () => {
  it('formats numbers as Excel shows them', () => {
    expect(formatByCode(1234567.891, '#,##0.00')).toBe('1,234,567.89');
    expect(formatByCode(1234567.891, '#,##0')).toBe('1,234,568');
    expect(formatByCode(56.85, '0.0')).toBe('56.9');
    expect(formatByCode(1.005, '0.00')).toBe('1.01');
    expect(formatByCode(0.1234, '0.0%')).toBe('12.3%');
    expect(formatByCode(-1234.5, '¥#,##0.00')).toBe('-¥1,234.50');
    expect(formatByCode(0, '#,##0.00')).toBe('0.00');
    expect(formatByCode(-0.001, '0.00')).toBe('0.00');
    expect(formatByCode(1.5, '0.##')).toBe('1.5');
    expect(formatByCode(2, '0.##')).toBe('2');
    expect(formatByCode(7, '000')).toBe('007');
    expect(formatByCode(1234.5, '[$¥-804]#,##0.00')).toBe('¥1,234.50');
    expect(formatByCode(12, '0"件"')).toBe('12件');
    expect(formatByCode(12.5, 'General')).toBe('12.5');
  });

  it('scales to 万 and 亿 with the literal-point codes Chinese offices use', () => {
    expect(formatByCode(123456, '0!.0,"万"')).toBe('12.3万');
    expect(formatByCode(500, '0!.0,"万"')).toBe('0.1万');
    expect(formatByCode(0, '0!.0,"万"')).toBe('0.0万');
    expect(formatByCode(-123456, '0!.0,"万"')).toBe('-12.3万');
    expect(formatByCode(123456789, '0!.00,,"亿"')).toBe('1.23亿');
    expect(formatByCode(1234567, '#,##0,"千"')).toBe('1,235千');
  });

  it('uses the negative and zero sections', () => {
    expect(formatByCode(-5, '0.0;(0.0)')).toBe('(5.0)');
    expect(formatByCode(0, '0;-0;"—"')).toBe('—');
  });

  it('formats dates (wall-clock ms read as UTC)', () => {
    const ms = Date.UTC(2024, 2, 5, 9, 7, 3);
    expect(formatByCode(ms, 'yyyy-mm-dd')).toBe('2024-03-05');
    expect(formatByCode(ms, 'yyyy/m/d')).toBe('2024/3/5');
    expect(formatByCode(ms, 'yyyy年m月d日')).toBe('2024年3月5日');
    expect(formatByCode(ms, 'yyyy-mm-dd hh:mm')).toBe('2024-03-05 09:07');
    expect(formatByCode(ms, 'yyyy-mm-dd hh:mm:ss')).toBe('2024-03-05 09:07:03');
    expect(formatByCode(ms, 'm月d日 aaaa')).toBe('3月5日 星期二');
    expect(isDateCode('yyyy-mm')).toBe(true);
    expect(isDateCode('#,##0.00')).toBe(false);
  });

  it('round-trips the picker styles and checks which codes apply to which column types', () => {
    for (const style of ['number', 'thousands', 'currency', 'percent'] as const) {
      for (const d of [0, 1, 2, 4]) expect(numberStyleOf(numberFormatCode(style, d))).toEqual({ style, decimals: d });
    }
    expect(numberStyleOf(numberFormatCode('wan', 3))).toEqual({ style: 'wan', decimals: 1 });
    expect(numberStyleOf('0.0E+00')).toBeNull();
    expect(formatApplies('currency', '0!.0,"万"')).toBe(true);
    expect(formatApplies('date', '#,##0')).toBe(false);
    expect(formatApplies('datetime', 'yyyy/m/d')).toBe(true);
    expect(formatApplies('text', '#,##0')).toBe(false);
    expect(isValidFormatCode('')).toBe(false);
    expect(isValidFormatCode('0;0;0;0;0')).toBe(false);
    expect(isValidFormatCode('x'.repeat(101))).toBe(false);
  });
});
