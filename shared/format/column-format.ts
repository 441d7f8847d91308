/**
 * Per-column display formats, stored with the dataset as Excel number-format codes so that the
 * grid, the CSV and .xlsx exports and the reports show a column the same way, and an exported
 * workbook keeps the format as a real Excel format (the cell stays a number).
 *
 * The codes the UI offers: 数值 `0.00`, 千分位 `#,##0.00`, 货币 `¥#,##0.00`, 百分比 `0.0%`,
 * 万 `0!.0,"万"` (one decimal; Excel scales by a thousand per trailing comma and the `!.` is a
 * literal point, the usual trick of Chinese offices), 亿 `0!.00,,"亿"` (two decimals), and date
 * codes such as `yyyy-mm-dd`, `yyyy/m/d`, `yyyy年m月d日`, `yyyy-mm-dd hh:mm`. Any other code a user
 * types is formatted by the same rules: one to three `;` sections, digit placeholders `0 # ?`,
 * thousands and scaling commas, `%`, literals in quotes or after `\` / `!`, `[$¥-804]` currency
 * tags; dates y m d h s (m after h or before s is minutes) and `aaa`/`aaaa` for the weekday.
 */

export type NumberStyle = 'number' | 'thousands' | 'currency' | 'percent' | 'wan' | 'yi';

/** Decimals the number styles allow; 万 and 亿 have fixed decimals (what an Excel code can say). */
export const MAX_FORMAT_DECIMALS = 6;
export const FIXED_DECIMALS: Readonly<Partial<Record<NumberStyle, number>>> = { wan: 1, yi: 2 };

export const DATE_FORMAT_CODES = ['yyyy-mm-dd', 'yyyy/m/d', 'yyyy年m月d日', 'yyyy-mm', 'yyyy年m月', 'm月d日', 'yyyy-mm-dd hh:mm', 'yyyy-mm-dd hh:mm:ss', 'yyyy/m/d h:mm'] as const;

/** Longest code accepted (Excel allows 255; ours are a few characters). */
export const MAX_FORMAT_CODE_LENGTH = 100;

const fraction = (decimals: number): string => (decimals > 0 ? `.${'0'.repeat(decimals)}` : '');

/** The Excel code of a number style with its decimals. */
export function numberFormatCode(style: NumberStyle, decimals: number): string {
  const d = Math.max(0, Math.min(MAX_FORMAT_DECIMALS, Math.round(decimals)));
  switch (style) {
    case 'number':
      return `0${fraction(d)}`;
    case 'thousands':
      return `#,##0${fraction(d)}`;
    case 'currency':
      return `¥#,##0${fraction(d)}`;
    case 'percent':
      return `0${fraction(d)}%`;
    case 'wan':
      return '0!.0,"万"';
    case 'yi':
      return '0!.00,,"亿"';
  }
}

/** Reads a code back into the picker's terms; null for codes the picker does not offer. */
export function numberStyleOf(code: string): { style: NumberStyle; decimals: number } | null {
  if (code === numberFormatCode('wan', 1)) return { style: 'wan', decimals: 1 };
  if (code === numberFormatCode('yi', 2)) return { style: 'yi', decimals: 2 };
  const m = /^(¥#,##0|#,##0|0)(?:\.(0+))?(%?)$/.exec(code);
  if (!m) return null;
  const decimals = m[2]?.length ?? 0;
  if (m[3] === '%') return m[1] === '0' ? { style: 'percent', decimals } : null;
  return { style: m[1] === '0' ? 'number' : m[1] === '#,##0' ? 'thousands' : 'currency', decimals };
}

interface Token {
  /** 'lit' = literal text; 'ph' = digit placeholder 0 # ?; others are the format characters. */
  kind: 'lit' | 'ph' | 'point' | 'comma' | 'percent' | 'date' | 'text';
  text: string;
}

/** Splits one section of a code into tokens. */
function tokenize(section: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < section.length; i++) {
    const c = section[i]!;
    if (c === '"') {
      const end = section.indexOf('"', i + 1);
      out.push({ kind: 'lit', text: section.slice(i + 1, end < 0 ? undefined : end) });
      i = end < 0 ? section.length : end;
    } else if ((c === '\\' || c === '!') && i + 1 < section.length) {
      out.push({ kind: 'lit', text: section[++i]! });
    } else if (c === '_' && i + 1 < section.length) {
      i++;
      out.push({ kind: 'lit', text: ' ' });
    } else if (c === '*' && i + 1 < section.length) {
      i++; // fill character: a grid cell has no width to fill
    } else if (c === '[') {
      const end = section.indexOf(']', i + 1);
      const inner = section.slice(i + 1, end < 0 ? undefined : end);
      // [$¥-804] is a currency symbol with a locale; [Red], [>=100] and the like change nothing here.
      if (inner.startsWith('$')) out.push({ kind: 'lit', text: inner.slice(1).split('-')[0] ?? '' });
      i = end < 0 ? section.length : end;
    } else if (c === '0' || c === '#' || c === '?') out.push({ kind: 'ph', text: c });
    else if (c === '.') out.push({ kind: 'point', text: c });
    else if (c === ',') out.push({ kind: 'comma', text: c });
    else if (c === '%') out.push({ kind: 'percent', text: c });
    else if (c === '@') out.push({ kind: 'text', text: c });
    else if (/[yYmMdDhHsS]/.test(c)) out.push({ kind: 'date', text: c.toLowerCase() });
    else if (c === 'a' && section.startsWith('aaa', i)) {
      const run = section.startsWith('aaaa', i) ? 4 : 3;
      out.push({ kind: 'date', text: 'a'.repeat(run) });
      i += run - 1;
    } else out.push({ kind: 'lit', text: c });
  }
  return out;
}

