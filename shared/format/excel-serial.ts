/**
 * Excel's 1900 date system, both ways. Excel counts a 29 February 1900 that never was (serial
 * 60, kept for Lotus 1-2-3), so serials from 61 (1900-03-01) on are one day ahead of a plain
 * count from 1899-12-30, and serials 1–59 (1900-01-01 … 1900-02-28) are not. Every reader and
 * writer of serials goes through here, so 1900-01-01 — a common "no date" placeholder — stays
 * 1900-01-01 both ways.
 */

const DAY_MS = 86_400_000;
/** Day 0 of the plain count: 1899-12-30 (serial 61 = 1900-03-01 on it). */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
/** The first real day after Excel's fictitious 1900-02-29. */
const MARCH_1900 = Date.UTC(1900, 2, 1);
/** Excel's first day (serial 1 = 1900-01-01) and last (9999-12-31). */
const FIRST_DAY = Date.UTC(1900, 0, 1);
export const EXCEL_MAX_SERIAL = 2_958_466;

/** Epoch ms of the wall-clock time (read as UTC) an Excel serial stands for; null for 60 and out of range. */
export function excelSerialToMs(serial: number, date1904 = false): number | null {
  if (!Number.isFinite(serial) || serial < 0 || serial > EXCEL_MAX_SERIAL) return null;
  if (date1904) return Math.round((serial + 1462) * DAY_MS) + EPOCH_1900;
  if (serial >= 61) return Math.round(serial * DAY_MS) + EPOCH_1900;
  if (serial >= 60) return null;
  return Math.round(serial * DAY_MS) + EPOCH_1900 + DAY_MS;
}

/**
 * The 1900-system serial of a wall-clock time; null before 1900-01-01 (Excel has no serial for
 * it, so writers keep such a date as text).
 */
export function msToExcelSerial(ms: number): number | null {
  if (!Number.isFinite(ms) || ms < FIRST_DAY) return null;
  const serial = (ms - EPOCH_1900) / DAY_MS - (ms < MARCH_1900 ? 1 : 0);
  return serial > EXCEL_MAX_SERIAL ? null : serial;
}
