import { z } from 'zod';
import { datasetIdSchema } from './datasets';
import { method, result } from './define';
import type { CellValue } from './json';
import { modelIdSchema, textSchema, type ModelInfo } from './models';
import type { SegmentRunResult } from './segment';
import { ruleConditionSchema, ruleSchemeSchema } from './segment-schemes';
import { segmentationIdSchema } from './segmentations';

/**
 * Explaining a segmentation with a classification tree (CART, Gini): which column values put a
 * customer in which segment, as readable rules that also work as a rule scheme on new data.
 */
export const treeFitParamsSchema = z
  .object({
    /** The segmentation to explain… */
    segmentationId: segmentationIdSchema.optional(),
    /** …or a label column of a dataset (imported segment labels): datasetId + target. */
    datasetId: datasetIdSchema.optional(),
    target: z.string().min(1).max(200).optional(),
    /** Explanatory columns (key or name); text columns split by subsets of their values. */
    columns: z.array(z.string().min(1).max(200)).min(1).max(30),
    maxDepth: z.number().int().min(1).max(12).default(4),
    /** Fewest customers in a leaf. */
    minLeaf: z.number().int().min(1).max(1_000_000).default(20),
    /** Share of customers held out (seeded) to measure accuracy; the tree is grown on the rest. */
    testShare: z.number().min(0).max(0.5).default(0.3),
    seed: z.number().int().min(0).max(4294967295).default(42),
    name: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
  .refine((p) => (p.segmentationId !== undefined) !== (p.datasetId !== undefined && p.target !== undefined), {
    message: 'Give segmentationId, or datasetId and target (a label column)',
  });

const numberOrNull = z.number().nullable();

export const treeNodeViewSchema = z
  .object({
    id: z.number().int(),
    depth: z.number().int(),
    n: z.number(),
    counts: z.array(z.number()),
    /** Segment name of the majority. */
    prediction: z.string(),
    /** The test at this node ("Recency ≤ 30" goes left), null for a leaf. */
    split: textSchema.nullable(),
    column: z.string().nullable(),
    left: z.number().int(),
    right: z.number().int(),
  })
  .strict();
export type TreeNodeView = z.infer<typeof treeNodeViewSchema>;

export const treeRuleViewSchema = z
  .object({
    node: z.number().int(),
    segment: z.string(),
    text: textSchema,
    /** Labelled customers (all rows) this rule covers, and the share of them in `segment`. */
    coverage: z.number(),
    accuracy: numberOrNull,
    conditions: z.array(ruleConditionSchema),
  })
  .strict();
export type TreeRuleView = z.infer<typeof treeRuleViewSchema>;

export const treeClassScoreSchema = z
  .object({ segment: z.string(), support: z.number(), precision: numberOrNull, recall: numberOrNull })
  .strict();

/** Everything stored with a tree model (the saved record's JSON, validated when read). */
export const treeModelSchema = z
  .object({
    kind: z.literal('tree'),
    version: z.literal(1),
    /** The segmentation explained, or null when a label column was given. */
    segmentationId: z.string().nullable(),
    /** Name of the segmentation or of the label column. */
    segmentationName: z.string(),
    /** Column key of the labels (the segmentation's column or the label column). */
    targetKey: z.string(),
    columns: z.array(
      z
        .object({
          name: z.string(),
          key: z.string(),
          kind: z.enum(['numeric', 'category']),
          integer: z.boolean(),
          date: z.boolean(),
          levels: z.array(z.string()),
        })
        .strict(),
    ),
    classes: z.array(z.string()),
    settings: z.object({ maxDepth: z.number(), minLeaf: z.number(), testShare: z.number(), seed: z.number() }).strict(),
    rowsTrain: z.number(),
    rowsTest: z.number(),
    /** Rows without a segment label or with a missing explanatory value (left out of training). */
    rowsSkipped: z.number(),
    trainAccuracy: z.number(),
    testAccuracy: numberOrNull,
    perClass: z.array(treeClassScoreSchema),
    nodes: z.array(treeNodeViewSchema),
    /** Internal form of the splits (feature index, threshold or left levels) for row explanations. */
    splits: z.array(
      z.union([
        z.null(),
        z.object({ kind: z.literal('numeric'), feature: z.number(), threshold: z.number() }).strict(),
        z.object({ kind: z.literal('category'), feature: z.number(), left: z.array(z.number()) }).strict(),
      ]),
    ),
    rules: z.array(treeRuleViewSchema),
    scheme: ruleSchemeSchema,
  })
  .strict();
export type TreeModel = z.infer<typeof treeModelSchema>;

export type TreeResult = Omit<TreeModel, 'kind' | 'version' | 'splits'> & { model: ModelInfo };

export interface TreeRowStep {
  column: string;
  value: CellValue;
  /** The condition this row met at that node ("消费次数 ≥ 3"), or that the value is missing. */
  text: { zh: string; en: string };
}

export interface TreeRowExplanation {
  row: number;
  actual: string | null;
  predicted: string;
  agrees: boolean;
  steps: TreeRowStep[];
  /** The rule (leaf) that decided, with its coverage and accuracy. */
  rule: { text: { zh: string; en: string }; coverage: number; accuracy: number | null } | null;
}

export const treeContract = {
  'tree.fit': method(treeFitParamsSchema, result<TreeResult>(), { long: true }),
  'tree.get': method(z.object({ modelId: modelIdSchema }).strict(), result<TreeResult>()),
  /** "Why is this customer in this segment": the path of one dataset row (0-based, grid order). */
  'tree.explainRow': method(z.object({ modelId: modelIdSchema, row: z.number().int().min(0) }).strict(), result<TreeRowExplanation>()),
  /** Labels a dataset with the tree's rules (a rule segmentation, method "rules"). */
  'tree.score': method(
    z.object({ modelId: modelIdSchema, datasetId: datasetIdSchema, name: z.string().trim().min(1).max(200).optional() }).strict(),
    result<SegmentRunResult>(),
    { long: true },
  ),
};