function sections(code: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if (c === '"') quoted = !quoted;
    if (c === ';' && !quoted) {
      out.push(cur);
      cur = '';
      continue;
    }
    if ((c === '\\' || c === '!') && !quoted && i + 1 < code.length) {
      cur += c + code[++i]!;
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out;
}

/** Whether a code formats dates (y, d, h, s, or m not used as minutes-only text). */
export function isDateCode(code: string): boolean {
  return tokenize(sections(code)[0] ?? '').some((t) => t.kind === 'date');
}

/** A code the grid and the exports can use: short, printable, and one to three sections. */
export function isValidFormatCode(code: string): boolean {
  if (code.trim() === '' || code.length > MAX_FORMAT_CODE_LENGTH || /[\u0000-\u001f]/.test(code)) return false;
  const parts = sections(code);
  if (parts.length > 3) return false;
  const date = isDateCode(code);
  return parts.every((s) => {
    const toks = tokenize(s);
    return date ? toks.some((t) => t.kind === 'date') || toks.every((t) => t.kind === 'lit') : !toks.some((t) => t.kind === 'date');
  });
}

/** Rounds half away from zero on the 15 significant digits Excel keeps (1.005 → 1.01). */
function scaledDigits(x: number, decimals: number): { whole: string; frac: string } {
  const clean = Number(x.toPrecision(15));
  if (clean >= 1e15) {
    const fixed = clean.toFixed(decimals);
    const [w = '0', f = ''] = fixed.split('.');
    return { whole: w, frac: f };
  }
  const factor = 10 ** decimals;
  const n = Math.round(Number((clean * factor).toPrecision(15)));
  const whole = Math.floor(n / factor);
  const frac = decimals > 0 ? String(n - whole * factor).padStart(decimals, '0') : '';
  return { whole: String(whole), frac };
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A number in one section (its sign handled by the caller). */
function formatNumberSection(abs: number, toks: Token[]): string {
  const firstPh = toks.findIndex((t) => t.kind === 'ph');
  const literal = (list: Token[]): string => list.map((t) => (t.kind === 'comma' || t.kind === 'point' ? t.text : t.kind === 'ph' ? '' : t.text)).join('');
  const percents = toks.filter((t) => t.kind === 'percent').length;
  if (firstPh < 0) return literal(toks).replace(/@/g, '');
  let lastPh = firstPh;
  toks.forEach((t, i) => {
    if (t.kind === 'ph') lastPh = i;
  });
  const point = toks.findIndex((t, i) => t.kind === 'point' && i > firstPh && i < lastPh);
  // Commas right after the last placeholder scale by a thousand each.
  let scale = 0;
  let after = lastPh + 1;
  while (toks[after]?.kind === 'comma') {
    scale++;
    after++;
  }
  const intToks = toks.slice(firstPh, point < 0 ? lastPh + 1 : point);
  const fracToks = point < 0 ? [] : toks.slice(point + 1, lastPh + 1);
  const fracPh = fracToks.filter((t) => t.kind === 'ph').map((t) => t.text);
  const grouped = intToks.some((t, i) => t.kind === 'comma' && intToks.slice(0, i).some((x) => x.kind === 'ph') && intToks.slice(i + 1).some((x) => x.kind === 'ph'));
  const value = (abs * 100 ** percents) / 1000 ** scale;
  const { whole, frac } = scaledDigits(value, fracPh.length);
  // Fraction: '0' keeps a digit, '#' drops trailing zeros, '?' turns them into spaces.
  let fracText = '';
  let keep = fracPh.length;
  while (keep > 0 && frac[keep - 1] === '0' && fracPh[keep - 1] !== '0') keep--;
  for (let i = 0; i < fracPh.length; i++) fracText += i < keep ? frac[i]! : fracPh[i] === '?' ? ' ' : '';
  // Whole part: placeholders filled from the right; literals inside the run (0!.0) stay in place.
  const intPh = intToks.filter((t) => t.kind === 'ph');
  const minDigits = intPh.length - intPh.findIndex((t) => t.text === '0');
  const wholeDigits = whole === '0' ? '' : whole;
  let intText: string;
  if (intToks.every((t) => t.kind === 'ph' || t.kind === 'comma')) {
    let d = intPh.some((t) => t.text === '0') ? wholeDigits.padStart(Math.min(minDigits, intPh.length), '0') : wholeDigits;
    if (grouped) d = groupThousands(d);
    const spaces = intPh.filter((t) => t.text === '?').length - d.length;
    intText = (spaces > 0 ? ' '.repeat(spaces) : '') + d;
  } else {
    let digits = wholeDigits;
    const parts: string[] = [];
    const phCount = intPh.length;
    let seen = 0;
    for (let i = intToks.length - 1; i >= 0; i--) {
      const t = intToks[i]!;
      if (t.kind !== 'ph') {
        if (t.kind !== 'comma') parts.unshift(t.text);
        continue;
      }
      seen++;
      const last = seen === phCount;
      if (digits.length > 0) {
        parts.unshift(last ? digits : digits.slice(-1));
        digits = last ? '' : digits.slice(0, -1);
      } else parts.unshift(t.text === '0' ? '0' : t.text === '?' ? ' ' : '');
    }
    intText = parts.join('');
  }
  const pointText = point >= 0 && (fracText !== '' || fracPh.length === 0) ? '.' : '';
  return literal(toks.slice(0, firstPh)) + intText + pointText + fracText + literal(toks.slice(after));
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** A date (epoch ms of the wall-clock time, read as UTC) in a date code. */
function formatDateSection(ms: number, toks: Token[]): string {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const parts = { m: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), n: d.getUTCMinutes(), s: d.getUTCSeconds() };
  let out = '';
  let lastWasHour = false;
  for (let i = 0; i < toks.length; ) {
    const t = toks[i]!;
    if (t.kind !== 'date') {
      out += t.text;
      i++;
      continue;
    }
    if (t.text.startsWith('a')) {
      out += t.text.length === 4 ? `星期${WEEKDAYS[d.getUTCDay()]!}` : WEEKDAYS[d.getUTCDay()]!;
      i++;
      continue;
    }
    let run = 1;
    while (toks[i + run]?.kind === 'date' && toks[i + run]!.text === t.text) run++;
    i += run;
    const ch = t.text;
    const nextIsSeconds = toks.slice(i).find((x) => x.kind === 'date')?.text === 's';
    if (ch === 'y') out += run <= 2 ? pad2(y % 100) : String(y);
    else if (ch === 'm') {
      const minutes = lastWasHour || nextIsSeconds;
      const v = minutes ? parts.n : parts.m;
      out += run >= 2 ? pad2(v) : String(v);
    } else if (ch === 'd') out += run >= 2 ? pad2(parts.d) : String(parts.d);
    else if (ch === 'h') out += run >= 2 ? pad2(parts.h) : String(parts.h);
    else if (ch === 's') out += run >= 2 ? pad2(parts.s) : String(parts.s);
    lastWasHour = ch === 'h';
  }
  return out;
}

/**
 * A number or date in an Excel code. Dates are epoch ms of the wall-clock time (the project's
 * convention); a negative number in a one-section code gets a leading minus, as in Excel.
 */
export function formatByCode(value: number, code: string): string {
  if (!Number.isFinite(value)) return String(value);
  if (/^(general|g\/通用格式)$/i.test(code.trim())) return String(value);
  const parts = sections(code);
  if (isDateCode(code)) return formatDateSection(value, tokenize(parts[0]!));
  if (value < 0 && parts.length >= 2) return formatNumberSection(-value, tokenize(parts[1]!));
  if (value === 0 && parts.length >= 3) return formatNumberSection(0, tokenize(parts[2]!));
  const text = formatNumberSection(Math.abs(value), tokenize(parts[0]!));
  // No minus on a value that rounds to zero ("-0.00" is not what Excel shows).
  return value < 0 && /[1-9]/.test(text) ? `-${text}` : text;
}

const DATE_TYPES = new Set(['date', 'datetime']);
const NUMBER_TYPES = new Set(['integer', 'decimal', 'currency', 'percent']);

/**
 * Whether a column's stored code governs how its cells show: date codes on date columns, number
 * codes on number columns. Anything else (a date code left on a column later turned into
 * numbers) falls back to the type's own display.
 */
export function formatApplies(type: string, code: string | null): code is string {
  if (code === null || !isValidFormatCode(code)) return false;
  if (DATE_TYPES.has(type)) return isDateCode(code);
  return NUMBER_TYPES.has(type) && !isDateCode(code);
}
