import { CLV_UNIT_DAYS, clvModelSchema, type ClvFitParams, type ClvFitResult, type ClvModel } from '../../../shared/contract/clv';
import { KequnError } from '../../../shared/contract/errors';
import { CancelToken } from '../../../shared/rpc/cancel';
import type { EngineContext } from '../host/context';
import { Work } from '../host/work';
import { saveClvModel } from '../store/clv-model-store';
import type { ProjectStore } from '../store/project-store';
import { fitBgNbd } from './bgnbd-fit';
import { START_SAMPLE, systematicSample } from './fit-report';
import { customerTable, tierSummaries } from './clv-output';
import { summariseCustomers } from './customer-summary';
import { customerValues } from './customer-value';
import { fitGammaGamma, frequencySpendCorrelation, type GammaGammaFit } from './gamma-gamma';
import { modelWarnings, WARNING_RULES } from './model-warnings';
import { compressDays } from './repeat-data';
import { rfmCross } from './rfm-cross';
import { holdoutFit, trackingCurve, trackingMape } from './tracking';
import { readTransactions } from './transactions-input';
import { pAliveHistogram, rankTiers, tierActions, tierNames } from './value-tiers';

const DAY_MS = 86_400_000;

/** The engine's one Work type: bound project, progress codes, cancel, one commit. */
export type ClvWork = Work;

export function clvWork(ctx: EngineContext): ClvWork {
  return ctx.work();
}

/** A work object for direct (test, bench) use: no progress, never cancelled. */
export function directClvWork(store: ProjectStore): ClvWork {
  return new Work(store, new CancelToken(), () => undefined);
}

/** Below this the models cannot be estimated meaningfully: a coded error, nothing written. */
const MIN_CUSTOMERS = 20;
const MIN_REPEAT_CUSTOMERS = 5;

