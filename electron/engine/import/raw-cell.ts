/**
 * A cell as a reader hands it over, before the column's type is known. Workbook numbers carry
 * their number format's meaning (date, percent, currency) because the bare value loses it.
 */
export type RawCell = string | number | boolean | null | FormattedNumber;

export type NumberMeaning = 'date' | 'percent' | 'currency';

export class FormattedNumber {
  constructor(
    readonly value: number,
    readonly meaning: NumberMeaning,
  ) {}
}

/** Epoch ms of the wall-clock time an Excel serial stands for, read as UTC. */
export function excelSerialToMs(serial: number, date1904: boolean): number | null {
  if (!Number.isFinite(serial) || serial < 0 || serial > 2_958_466) return null;
  if (date1904) return Math.round((serial + 1462) * 86_400_000) + EXCEL_1900_EPOCH;
  // 1900 system: Excel counts a 29 Feb 1900 that never was (serial 60), so serials after it
  // are one day ahead of the real calendar.
  if (serial >= 61) return Math.round(serial * 86_400_000) + EXCEL_1900_EPOCH;
  if (serial >= 60) return null;
  return Math.round(serial * 86_400_000) + EXCEL_1900_EPOCH + 86_400_000;
}

/** Day 0 of the 1900 system counted from 30 Dec 1899 (which makes serial 61 = 1 Mar 1900). */
const EXCEL_1900_EPOCH = Date.UTC(1899, 11, 30);

