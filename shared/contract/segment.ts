import { z } from 'zod';
import { calendarDateSchema } from './dates';
import { datasetIdSchema } from './datasets';
import { method, result } from './define';
import type { CellValue, JsonValue } from './json';
import { ruleSchemeSchema, tagSetSchema } from './segment-schemes';
import { segmentationIdSchema, type SegmentationInfo, type SegmentSummary } from './segmentations';

/** RFM input columns; defaults are the names the RFM preset writes. */
export const rfmColumnsSchema = z
  .object({
    r: z.string().min(1).max(200).default('R'),
    f: z.string().min(1).max(200).default('F'),
    m: z.string().min(1).max(200).default('M'),
  })
  .strict();

/** Four strictly increasing upper-inclusive edges per dimension (raw values: days, orders, amount). */
const cutsSchema = z.array(z.number()).length(4);
export const rfmCutsSchema = z.object({ r: cutsSchema.optional(), f: cutsSchema.optional(), m: cutsSchema.optional() }).strict();

const saveFields = {
  datasetId: datasetIdSchema,
  /** Compute and return the summary without writing anything (live preview). */
  preview: z.boolean().default(false),
  /** Name of the segmentation and of its label column. */
  name: z.string().trim().min(1).max(100).optional(),
};

export const rfm8DefinitionSchema = z
  .object({
    columns: rfmColumnsSchema.default({ r: 'R', f: 'F', m: 'M' }),
    threshold: z.enum(['mean', 'median', 'score']).default('mean'),
    /** With threshold 'score': a dimension is 高 when its quintile score ≥ this. */
    scoreThreshold: z.number().int().min(2).max(5).default(3),
    cuts: rfmCutsSchema.optional(),
    /** Default segment name → user's name / action. */
    names: z.record(z.string(), z.string().trim().min(1).max(100)).optional(),
    actions: z.record(z.string(), z.string().max(2000)).optional(),
  })
  .strict();
export type Rfm8Definition = z.output<typeof rfm8DefinitionSchema>;

export const paretoDefinitionSchema = z
  .object({
    valueColumn: z.string().min(1).max(200).default('M'),
    /** Tier shares of the total value, top tier first; must sum to 100. */
    shares: z.array(z.number().positive()).min(2).max(10).default([80, 15, 5]),
    labels: z.array(z.string().trim().min(1).max(100)).min(2).max(10).default(['A', 'B', 'C']),
  })
  .strict();
export type ParetoDefinition = z.output<typeof paretoDefinitionSchema>;

/** Where the spend trend comes from: two period-amount columns, or a transaction dataset. */
export const lifecycleTrendSchema = z.union([
  z.object({ previousColumn: z.string().min(1).max(200), recentColumn: z.string().min(1).max(200) }).strict(),
  z
    .object({
      transactionsDatasetId: datasetIdSchema,
      /** Customer id column in the transactions, and the matching column in the customer dataset. */
      customerColumn: z.string().min(1).max(200),
      keyColumn: z.string().min(1).max(200),
      dateColumn: z.string().min(1).max(200),
      amountColumn: z.string().min(1).max(200),
      /** Length of each of the two compared periods, ending at the analysis date. */
      periodDays: z.number().int().min(1).max(3660).default(180),
      /** RFM's returns rule for the sums: exclude leaves negative amounts out; net (the default) sums them. */
      returns: z.enum(['exclude', 'net']).optional(),
    })
    .strict(),
]);

export const lifecycleDefinitionSchema = z
  .object({
    recencyColumn: z.string().min(1).max(200).default('R'),
    frequencyColumn: z.string().min(1).max(200).default('F'),
    /** Tenure in days (客龄); when absent, computed from firstPurchaseColumn and the analysis date. */
    tenureColumn: z.string().min(1).max(200).default('客龄(天)'),
    firstPurchaseColumn: z.string().min(1).max(200).default('首次购买'),
    /** Analysis date (yyyy-mm-dd) for tenure/trend; default: the day after the latest purchase seen. */
    asOf: calendarDateSchema.optional(),
    newDays: z.number().min(0).default(90),
    decliningDays: z.number().min(0).default(90),
    churnDays: z.number().min(0).default(180),
    /** Recent ÷ previous period spend below this ratio counts as declining. */
    declineRatio: z.number().min(0).max(10).default(0.7),
    trend: lifecycleTrendSchema.optional(),
  })
  .strict();