function dayOf(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function isoOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function invalid(en: string, zh: string, details: Record<string, string | number | null> = {}): KequnError {
  return new KequnError('CLV_INVALID', en, { zh, details });
}

/**
 * Fits BG/NBD and Gamma-Gamma to a transaction dataset and writes a customer dataset (one row
 * per customer: x, tₓ, T, P(alive), expected purchases and spend, CLV, RFM-8), a CLV tiers
 * segmentation on it, and the model record — in one transaction at the end.
 */
export async function runClv(work: ClvWork, params: ClvFitParams): Promise<ClvFitResult> {
  const timings: Record<string, number> = {};
  let clock = performance.now();
  const lap = (name: string): void => {
    const now = performance.now();
    timings[name] = Math.round(now - clock);
    clock = now;
  };
  const store = work.store;
  const ds = store.getDataset(params.datasetId);
  const unitDays = CLV_UNIT_DAYS[params.unit];
  const calDay = params.calibrationEnd === undefined ? null : dayOf(params.calibrationEnd);
  const holdDay = params.holdoutEnd === undefined ? null : dayOf(params.holdoutEnd);
  if (holdDay !== null && calDay === null) throw invalid('A holdout needs a calibration end date', '设置验证期时必须同时给出校准期结束日期');
  if (holdDay !== null && calDay !== null && holdDay <= calDay) {
    throw invalid('The holdout must end after the calibration period', '验证期结束日期必须晚于校准期结束日期', { calibrationEnd: params.calibrationEnd ?? null, holdoutEnd: params.holdoutEnd ?? null });
  }
  work.progress(0, 5, 'read');
  await work.checkpoint();
  const source = await readTransactions(store, ds, params, async (done, total) => {
    work.progress(done / total, 5, 'read');
    await work.checkpoint();
  });
  lap('readMs');
  work.progress(1, 5, 'clvSummary');
  await work.checkpoint();
  const summary = await summariseCustomers(
    source.columns,
    { calibrationEndDay: calDay, holdoutEndDay: holdDay, returns: params.returns },
    { tick: () => work.checkpoint() },
  );
  lap('summaryMs');
  let repeatCustomers = 0;
  let repeatPurchases = 0;
  for (let i = 0; i < summary.count; i++) {
    if (summary.x[i]! > 0) repeatCustomers++;
    repeatPurchases += summary.x[i]!;
  }
  if (summary.count < MIN_CUSTOMERS || repeatCustomers < MIN_REPEAT_CUSTOMERS) {
    throw invalid(
      `Too few customers to fit the models: ${summary.count} customers, ${repeatCustomers} with repeat purchases (need ${MIN_CUSTOMERS} and ${MIN_REPEAT_CUSTOMERS})`,
      `客户太少，无法估计模型：共 ${summary.count} 位客户，其中 ${repeatCustomers} 位有重复购买（至少需要 ${MIN_CUSTOMERS} 位和 ${MIN_REPEAT_CUSTOMERS} 位）`,
      { customers: summary.count, repeatCustomers, ...summary.excluded },
    );
  }
  work.progress(2, 5, 'clvFit');
  await work.checkpoint();
  const repeat = compressDays(summary.x, summary.txDays, summary.TDays, unitDays);
  let sample: ReturnType<typeof compressDays> | undefined;
  if (summary.count > START_SAMPLE) {
    const idx = systematicSample(summary.count, START_SAMPLE);
    const pick = (a: Int32Array): Int32Array => Int32Array.from(idx, (i) => a[i]!);
    sample = compressDays(pick(summary.x), pick(summary.txDays), pick(summary.TDays), unitDays);
  }
  // Progress inside the fits: each optimiser iteration moves the bar a little (the count is not known ahead).
  let iterations = 0;
  const fitTick = async (): Promise<void> => {
    iterations++;
    work.progress(2 + 0.95 * (1 - 1 / (1 + iterations / 50)), 5, 'clvFit');
    await work.checkpoint();
  };
  const bg = await fitBgNbd(repeat, fitTick, sample);
  const spendIdx: number[] = [];
  let nonPositive = 0;
  for (let i = 0; i < summary.count; i++) {
    if (summary.x[i]! === 0) continue;
    if (summary.monetary[i]! > 0) spendIdx.push(i);
    else nonPositive++;
  }
  let gg: GammaGammaFit | null = null;
  let correlation: number | null = null;
  if (spendIdx.length >= MIN_REPEAT_CUSTOMERS) {
    const spend = { x: Float64Array.from(spendIdx, (i) => summary.x[i]!), m: Float64Array.from(spendIdx, (i) => summary.monetary[i]!) };
    gg = await fitGammaGamma(spend, fitTick);
    correlation = frequencySpendCorrelation(spend);
  }
  if (!gg) {
    throw invalid('Too few repeat customers with a positive spend to fit the spend model', '有正消费额的重复购买客户太少，无法估计消费额模型', { repeatCustomers, nonPositive });
  }
  lap('fitMs');
  work.progress(3, 5, 'clvPredict');
  await work.checkpoint();
  // Default: the CLV horizon in whole units (12 months = 365 days, 52 weeks, 12 months).
  const predictPeriods = params.predictPeriods ?? Math.max(1, Math.round((params.horizonMonths * 365.25) / 12 / unitDays));
  const holdoutPeriods = holdDay !== null && calDay !== null ? (holdDay - calDay) / unitDays : null;
  const values = await customerValues(
    bg.params,
    gg.params,
    summary,
    { unitDays, predictPeriods, horizonMonths: params.horizonMonths, discountRate: params.discountRate, margin: params.margin, holdoutPeriods },
    () => work.checkpoint(),
  );
  const recency = new Float64Array(summary.count);
  const frequency = new Float64Array(summary.count);
  for (let i = 0; i < summary.count; i++) {
    recency[i] = summary.calibrationEndDay + 1 - summary.lastDay[i]!;
    frequency[i] = summary.x[i]! + 1;
  }
  const cross = rfmCross({ recencyDays: recency, frequency, monetary: summary.total, x: summary.x, pAlive: values.pAlive, clv: values.clv }, params.aliveThreshold);
  const endDay = holdDay ?? summary.calibrationEndDay;
  const curve = trackingCurve(bg.params, {
    firstDay: summary.firstDay,
    cohortStartDay: summary.cohortStartDay,
    calibrationEndDay: summary.calibrationEndDay,
    endDay,
    repeatsByDay: summary.repeatsByDay,
    unitDays,
  });
  const holdout = summary.holdoutPurchases && values.holdoutPredicted ? holdoutFit(summary.x, summary.holdoutPurchases, values.holdoutPredicted) : null;
  const tiers = rankTiers(values.clv, params.tiers);
  const names = tierNames(params.tiers);
  const labels = Array.from(tiers, (t) => (t === 0 ? null : names[t - 1]!));
  lap('predictMs');
  work.progress(4, 5, 'save');
  await work.checkpoint();
  const spec = { source, summary, values, rfm: cross, params, predictPeriods };
  const table = customerTable(spec);
  const segments = tierSummaries(labels, names, tierActions(params.tiers), spec);
  const clvSorted = Float64Array.from(values.clv.filter((v) => !Number.isNaN(v))).sort();
  let clvTotal = 0;
  for (const v of clvSorted) clvTotal += v;
  let expectedTotal = 0;
  let aliveSum = 0;
  for (let i = 0; i < summary.count; i++) {
    expectedTotal += values.expectedPurchases[i]!;
    if (summary.x[i]! > 0) aliveSum += values.pAlive[i]!;
  }
  const top = Array.from(clvSorted.length ? topIndices(values.clv, 20) : []);
  const buildModel = (ids: { modelId: string; datasetId: string; datasetName: string; segmentationId: string; createdAt: string }): ClvModel => ({
    id: ids.modelId,
    createdAt: ids.createdAt,
    sourceDatasetId: ds.id,
    sourceName: ds.name,
    datasetId: ids.datasetId,
    datasetName: ids.datasetName,
    segmentationId: ids.segmentationId,
    inputs: {
      customer: source.customer.name,
      date: source.date.name,
      amount: source.amount.name,
      order: source.order?.name ?? null,
      unit: params.unit,
      unitDays,
      calibrationEnd: isoOf(summary.calibrationEndDay),
      holdoutEnd: holdDay === null ? null : isoOf(holdDay),
      horizonMonths: params.horizonMonths,
      discountRate: params.discountRate,
      margin: params.margin,
      predictPeriods,
      tiers: params.tiers,
      aliveThreshold: params.aliveThreshold,
      returns: params.returns,
    },
    data: {
      rows: source.columns.customer.length,
      usedRows: summary.usedRows,
      excluded: summary.excluded,
      customers: summary.count,
      repeatCustomers,
      newInHoldout: summary.newInHoldout,
      firstPurchase: isoOf(summary.cohortStartDay),
      lastPurchase: isoOf(summary.lastPurchaseDay),
      repeatPurchases,
    },
    bgnbd: {
      ...bg.params,
      standardErrors: bg.standardErrors ? { r: bg.standardErrors[0]!, alpha: bg.standardErrors[1]!, a: bg.standardErrors[2]!, b: bg.standardErrors[3]! } : null,
      ...fitShape(bg),
    },
    gammaGamma: {
      ...gg.params,
      standardErrors: gg.standardErrors ? { p: gg.standardErrors[0]!, q: gg.standardErrors[1]!, gamma: gg.standardErrors[2]! } : null,
      ...fitShape(gg),
      customers: spendIdx.length,
      nonPositive,
      populationMeanSpend: gg.params.q > 1 ? (gg.params.p * gg.params.gamma) / (gg.params.q - 1) : null,
      correlation,
      independenceWarning: correlation !== null && Math.abs(correlation) >= WARNING_RULES.correlation,
    },
    summary: {
      expectedPurchases: expectedTotal,
      clvTotal,
      clvMean: clvSorted.length ? clvTotal / clvSorted.length : 0,
      clvMedian: median(clvSorted),
      meanPAliveRepeat: repeatCustomers ? aliveSum / repeatCustomers : null,
    },
    pAliveHistogram: pAliveHistogram(values.pAlive, summary.x),
    tiers: tierTable(names, tiers, values, clvTotal),
    tracking: { stepDays: curve.stepDays, calibrationEndIndex: curve.calibrationEndIndex, dates: curve.days.map(isoOf), actual: curve.actual, predicted: curve.predicted },
    holdout: holdout ? { periods: holdoutPeriods ?? 0, ...holdout, trackingMape: trackingMape(curve) } : null,
    rfmCross: { thresholds: cross.thresholds, rows: cross.rows },
    topCustomers: top.map((i) => ({
      customer: source.customerLabels[summary.code[i]!]!,
      x: summary.x[i]!,
      pAlive: values.pAlive[i]!,
      expectedPurchases: values.expectedPurchases[i]!,
      expectedSpend: Number.isFinite(values.expectedSpend[i]!) ? values.expectedSpend[i]! : null,
      clv: values.clv[i]!,
    })),
    warnings: modelWarnings({ bg, gg, correlation, repeatCustomers, customers: summary.count, holdout }),
    timings,
  });
  // Every figure must be finite before anything is written: a numerical failure is a coded error.
  const check = clvModelSchema.safeParse(buildModel({ modelId: 'check', datasetId: ds.id, datasetName: ds.name, segmentationId: 'check', createdAt: '' }));
  if (!check.success) {
    const where = check.error.issues[0]?.path.join('.') ?? '';
    throw invalid(`The models produced a value that is not a finite number (${where}); the data may be too sparse for these models`, `模型计算出了非有限数值（${where}），数据可能过于稀疏，不适合这些模型`, { field: where });
  }
  const saved = work.commit(() => saveClvModel(store, {
    dataset: {
      name: params.name ?? `CLV-${ds.name}`,
      kind: 'derived',
      source: `BG/NBD + Gamma-Gamma of ${ds.name}, calibration to ${isoOf(summary.calibrationEndDay)}`,
      columns: table.columns,
      origin: { kind: 'clv', sourceDatasetId: ds.id, customer: source.customer.name, date: source.date.name, amount: source.amount.name, unit: params.unit },
    },
    rows: table.rows(),
    segmentation: {
      method: 'clv',
      name: 'CLV分层',
      columnName: 'CLV分层',
      labels,
      definition: { kind: 'clv-tiers', tiers: params.tiers, rule: 'rank by CLV, highest first; tier = floor(k × position of first equal value ÷ n) + 1', savedAt: new Date().toISOString() },
      segments,
    },
    model: (ids) => {
      lap('writeMs');
      return buildModel(ids);
    },
  }));
  work.progress(5, 5, 'save');
  const dataset = store.getDataset(saved.model.datasetId);
  return { model: saved.model, dataset: { id: dataset.id, name: dataset.name, rows: dataset.rowCount }, segmentation: saved.segmentation };
}

function fitShape(f: { logLik: number; converged: boolean; reason: string; iterations: number; gradientNorm: number; starts: ClvModel['bgnbd']['starts']; agreeingStarts: number; startsSample: number | null }) {
  return {
    logLik: f.logLik,
    converged: f.converged,
    reason: f.reason,
    iterations: f.iterations,
    gradientNorm: f.gradientNorm,
    starts: f.starts,
    agreeingStarts: f.agreeingStarts,
    startsSample: f.startsSample,
  };
}

function median(sorted: Float64Array): number {
  const n = sorted.length;
  if (n === 0) return 0;
  return n % 2 ? sorted[n >> 1]! : (sorted[(n >> 1) - 1]! + sorted[n >> 1]!) / 2;
}

/** Indices of the k largest values, largest first (ties: earlier customer first). */
function topIndices(values: Float64Array, k: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    if (best.length === k && v <= values[best[k - 1]!]!) continue;
    let at = best.length;
    while (at > 0 && values[best[at - 1]!]! < v) at--;
    best.splice(at, 0, i);
    if (best.length > k) best.pop();
  }
  return best;
}

