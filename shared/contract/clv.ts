import { z } from 'zod';
import { datasetIdSchema } from './datasets';
import { method, result } from './define';
import { RETURNS_RULES } from './metrics';
import type { SegmentationInfo } from './segmentations';

/**
 * Customer lifetime value (客户价值预测): BG/NBD (Fader, Hardie & Lee 2005) for who buys again
 * and how often, Gamma-Gamma (Fader & Hardie) for how much, from the same transactions as RFM.
 */
export const CLV_UNITS = ['day', 'week', 'month'] as const;
export type ClvUnit = (typeof CLV_UNITS)[number];

/** Length of a model time unit in days; a month is a twelfth of a Julian year (30.4375 days). */
export const CLV_UNIT_DAYS: Record<ClvUnit, number> = { day: 1, week: 7, month: 365.25 / 12 };

const columnRef = z.string().min(1).max(200);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const clvFitParamsSchema = z
  .object({
    /** The transactions (one row per order line or order). */
    datasetId: datasetIdSchema,
    customer: columnRef,
    date: columnRef,
    amount: columnRef,
    /** Only used to recognise cancelled invoices (ids starting with C), as in RFM. */
    order: columnRef.optional(),
    unit: z.enum(CLV_UNITS).default('day'),
    /** Last day of the calibration period (inclusive); default: the last purchase day. */
    calibrationEnd: isoDate.optional(),
    /** Last day of the holdout period (inclusive); purchases after calibrationEnd up to it are the test. */
    holdoutEnd: isoDate.optional(),
    /** CLV horizon in months (the discount rate is monthly). */
    horizonMonths: z.number().int().min(1).max(120).default(12),
    /** Monthly discount rate, 0.01 = 1% a month. */
    discountRate: z.number().min(0).max(1).default(0.01),
    /** Share of spend that is margin; 1 = CLV in revenue terms. */
    margin: z.number().gt(0).max(1).default(1),
    /** Expected purchases are predicted for this many units; default the CLV horizon. */
    predictPeriods: z.number().positive().max(100_000).optional(),
    /** CLV tiers by rank (5 = quintiles). */
    tiers: z.number().int().min(2).max(10).default(5),
    /** P(alive) at or above this counts as "likely alive" in the RFM cross. */
    aliveThreshold: z.number().min(0).max(1).default(0.5),
    returns: z.enum(RETURNS_RULES).default('exclude'),
    /** Name of the new customer dataset; default "CLV-<source>". */
    name: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type ClvFitParams = z.output<typeof clvFitParamsSchema>;

const num = z.number();
const nullableNum = z.number().nullable();
const text = z.object({ zh: z.string(), en: z.string() });

const startSchema = z.object({ start: z.array(num), estimate: z.array(num), logLik: num, converged: z.boolean(), iterations: num });

const fitShape = {
  logLik: num,
  converged: z.boolean(),
  /** Why the optimiser stopped: gradient test passed, no further progress, limits. */
  reason: z.string(),
  iterations: num,
  gradientNorm: num,
  starts: z.array(startSchema),
  /** How many starts reached the best log-likelihood. */
  agreeingStarts: num,
  /** Above 100,000 customers the starts run on a systematic sample of this many, then the best is polished on all. */
  startsSample: nullableNum.default(null),
};

export const clvModelSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  sourceDatasetId: z.string(),
  sourceName: z.string(),
  /** The customer dataset written by the fit (one row per customer). */
  datasetId: z.string(),
  datasetName: z.string(),
  /** The CLV tiers segmentation on that dataset. */
  segmentationId: z.string(),
  inputs: z.object({
    customer: z.string(),
    date: z.string(),
    amount: z.string(),
    order: z.string().nullable(),
    unit: z.enum(CLV_UNITS),
    unitDays: num,
    calibrationEnd: z.string(),
    holdoutEnd: z.string().nullable(),
    horizonMonths: num,
    discountRate: num,
    margin: num,
    predictPeriods: num,
    tiers: num,
    aliveThreshold: num,
    returns: z.enum(RETURNS_RULES),
  }),
  data: z.object({
    rows: num,
    usedRows: num,
    excluded: z.object({ missingCustomer: num, missingDate: num, invalidAmount: num, returns: num, afterPeriod: num }),
    customers: num,
    repeatCustomers: num,
    /** Customers whose first purchase falls in the holdout (not in the model). */
    newInHoldout: num,
    firstPurchase: z.string(),
    lastPurchase: z.string(),
    repeatPurchases: num,
  }),
  bgnbd: z.object({
    r: num,
    alpha: num,
    a: num,
    b: num,
    standardErrors: z.object({ r: num, alpha: num, a: num, b: num }).nullable(),
    ...fitShape,
  }),
  gammaGamma: z
    .object({
      p: num,
      q: num,
      gamma: num,
      standardErrors: z.object({ p: num, q: num, gamma: num }).nullable(),
      ...fitShape,
      customers: num,
      /** Repeat customers left out because their mean repeat spend is not positive. */
      nonPositive: num,
      /** pγ/(q−1); null when q ≤ 1. */
      populationMeanSpend: nullableNum,
      /** Pearson correlation of repeat purchases and mean repeat spend. */
      correlation: nullableNum,
      independenceWarning: z.boolean(),
    })
    .nullable(),
  summary: z.object({
    expectedPurchases: num,
    clvTotal: num,
    clvMean: num,
    clvMedian: num,
    /** Mean P(alive) over repeat customers (one-time buyers are alive by the model's assumption). */
    meanPAliveRepeat: nullableNum,
  }),
  pAliveHistogram: z.object({ edges: z.array(num), repeatCounts: z.array(num), oneTime: num }),
  tiers: z.array(
    z.object({
      name: z.string(),
      customers: num,
      share: num,
      clvTotal: num,
      clvShare: num,
      clvMean: num,
      clvMin: num,
      clvMax: num,
      meanPAlive: num,
      meanExpectedPurchases: num,
    }),
  ),
  tracking: z.object({
    stepDays: num,
    /** Index of the last point inside calibration. */
    calibrationEndIndex: num,
    dates: z.array(z.string()),
    actual: z.array(num),
    predicted: z.array(num),
  }),
  holdout: z
    .object({
      periods: num,
      byFrequency: z.array(z.object({ group: z.string(), customers: num, actual: num, predicted: num })),
      actualTotal: num,
      predictedTotal: num,
      /** (predicted − actual) ÷ actual over all customers. */
      relativeError: nullableNum,
      /** Per-customer mean absolute and root-mean-square error of holdout purchases. */
      mae: num,
      rmse: num,
      /** Mean absolute % error of the cumulative tracking curve over the holdout points. */
      trackingMape: nullableNum,
    })
    .nullable(),
  rfmCross: z.object({
    thresholds: z.object({ r: num, f: num, m: num }),
    rows: z.array(
      z.object({
        segment: z.string(),
        customers: num,
        oneTime: num,
        repeat: num,
        likelyAlive: num,
        meanPAliveRepeat: nullableNum,
        meanClv: nullableNum,
        clvTotal: num,
      }),
    ),
  }),
  topCustomers: z.array(z.object({ customer: z.string(), x: num, pAlive: num, expectedPurchases: num, expectedSpend: nullableNum, clv: num })),
  warnings: z.array(text.extend({ code: z.string() })),
  timings: z.record(z.string(), num),
});
export type ClvModel = z.output<typeof clvModelSchema>;

export interface ClvModelInfo {
  id: string;
  createdAt: string;
  sourceDatasetId: string;
  sourceName: string;
  datasetId: string;
  datasetName: string;
  segmentationId: string;
  unit: ClvUnit;
  customers: number;
  calibrationEnd: string;
  holdoutEnd: string | null;
}

export interface ClvFitResult {
  model: ClvModel;
  dataset: { id: string; name: string; rows: number };
  segmentation: SegmentationInfo;
}

export const clvModelIdSchema = z.string().min(1).max(64);

export const clvContract = {
  'clv.fit': method(clvFitParamsSchema, result<ClvFitResult>(), { long: true }),
  'clv.get': method(z.object({ modelId: clvModelIdSchema }).strict(), result<ClvModel>()),
  /** Models fitted on a dataset or written into it (both directions), newest first. */
  'clv.list': method(z.object({ datasetId: datasetIdSchema.optional() }).strict(), result<ClvModelInfo[]>()),
};