export type LifecycleDefinition = z.output<typeof lifecycleDefinitionSchema>;

export const TEMPLATE_KINDS = ['rfm8', 'pareto', 'lifecycle', 'rules', 'tags'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export interface TemplateSlot {
  slot: string;
  label: { zh: string; en: string };
  /** Column names tried in order when the user maps nothing. */
  candidates: string[];
  /** The template also works without this column. */
  optional?: boolean;
}

export interface SegmentTemplate {
  id: string;
  builtIn: boolean;
  kind: TemplateKind;
  name: { zh: string; en: string };
  description: { zh: string; en: string };
  slots: TemplateSlot[];
  definition: JsonValue;
  createdAt: string | null;
}

/** A coded note on a segmentation run, in both languages (CLI, screen and report show the same words). */
export interface SegmentWarning {
  code: 'LIFECYCLE_TREND_SKIPPED';
  zh: string;
  en: string;
}

export interface SegmentRunResult {
  /** Null for a preview. */
  segmentation: SegmentationInfo | null;
  segments: SegmentSummary[];
  /** Rows left without a segment (missing metric values). */
  unassigned: number;
  /** Method-specific figures: thresholds used, cut points, Lorenz curve, gini. */
  details: JsonValue;
  /** Rules that could not be applied and why (e.g. the lifecycle spend trend without transactions). */
  warnings?: SegmentWarning[];
}

export interface RfmScoreResult {
  columnKeys: { r: string; f: string; m: string; code: string } | null;
  /** Upper-inclusive edges actually used per dimension (raw values). */
  cuts: { r: number[]; f: number[]; m: number[] };
  /** Rows per score 1..5 per dimension (index 0 = score 1). */
  distribution: { r: number[]; f: number[]; m: number[] };
  scored: number;
  unscored: number;
}

export interface TagCount {
  tagSet: string;
  group: string;
  tag: string;
  count: number;
}

export interface CustomerRow {
  /** The dataset row (_row, 1-based insertion order). */
  row: number;
  cells: Record<string, CellValue>;
}

export interface MigrationMatrix {
  from: { id: string; name: string };
  to: { id: string; name: string };
  /** How customers were matched: by row (same dataset) or by key column values. */
  matchedBy: string;
  fromSegments: string[];
  toSegments: string[];
  /** counts[i][j] = customers in fromSegments[i] then toSegments[j]. */
  counts: number[][];
  total: number;
}

export interface DescriptionCard {
  segment: string;
  /** The seeds' order: basic status → behaviour → value → needs. */
  status: string;
  behaviour: string;
  value: string;
  needs: string;
  edited: boolean;
}

const cardTextsSchema = z
  .object({
    segment: z.string().min(1).max(100),
    status: z.string().max(4000),
    behaviour: z.string().max(4000),
    value: z.string().max(4000),
    needs: z.string().max(4000),
    /** Ignored (cards read back from segment.cards may be sent as they are). */
    edited: z.boolean().optional(),
  })
  .strict();

const migrationKeySchema = z
  .object({
    fromId: segmentationIdSchema,
    toId: segmentationIdSchema,
    /** Customer key columns when the two segmentations are on different datasets (default: each dataset's first column). */
    fromKey: z.string().min(1).max(200).optional(),
    toKey: z.string().min(1).max(200).optional(),
  })
  .strict();

export const segmentContract = {
  'segment.rfmScore': method(
    z.object({ datasetId: datasetIdSchema, columns: rfmColumnsSchema.default({ r: 'R', f: 'F', m: 'M' }), cuts: rfmCutsSchema.optional(), preview: z.boolean().default(false) }).strict(),
    result<RfmScoreResult>(),
    { long: true },
  ),
  'segment.rfm8': method(z.object({ ...saveFields, definition: rfm8DefinitionSchema.default(rfm8DefinitionSchema.parse({})) }).strict(), result<SegmentRunResult>(), { long: true }),
  'segment.pareto': method(z.object({ ...saveFields, definition: paretoDefinitionSchema.default(paretoDefinitionSchema.parse({})) }).strict(), result<SegmentRunResult>(), { long: true }),
  'segment.lifecycle': method(
    z.object({ ...saveFields, definition: lifecycleDefinitionSchema.default(lifecycleDefinitionSchema.parse({})) }).strict(),
    result<SegmentRunResult>(),
    { long: true },
  ),
  'segment.rules': method(z.object({ ...saveFields, scheme: ruleSchemeSchema }).strict(), result<SegmentRunResult>(), { long: true }),
  'segment.updateTexts': method(
    z
      .object({
        segmentationId: segmentationIdSchema,
        /** Segment (current name) → new name and/or action; renaming also relabels the column. */
        segments: z.array(z.object({ segment: z.string().min(1).max(100), name: z.string().trim().min(1).max(100).optional(), action: z.string().max(2000).nullable().optional() }).strict()).max(500),
      })
      .strict(),
    result<SegmentationInfo>(),
  ),
  'segment.cards': method(z.object({ segmentationId: segmentationIdSchema, regenerate: z.boolean().default(false), lang: z.enum(['zh', 'en']).default('zh') }).strict(), result<DescriptionCard[]>()),
  'segment.saveCards': method(z.object({ segmentationId: segmentationIdSchema, cards: z.array(cardTextsSchema).max(500) }).strict(), result<DescriptionCard[]>()),
  'segment.tags.apply': method(z.object({ datasetId: datasetIdSchema, tagSet: tagSetSchema, preview: z.boolean().default(false) }).strict(), result<{ tags: TagCount[]; taggedCustomers: number }>(), { long: true }),
  'segment.tags.list': method(z.object({ datasetId: datasetIdSchema }).strict(), result<TagCount[]>()),
  'segment.tags.customers': method(
    z
      .object({
        datasetId: datasetIdSchema,
        tag: z.string().min(1).max(100),
        tagSet: z.string().max(200).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(10000).default(100),
      })
      .strict(),
    result<{ total: number; customers: CustomerRow[] }>(),
  ),
  'segment.templates.list': method(z.object({}).strict(), result<SegmentTemplate[]>()),
  'segment.templates.apply': method(
    z.object({ ...saveFields, templateId: z.string().min(1).max(64), columnMap: z.record(z.string(), z.string().min(1).max(200)).optional() }).strict(),
    result<SegmentRunResult>(),
    { long: true },
  ),
  'segment.templates.save': method(
    z
      .object({
        name: z.string().trim().min(1).max(100),
        description: z.string().max(2000).optional(),
        /** Save the definition of an existing segmentation, or give kind + definition. */
        fromSegmentationId: segmentationIdSchema.optional(),
        kind: z.enum(TEMPLATE_KINDS).optional(),
        definition: z.json().optional(),
      })
      .strict(),
    result<SegmentTemplate>(),
  ),
  'segment.templates.remove': method(z.object({ templateId: z.string().min(1).max(64) }).strict(), result<{ removed: boolean }>()),
  'segment.migration': method(migrationKeySchema, result<MigrationMatrix>()),
  'segment.migrationCustomers': method(
    migrationKeySchema.extend({
      fromSegment: z.string().min(1).max(100),
      toSegment: z.string().min(1).max(100),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(10000).default(100),
    }),
    result<{ total: number; customers: CustomerRow[] }>(),
  ),
};

export type SegmentMethodName = keyof typeof segmentContract;