function tierTable(names: string[], tiers: Uint8Array, values: { clv: Float64Array; pAlive: Float64Array; expectedPurchases: Float64Array }, clvTotal: number): ClvModel['tiers'] {
  const rows = names.map((name) => ({ name, customers: 0, share: 0, clvTotal: 0, clvShare: 0, clvMean: 0, clvMin: Infinity, clvMax: -Infinity, meanPAlive: 0, meanExpectedPurchases: 0 }));
  let assigned = 0;
  for (let i = 0; i < tiers.length; i++) {
    const t = tiers[i]!;
    if (t === 0) continue;
    const r = rows[t - 1]!;
    const v = values.clv[i]!;
    r.customers++;
    r.clvTotal += v;
    r.clvMin = Math.min(r.clvMin, v);
    r.clvMax = Math.max(r.clvMax, v);
    r.meanPAlive += values.pAlive[i]!;
    r.meanExpectedPurchases += values.expectedPurchases[i]!;
    assigned++;
  }
  for (const r of rows) {
    r.share = assigned ? r.customers / assigned : 0;
    r.clvShare = clvTotal ? r.clvTotal / clvTotal : 0;
    r.clvMean = r.customers ? r.clvTotal / r.customers : 0;
    r.meanPAlive = r.customers ? r.meanPAlive / r.customers : 0;
    r.meanExpectedPurchases = r.customers ? r.meanExpectedPurchases / r.customers : 0;
    if (r.customers === 0) {
      r.clvMin = 0;
      r.clvMax = 0;
    }
  }
  return rows;
}
