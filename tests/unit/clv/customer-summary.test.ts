import { describe, expect, it } from 'vitest';
import { summariseCustomers, type TransactionColumns } from '../../../electron/engine/clv/customer-summary';

const DAY = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

/** Rows as [customer code, date, amount, return?]. */
function columns(rows: [number, string | null, number, boolean?][], customers: number): TransactionColumns {
  return {
    customer: Int32Array.from(rows, (r) => r[0]),
    customerCount: customers,
    day: Float64Array.from(rows, (r) => (r[1] === null ? NaN : DAY(r[1]))),
    amount: Float64Array.from(rows, (r) => r[2]),
    isReturn: rows.some((r) => r[3]) ? Uint8Array.from(rows, (r) => (r[3] ? 1 : 0)) : null,
  };
}

describe('per-customer summary (BG/NBD definitions)', () => {
  it('counts purchase days, not orders, and leaves the first day out of the mean spend', async () => {
    const s = await summariseCustomers(
      columns(
        [
          [0, '1997-01-01', 10],
          [0, '1997-01-01', 5], // same day: one purchase of 15
          [0, '1997-03-01', 20],
          [0, '1997-03-01', 4], // one repeat purchase of 24
          [0, '1997-06-01', 30],
          [1, '1997-02-10', 50],
        ],
        2,
      ),
      { calibrationEndDay: DAY('1997-09-30'), holdoutEndDay: null, returns: 'exclude' },
    );
    expect(s.count).toBe(2);
    expect(Array.from(s.x)).toEqual([2, 0]);
    expect(s.monetary[0]).toBeCloseTo((24 + 30) / 2, 12);
    expect(Number.isNaN(s.monetary[1]!)).toBe(true);
    // T from 1 January to 30 September 1997 = 272 days = 38.86 weeks (the FHL example).
    expect(s.TDays[0]).toBe(272);
    expect(s.TDays[0]! / 7).toBeCloseTo(38.857, 3);
    expect(s.txDays[0]).toBe(DAY('1997-06-01') - DAY('1997-01-01'));
    expect(s.txDays[1]).toBe(0);
    expect(Array.from(s.total)).toEqual([69, 50]);
  });

  it('splits calibration and holdout, and counts customers first seen in the holdout apart', async () => {
    const s = await summariseCustomers(
      columns(
        [
          [0, '2024-01-05', 10],
          [0, '2024-02-01', 10],
          [0, '2024-04-02', 10], // holdout
          [0, '2024-04-02', 10], // same holdout day
          [0, '2024-05-20', 10], // holdout
          [0, '2024-08-01', 10], // after the holdout: excluded
          [1, '2024-04-10', 10], // new in holdout
          [2, '2024-03-31', 10], // on the calibration end day: calibration
        ],
        3,
      ),
      { calibrationEndDay: DAY('2024-03-31'), holdoutEndDay: DAY('2024-06-30'), returns: 'exclude' },
    );
    expect(s.count).toBe(2);
    expect(Array.from(s.code)).toEqual([0, 2]);
    expect(Array.from(s.x)).toEqual([1, 0]);
    expect(Array.from(s.holdoutPurchases!)).toEqual([2, 0]);
    expect(s.TDays[1]).toBe(0);
    expect(s.newInHoldout).toBe(1);
    expect(s.excluded.afterPeriod).toBe(1);
    // Tracking histogram: repeat days of the cohort (calibration and holdout) by day since the first purchase.
    const total = s.repeatsByDay.reduce((a, b) => a + b, 0);
    expect(total).toBe(3);
    expect(s.repeatsByDay[DAY('2024-02-01') - s.cohortStartDay]).toBe(1);
    expect(s.cohortStartDay).toBe(DAY('2024-01-05'));
  });

  it('defaults the calibration end to the last purchase day and counts left-out rows by reason', async () => {
    const s = await summariseCustomers(
      columns(
        [
          [-1, '2024-01-01', 10],
          [0, null, 10],
          [0, '2024-01-02', NaN],
          [0, '2024-01-03', 10],
          [0, '2024-01-09', -4, true],
          [0, '2024-02-03', 12],
        ],
        1,
      ),
      { calibrationEndDay: null, holdoutEndDay: null, returns: 'exclude' },
    );
    expect(s.calibrationEndDay).toBe(DAY('2024-02-03'));
    expect(s.excluded).toEqual({ missingCustomer: 1, missingDate: 1, invalidAmount: 1, returns: 1, afterPeriod: 0 });
    expect(s.usedRows).toBe(2);
    expect(s.monetary[0]).toBe(12);
  });

  it('net rule: returns come off the repeat spend and never count as purchases', async () => {
    const s = await summariseCustomers(
      columns(
        [
          [0, '2024-01-03', 10],
          [0, '2024-01-09', 4, true],
          [0, '2024-02-03', 12],
          [0, '2024-02-10', 20],
        ],
        1,
      ),
      { calibrationEndDay: null, holdoutEndDay: null, returns: 'net' },
    );
    expect(s.x[0]).toBe(2);
    expect(s.lastDay[0]).toBe(DAY('2024-02-10'));
    expect(s.total[0]).toBe(38);
    expect(s.monetary[0]).toBe((12 + 20 - 4) / 2);
  });
});
