import type { BooleanLabels, ColumnType } from '../../../shared/contract/datasets';
import { labelsFromWords } from '../../../shared/format/boolean-labels';
import { compactNumberDate, isLeadingZeroId, isMissingMarker, isUnsafeInteger, parseBoolean, parseDate, parseNumber } from './cell-parse';
import { DateOrderEvidence, dayMonthParts, type DateOrderDecision } from './date-order';
import { FormattedNumber, type RawCell } from './raw-cell';

type Shape = 'missing' | 'bool' | 'int' | 'dec' | 'pct' | 'cur' | 'date' | 'datetime' | 'baddate' | 'ymd' | 'zeroid' | 'dmdate' | 'text';

/** What one cell looks like, before any column decision. */
export function shapeOf(v: RawCell): Shape {
  if (v === null || v === '') return 'missing';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') {
    if (compactNumberDate(v)) return 'ymd';
    return Number.isInteger(v) ? 'int' : 'dec';
  }
  if (v instanceof FormattedNumber) {
    if (v.meaning === 'date') return v.value % 1 === 0 ? 'date' : 'datetime';
    return v.meaning === 'percent' ? 'pct' : 'cur';
  }
  if (isMissingMarker(v)) return 'missing';
  const t = v.trim();
  if (t === '') return 'missing';
  if (parseBoolean(t) !== null) return 'bool';
  const n = parseNumber(t);
  if (n) {
    if (n.kind === 'integer' && /^\d{8}$/.test(t) && compactNumberDate(n.value)) return 'ymd';
    return n.kind === 'integer' ? 'int' : n.kind === 'decimal' ? 'dec' : n.kind === 'percent' ? 'pct' : 'cur';
  }
  // Ids whose digits matter: zero-padded (00123) or longer than a number keeps exactly (order numbers).
  if (/^[+-]?\d+(\.\d+)?$/.test(t) && (isLeadingZeroId(t) || isUnsafeInteger(t))) return 'zeroid';
  const d = parseDate(t);
  if (d === 'impossible') return 'baddate';
  if (d) return d.hasTime ? 'datetime' : 'date';
  if (dayMonthParts(t)) return 'dmdate';
  return 'text';
}

/** Counts shapes of a column's sample cells and decides its type. */
export class TypeTally {
  private readonly counts = new Map<Shape, number>();
  /** Day/month dates: which order their numbers allow. */
  readonly dayMonth = new DateOrderEvidence();
  /** How often each yes/no word was written (exact text, trimmed), per value. */
  private readonly words = [new Map<string, number>(), new Map<string, number>()];

  add(v: RawCell): void {
    const s = shapeOf(v);
    this.counts.set(s, (this.counts.get(s) ?? 0) + 1);
    if (s === 'dmdate' && typeof v === 'string') this.dayMonth.add(v);
    else if (s === 'bool') {
      const word = typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : (v as string).trim();
      const value = typeof v === 'boolean' ? v : parseBoolean(word)!;
      const m = this.words[value ? 0 : 1]!;
      m.set(word, (m.get(word) ?? 0) + 1);
    }
  }

  /** The words a yes/no column is shown with: the most written word for each value. */
  booleanLabels(): BooleanLabels {
    const top = (m: Map<string, number>): string | null => {
      let best: string | null = null;
      let n = 0;
      for (const [w, c] of m) if (c > n) [best, n] = [w, c];
      return best;
    };
    return labelsFromWords(top(this.words[0]!), top(this.words[1]!));
  }

  /** The day/month order for a date column written day/month first (null: none are). */
  dateOrder(): DateOrderDecision | null {
    return this.dayMonth.decide();
  }

  private n(...shapes: Shape[]): number {
    return shapes.reduce((sum, s) => sum + (this.counts.get(s) ?? 0), 0);
  }

  /**
   * The type most cells fit: a column becomes typed when at least 80% (numbers: 95%) of its
   * non-empty cells convert; the rest keep their text and are counted invalid. Any zero-padded id keeps the
   * whole column as text, because converting would destroy those ids.
   */
  decide(header?: string | null): ColumnType {
    const type = this.decideFromCells();
    // A plain number under a money header (买家实际支付金额, 单价, 金额（元）) is money: the cells
    // of an export rarely carry the ¥, but the header says what the number is.
    return (type === 'decimal' || type === 'integer') && header && isMoneyHeader(header) ? 'currency' : type;
  }

  private decideFromCells(): ColumnType {
    const total = [...this.counts.entries()].filter(([s]) => s !== 'missing').reduce((sum, [, c]) => sum + c, 0);
    if (total === 0 || this.n('zeroid') > 0) return 'text';
    const enough = (c: number): boolean => c >= 0.8 * total;
    if (enough(this.n('bool'))) return 'boolean';
    const dates = this.n('date', 'datetime', 'baddate', 'dmdate');
    if (enough(dates + this.n('ymd')) && (dates > 0 || enough(this.n('ymd')))) return this.n('datetime') > 0 || this.dayMonth.withTime > 0 ? 'datetime' : 'date';
    const numeric = this.n('int', 'dec', 'pct', 'cur', 'ymd');
    // Numbers need a stricter share: a code column like Invoice (489434, C489449 for cancelled)
    // is an id column with letters, not a number column with typos.
    if (numeric >= 0.95 * total) {
      if (this.n('pct') * 2 >= numeric) return 'percent';
      if (this.n('cur') * 2 >= numeric) return 'currency';
      return this.n('dec', 'pct', 'cur') > 0 ? 'decimal' : 'integer';
    }
    return 'text';
  }
}

/** Chinese money words and signs in a header; rates, shares, counts and ratings are not money. */
const MONEY_HEADER = /[¥￥]|元|金额|价|额/;
const NOT_MONEY_HEADER = /率|比|份额|%|％|评价|指数|数量|次数|人数|天数/;

/** Whether a header names an amount of money (¥, 元, 金额, 价, 额), as Chinese exports head them. */
export function isMoneyHeader(header: string): boolean {
  return MONEY_HEADER.test(header) && !NOT_MONEY_HEADER.test(header);
}
