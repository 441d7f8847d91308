// Customer-value benchmark: fit time on generated customers (default 100,000 and 1,000,000;
// CLV_BENCH_SIZES="100000,1000000" to change). Transactions are drawn from known BG/NBD and
// Gamma-Gamma parameters (about ten per customer: 1M customers ≈ 10M transactions) over two
// years, unit = week, calibration = first 78 weeks, holdout = the rest.
//  A. models: typed columns → per-customer summary → BG/NBD fit (4 starts) → Gamma-Gamma fit
//     (3 starts; both on a 100,000-customer sample above that, then polished on all, as runClv
//     does) → P(alive), expected purchases, CLV → tracking curve and tiers (pure modules);
//  B. product path: the same transactions as a project dataset, then runClv (what `clv.fit` and
//     `kequn clv fit` run): column reads, the above, the customer dataset + tiers segmentation +
//     model written in one transaction. Creating the dataset is setup and timed apart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fitBgNbd } from '../electron/engine/clv/bgnbd-fit';
import { START_SAMPLE, systematicSample } from '../electron/engine/clv/fit-report';
import { summariseCustomers } from '../electron/engine/clv/customer-summary';
import { customerValues } from '../electron/engine/clv/customer-value';
import { fitGammaGamma } from '../electron/engine/clv/gamma-gamma';
import { compressDays } from '../electron/engine/clv/repeat-data';
import { directClvWork, runClv } from '../electron/engine/clv/run-clv';
import { TransactionSimulator, type TransactionSimulationSpec } from '../electron/engine/clv/simulate';
import { trackingCurve } from '../electron/engine/clv/tracking';
import { rankTiers } from '../electron/engine/clv/value-tiers';
import { ProjectStore } from '../electron/engine/store/project-store';
import { clvFitParamsSchema } from '../shared/contract/clv';
import type { CellValue } from '../shared/contract/json';
import { peakRss, report, timeIt } from './bench-util';

