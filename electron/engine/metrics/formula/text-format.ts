/**
 * Excel's TEXT(value, format) for the formats people use in Chinese offices: numbers (0, 0.00,
 * #,##0, 0.0%, ¥#,##0.00, 0.##), dates and times (yyyy-mm-dd, yyyy/m/d, yyyy年m月d日, yyyy-mm,
 * hh:mm:ss), "@" and General. One section only (no ;-separated negative/zero formats).
 */
const DAY_MS = 86_400_000;
/** Excel's serial day of 1970-01-01 (1900 date system). */
const EXCEL_EPOCH = 25_569;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Splits a format into literal text and format characters; "…" and \x are literals. */
function tokens(format: string): { literal: boolean; text: string }[] {
  const out: { literal: boolean; text: string }[] = [];
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c === '"') {
      const end = format.indexOf('"', i + 1);
      out.push({ literal: true, text: format.slice(i + 1, end < 0 ? undefined : end) });
      i = end < 0 ? format.length : end;
    } else if (c === '\\' && i + 1 < format.length) {
      out.push({ literal: true, text: format[++i]! });
    } else out.push({ literal: false, text: c });
  }
  return out;
}

export function isDateFormat(format: string): boolean {
  return tokens(format).some((t) => !t.literal && /[yYdDhHsS]/.test(t.text)) || /^[mM]+$/.test(format.trim());
}

/** A date/time (epoch ms of the wall clock) in a date format. */
export function formatDateText(ms: number, format: string): string {
  const d = new Date(ms);
  const parts = { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), n: d.getUTCMinutes(), s: d.getUTCSeconds() };
  const toks = tokens(format);
  let out = '';
  let lastWasHour = false;
  for (let i = 0; i < toks.length; ) {
    const t = toks[i]!;
    if (t.literal) {
      out += t.text;
      i++;
      continue;
    }
    const ch = t.text.toLowerCase();
    let run = 1;
    while (i + run < toks.length && !toks[i + run]!.literal && toks[i + run]!.text.toLowerCase() === ch) run++;
    i += run;
    // "m" right after hours (or before seconds) is minutes, as in Excel.
    const nextIsSeconds = toks.slice(i).find((x) => !x.literal && /[a-z]/i.test(x.text))?.text.toLowerCase() === 's';
    if (ch === 'y') out += run <= 2 ? pad(parts.y % 100, 2) : String(parts.y);
    else if (ch === 'm') out += lastWasHour || nextIsSeconds ? pad(parts.n, run >= 2 ? 2 : 1) : run >= 2 ? pad(parts.m, 2) : String(parts.m);
    else if (ch === 'd') out += run >= 2 ? pad(parts.d, 2) : String(parts.d);
    else if (ch === 'h') out += run >= 2 ? pad(parts.h, 2) : String(parts.h);
    else if (ch === 's') out += run >= 2 ? pad(parts.s, 2) : String(parts.s);
    else out += t.text.repeat(run);
    if (ch === 'h') lastWasHour = true;
    else if (/[a-z]/.test(ch)) lastWasHour = false;
  }
  return out;
}

/** A number in a number format: 0 / # digits, thousands commas, decimals, %, literal text around. */
export function formatNumberText(value: number, format: string): string {
  const toks = tokens(format);
  const isDigit = (t: { literal: boolean; text: string }): boolean => !t.literal && /[0#?.,]/.test(t.text);
  const first = toks.findIndex(isDigit);
  if (first < 0) return toks.map((t) => t.text).join('');
  let last = first;
  while (last + 1 < toks.length && isDigit(toks[last + 1]!)) last++;
  const pattern = toks.slice(first, last + 1).map((t) => t.text).join('');
  const percents = toks.filter((t) => !t.literal && t.text === '%').length;
  let v = value * 100 ** percents;
  const [intPart = '', fracPart = ''] = pattern.split('.');
  const minFrac = (fracPart.match(/0/g) ?? []).length;
  const maxFrac = (fracPart.match(/[0#?]/g) ?? []).length;
  const minInt = (intPart.match(/0/g) ?? []).length;
  const grouped = intPart.includes(',');
  const negative = v < 0;
  v = Math.abs(v);
  let text = v.toFixed(maxFrac);
  if (maxFrac > minFrac) text = text.replace(new RegExp(`0{1,${maxFrac - minFrac}}$`), '').replace(/\.$/, '');
  const [whole = '0', f] = text.split('.');
  let i = whole === '0' && minInt === 0 ? '' : whole;
  i = i.padStart(minInt, '0');
  if (grouped) i = i.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const number = `${negative ? '-' : ''}${i}${f !== undefined && f !== '' ? `.${f}` : pattern.endsWith('.') ? '.' : ''}`;
  const around = (ts: typeof toks): string => ts.map((t) => t.text).join('');
  return around(toks.slice(0, first)) + number + around(toks.slice(last + 1));
}

/** TEXT(value, format): dates in date formats; numbers in number formats (or as Excel serial dates). */
export function textOf(value: number | string | boolean, type: 'number' | 'date' | 'text' | 'boolean', format: string): string {
  const f = format.trim();
  // Text stays text whatever the format, as Excel's TEXT does with text input.
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (f === '' || /^(general|g\/通用格式)$/i.test(f) || f === '@') return type === 'date' ? formatDateText(value, 'yyyy-mm-dd') : String(value);
  if (isDateFormat(f)) return formatDateText(type === 'date' ? value : (value - EXCEL_EPOCH) * DAY_MS, f);
  return formatNumberText(value, f);
}
