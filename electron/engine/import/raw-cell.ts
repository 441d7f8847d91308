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

/** One rule for Excel serials everywhere (import, export, change-type): see shared/format/excel-serial. */
export { excelSerialToMs } from '../../../shared/format/excel-serial';
