import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { BgNbdParams } from './bgnbd-likelihood';
import type { GammaGammaParams } from './gamma-gamma';
import { TransactionSimulator } from './simulate';

export type SimulatedFileFormat = 'fixed' | 'csv';

export interface SimulatedFileSpec {
  path: string;
  format: SimulatedFileFormat;
  customers: number;
  seed: number;
  unitDays: number;
  bgnbd: BgNbdParams;
  gammaGamma: GammaGammaParams;
  /** Day number (days since 1970-01-01) of the first possible purchase. */
  startDay: number;
  acquisitionDays: number;
  days: number;
}

const DAY_MS = 86_400_000;

function ymd(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10).replaceAll('-', '');
}

/**
 * Writes simulated transactions to a text file, streamed (ten million rows never sit in memory):
 * `fixed` is the layout of the textbook CDNOW file and old ERP exports — no header row,
 * whitespace-aligned columns, zero-padded customer ids, dates as yyyymmdd; `csv` has a header
 * (客户,日期,金额) and ISO dates. Returns the number of transactions.
 */
export async function writeSimulatedTransactions(spec: SimulatedFileSpec, onProgress?: (customers: number, total: number) => void): Promise<number> {
  const out = createWriteStream(spec.path, { encoding: 'utf8' });
  const width = Math.max(5, String(spec.customers).length);
  const sim = new TransactionSimulator({
    customers: spec.customers,
    bgnbd: spec.bgnbd,
    gammaGamma: spec.gammaGamma,
    seed: spec.seed,
    unitDays: spec.unitDays,
    acquisitionDays: spec.acquisitionDays,
    endDay: spec.days,
  });
  const lines: string[] = spec.format === 'csv' ? ['客户,日期,金额'] : [];
  let count = 0;
  try {
    while (sim.remaining > 0) {
      count += sim.next(10_000, (customer, day, amount) => {
        const id = String(customer + 1).padStart(width, '0');
        const value = amount.toFixed(2);
        if (spec.format === 'csv') lines.push(`${id},${new Date((spec.startDay + day) * DAY_MS).toISOString().slice(0, 10)},${value}`);
        else lines.push(`${id} ${ymd(spec.startDay + day)} ${value.padStart(9)}`);
      });
      // Back-pressure: wait for the disk between batches.
      if (!out.write(lines.join('\n') + '\n')) await once(out, 'drain');
      lines.length = 0;
      onProgress?.(spec.customers - sim.remaining, spec.customers);
    }
  } finally {
    out.end();
  }
  await once(out, 'finish');
  return count;
}
