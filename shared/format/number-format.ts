/**
 * Locale-aware display of numbers, money and percentages. Chinese readers expect large amounts in
 * 万 (10^4) and 亿 (10^8); English readers get K/M/B. Pure so that the UI, CLI and reports agree.
 */
export type Locale = 'zh-CN' | 'en';

const groupFormatters = new Map<string, Intl.NumberFormat>();

function fmt(locale: Locale, digits: number): Intl.NumberFormat {
  const key = `${locale}:${digits}`;
  let f = groupFormatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-US', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    groupFormatters.set(key, f);
  }
  return f;
}

/** 1234567.8 → "1,234,567.80" */
export function formatNumber(value: number, locale: Locale, digits = 0): string {
  if (!Number.isFinite(value)) return String(value);
  return fmt(locale, digits).format(value);
}

/**
 * How many decimals a value has when written out (0.1 → 1, 56.85 → 2), at most `max`; values in
 * exponent form get `max`. Lets a preview show a number exactly as it will be stored.
 */
export function decimalsOf(value: number, max = 10): number {
  if (!Number.isFinite(value) || Number.isInteger(value)) return 0;
  const s = String(value);
  if (s.includes('e')) return max;
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : Math.min(max, s.length - dot - 1);
}

/** Every decimal the value has, with thousands separators: 56.85 → "56.85", 1234.5 → "1,234.5". */
export function formatFull(value: number, locale: Locale): string {
  return formatNumber(value, locale, decimalsOf(value));
}

/** 1234.5 → "¥1,234.50" */
export function formatMoney(value: number, locale: Locale, digits = 2): string {
  if (!Number.isFinite(value)) return String(value);
  const sign = value < 0 ? '-' : '';
  return `${sign}¥${fmt(locale, digits).format(Math.abs(value))}`;
}

/** 123456789 → "1.23亿" (zh) / "123.46M" (en); small values stay plain. */
export function formatCompact(value: number, locale: Locale, digits = 2): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  if (locale === 'zh-CN') {
    if (abs >= 1e8) return `${sign}${fmt(locale, digits).format(abs / 1e8)}亿`;
    if (abs >= 1e4) return `${sign}${fmt(locale, digits).format(abs / 1e4)}万`;
    return `${sign}${fmt(locale, abs % 1 === 0 ? 0 : digits).format(abs)}`;
  }
  if (abs >= 1e9) return `${sign}${fmt(locale, digits).format(abs / 1e9)}B`;
  if (abs >= 1e6) return `${sign}${fmt(locale, digits).format(abs / 1e6)}M`;
  if (abs >= 1e4) return `${sign}${fmt(locale, digits).format(abs / 1e3)}K`;
  return `${sign}${fmt(locale, abs % 1 === 0 ? 0 : digits).format(abs)}`;
}

/** Money in compact form: "¥1.23亿", "¥45.60万", "¥1.2M". */
export function formatMoneyCompact(value: number, locale: Locale, digits = 2): string {
  const s = formatCompact(Math.abs(value), locale, digits);
  return `${value < 0 ? '-' : ''}¥${s}`;
}

/** 0.1234 → "12.3%" */
export function formatPercent(ratio: number, locale: Locale, digits = 1): string {
  if (!Number.isFinite(ratio)) return String(ratio);
  return `${fmt(locale, digits).format(ratio * 100)}%`;
}
