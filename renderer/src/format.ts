/**
 * shared/format bound to the UI's current language, so views write `formatNumber(n)` and agree
 * with the CLI and the reports. Components re-render on a language switch through
 * useTranslation, so reading the locale at call time is enough.
 */
import * as base from '../../shared/format/index';
import { currentLocale } from './i18n/index';

export type { Locale } from '../../shared/format/index';
export { currentLocale };

export const formatNumber = (value: number, digits?: number): string => base.formatNumber(value, currentLocale(), digits);
/** Every decimal the value has (the import preview shows numbers exactly as they will be stored). */
export const formatFull = (value: number): string => base.formatFull(value, currentLocale());
export const decimalsOf = base.decimalsOf;
export const formatMoney = (value: number, digits?: number): string => base.formatMoney(value, currentLocale(), digits);
export const formatCompact = (value: number, digits?: number): string => base.formatCompact(value, currentLocale(), digits);
export const formatMoneyCompact = (value: number, digits?: number): string =>
  base.formatMoneyCompact(value, currentLocale(), digits);
export const formatPercent = (ratio: number, digits?: number): string => base.formatPercent(ratio, currentLocale(), digits);
export const formatDate = (epochMs: number): string => base.formatDate(epochMs, currentLocale());
export const formatDateTime = (epochMs: number): string => base.formatDateTime(epochMs, currentLocale());
export const formatDateLong = (epochMs: number): string => base.formatDateLong(epochMs, currentLocale());