const SIZES = (process.env.CLV_BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const TRUE_BG = { r: 1.5, alpha: 7.7, a: 1, b: 12 };
const TRUE_GG = { p: 6, q: 4, gamma: 20 };
const START_DAY = Date.UTC(2022, 0, 3) / 86_400_000;
const CAL_DAYS = 546;
const END_DAYS = 728;

function spec(customers: number): TransactionSimulationSpec {
  return { customers, bgnbd: TRUE_BG, gammaGamma: TRUE_GG, seed: 2026, unitDays: 7, acquisitionDays: 364, endDay: END_DAYS };
}

/** Typed transaction columns straight from the simulator. */
function typedTransactions(customers: number): { customer: Int32Array; day: Float64Array; amount: Float64Array; n: number } {
  let cap = customers * 12;
  let customer = new Int32Array(cap);
  let day = new Float64Array(cap);
  let amount = new Float64Array(cap);
  let n = 0;
  const sim = new TransactionSimulator(spec(customers));
  while (sim.remaining > 0) {
    sim.next(50_000, (c, d, a) => {
      if (n === cap) {
        cap *= 2;
        const grow = <T extends Int32Array | Float64Array>(old: T, make: (k: number) => T): T => {
          const next = make(cap);
          next.set(old);
          return next;
        };
        customer = grow(customer, (k) => new Int32Array(k));
        day = grow(day, (k) => new Float64Array(k));
        amount = grow(amount, (k) => new Float64Array(k));
      }
      customer[n] = c;
      day[n] = START_DAY + d;
      amount[n] = a;
      n++;
    });
  }
  return { customer: customer.subarray(0, n), day: day.subarray(0, n), amount: amount.subarray(0, n), n };
}

/** The same transactions as dataset rows, generated lazily (ten million rows never sit in memory). */
function* rows(customers: number): Generator<CellValue[]> {
  const sim = new TransactionSimulator(spec(customers));
  const batch: CellValue[][] = [];
  while (sim.remaining > 0) {
    sim.next(10_000, (c, d, a) => batch.push([`C${c}`, (START_DAY + d) * 86_400_000, a]));
    yield* batch;
    batch.length = 0;
  }
}

async function modelsOnly(customers: number) {
  const tx = typedTransactions(customers);
  const calEnd = START_DAY + CAL_DAYS - 1;
  const summary = await timeIt(() =>
    summariseCustomers({ customer: tx.customer, customerCount: customers, day: tx.day, amount: tx.amount, isReturn: null }, { calibrationEndDay: calEnd, holdoutEndDay: START_DAY + END_DAYS - 1, returns: 'exclude' }),
  );
  const s = summary.value;
  // As runClv does: above 100,000 customers the starts run on a systematic sample.
  const compress = await timeIt(() => {
    const all = compressDays(s.x, s.txDays, s.TDays, 7);
    if (s.count <= START_SAMPLE) return { all, sample: undefined };
    const idx = systematicSample(s.count, START_SAMPLE);
    const pick = (a: Int32Array): Int32Array => Int32Array.from(idx, (i) => a[i]!);
    return { all, sample: compressDays(pick(s.x), pick(s.txDays), pick(s.TDays), 7) };
  });
  const bg = await timeIt(() => fitBgNbd(compress.value.all, undefined, compress.value.sample));
  const idx: number[] = [];
  for (let i = 0; i < s.count; i++) if (s.x[i]! > 0 && s.monetary[i]! > 0) idx.push(i);
  const spend = { x: Float64Array.from(idx, (i) => s.x[i]!), m: Float64Array.from(idx, (i) => s.monetary[i]!) };
  const gg = await timeIt(() => fitGammaGamma(spend));
  const values = await timeIt(() =>
    customerValues(bg.value.params, gg.value.params, s, { unitDays: 7, predictPeriods: 52, horizonMonths: 12, discountRate: 0.01, margin: 1, holdoutPeriods: (END_DAYS - CAL_DAYS) / 7 }),
  );
  const tracking = await timeIt(() =>
    trackingCurve(bg.value.params, { firstDay: s.firstDay, cohortStartDay: s.cohortStartDay, calibrationEndDay: s.calibrationEndDay, endDay: START_DAY + END_DAYS - 1, repeatsByDay: s.repeatsByDay, unitDays: 7 }),
  );
  const tiers = await timeIt(() => rankTiers(values.value.clv, 5));
  const se = bg.value.standardErrors ?? [];
  return {
    transactions: tx.n,
    customers: s.count,
    repeatCustomers: idx.length,
    compressedRows: compress.value.all.x.length,
    ms: {
      summary: Math.round(summary.ms),
      compress: Math.round(compress.ms),
      bgnbdFit: Math.round(bg.ms),
      gammaGammaFit: Math.round(gg.ms),
      valuesAndClv: Math.round(values.ms),
      tracking: Math.round(tracking.ms),
      tiers: Math.round(tiers.ms),
      total: Math.round(summary.ms + compress.ms + bg.ms + gg.ms + values.ms + tracking.ms + tiers.ms),
    },
    bgnbd: {
      ...bg.value.params,
      standardErrors: se,
      startIterations: bg.value.starts.map((x) => x.iterations),
      finalIterations: bg.value.iterations,
      startsSample: bg.value.startsSample,
      converged: bg.value.converged,
      agreeingStarts: bg.value.agreeingStarts,
    },
    gammaGamma: { ...gg.value.params, iterations: gg.value.starts.map((x) => x.iterations), converged: gg.value.converged },
    truth: { bgnbd: TRUE_BG, gammaGamma: TRUE_GG },
  };
}

async function productPath(customers: number) {
  const dir = mkdtempSync(join(tmpdir(), 'kequn-bench-clv-'));
  try {
    const store = ProjectStore.open(join(dir, 'bench.kequn'), { create: true });
    const created = await timeIt(() =>
      store.createDataset(
        {
          name: '订单',
          kind: 'import',
          source: 'bench',
          columns: [
            { name: '客户', originalHeader: null, type: 'text' },
            { name: '日期', originalHeader: null, type: 'date' },
            { name: '金额', originalHeader: null, type: 'decimal' },
          ],
        },
        rows(customers),
      ),
    );
    const iso = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);
    const params = clvFitParamsSchema.parse({
      datasetId: created.value.id,
      customer: '客户',
      date: '日期',
      amount: '金额',
      unit: 'week',
      calibrationEnd: iso(START_DAY + CAL_DAYS - 1),
      holdoutEnd: iso(START_DAY + END_DAYS - 1),
    });
    const fit = await peakRss(() => timeIt(() => runClv(directClvWork(store), params)));
    const m = fit.value.value.model;
    store.close();
    return {
      transactions: created.value.rowCount,
      createDatasetMs: Math.round(created.ms),
      fitMs: Math.round(fit.value.ms),
      stages: m.timings,
      peakRssMb: Math.round(fit.peakMb),
      customers: m.data.customers,
      holdoutRelativeError: m.holdout?.relativeError ?? null,
      bgnbd: { r: m.bgnbd.r, alpha: m.bgnbd.alpha, a: m.bgnbd.a, b: m.bgnbd.b },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const results: Record<string, unknown>[] = [];
  for (const n of SIZES) {
    const models = await peakRss(() => modelsOnly(n));
    console.log(`models ${n}: ${JSON.stringify(models.value.ms)}`);
    const product = await productPath(n);
    console.log(`product path ${n}: fit ${product.fitMs} ms (${JSON.stringify(product.stages)})`);
    results.push({ customers: n, models: { ...models.value, peakRssMb: Math.round(models.peakMb) }, productPath: product });
  }
  report('clv', { sizes: results });
}

await main();
