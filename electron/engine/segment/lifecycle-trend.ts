import type { LifecycleDefinition } from '../../../shared/contract/segment';
import type { DatasetInfo } from '../../../shared/contract/datasets';
import { parseDateText } from './conditions';
import { findColumn, readCells, readNumbers, snapshotOf, type DataSource } from './dataset-access';

const DAY_MS = 86_400_000;

export interface SpendTrend {
  previous: Float64Array;
  recent: Float64Array;
  /** Epoch ms of the analysis date used for the windows (null with period columns). */
  asOfMs: number | null;
}

/**
 * Spend in two equal periods per customer: given as two columns, or summed from a transaction
 * dataset over (D − 2p, D − p] and (D − p, D], D = the analysis date (default: the day after the
 * last transaction), matched on the customer key (text, spaces trimmed).
 */
export function readTrend(store: DataSource, ds: DatasetInfo, def: LifecycleDefinition): SpendTrend | null {
  const t = def.trend;
  if (!t) return null;
  if ('previousColumn' in t) {
    return {
      previous: readNumbers(store, ds.id, findColumn(ds, t.previousColumn).key),
      recent: readNumbers(store, ds.id, findColumn(ds, t.recentColumn).key),
      asOfMs: null,
    };
  }
  const tx = snapshotOf(store, t.transactionsDatasetId).info;
  const who = readCells(store, tx.id, findColumn(tx, t.customerColumn).key);
  const when = readNumbers(store, tx.id, findColumn(tx, t.dateColumn).key);
  const amount = readNumbers(store, tx.id, findColumn(tx, t.amountColumn).key);
  let asOfMs = def.asOf ? parseDateText(def.asOf)! : NaN;
  if (Number.isNaN(asOfMs)) {
    let last = -Infinity;
    for (const d of when) if (!Number.isNaN(d) && d > last) last = d;
    asOfMs = Number.isFinite(last) ? Math.floor(last / DAY_MS) * DAY_MS + DAY_MS : 0;
  }
  const period = t.periodDays * DAY_MS;
  const prevBy = new Map<string, number>();
  const recentBy = new Map<string, number>();
  who.forEach((w, i) => {
    const key = w === null ? '' : String(w).trim();
    const d = when[i]!;
    const a = amount[i]!;
    if (key === '' || Number.isNaN(d) || Number.isNaN(a)) return;
    // RFM's exclude rule: returns (negative amounts) are not spend in either period.
    if (a < 0 && t.returns === 'exclude') return;
    if (d > asOfMs - period && d <= asOfMs) recentBy.set(key, (recentBy.get(key) ?? 0) + a);
    else if (d > asOfMs - 2 * period && d <= asOfMs - period) prevBy.set(key, (prevBy.get(key) ?? 0) + a);
  });
  const keys = readCells(store, ds.id, findColumn(ds, t.keyColumn).key).map((k) => (k === null ? '' : String(k).trim()));
  return {
    previous: Float64Array.from(keys, (k) => prevBy.get(k) ?? 0),
    recent: Float64Array.from(keys, (k) => recentBy.get(k) ?? 0),
    asOfMs,
  };
}
