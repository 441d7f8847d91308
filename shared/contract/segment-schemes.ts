import { z } from 'zod';

/**
 * Rule schemes and tag sets as data: what a user builds in the segmentation builder, what a
 * template holds and what `kequn segment rules --scheme FILE.json` reads. Columns are named by
 * display name or key; templates name a slot instead, resolved against the dataset when applied.
 */
export const RULE_CONDITION_OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'notIn', 'contains', 'isEmpty', 'notEmpty'] as const;
export type RuleConditionOp = (typeof RULE_CONDITION_OPS)[number];

const scalar = z.union([z.number(), z.string().max(500)]);

/** One test on one column; `between` is inclusive at both ends. Dates may be given as 'yyyy-mm-dd'. */
export const ruleConditionSchema = z
  .object({
    column: z.string().min(1).max(200),
    op: z.enum(RULE_CONDITION_OPS),
    value: scalar.optional(),
    values: z.array(scalar).max(1000).optional(),
    min: scalar.optional(),
    max: scalar.optional(),
  })
  .strict();
export type RuleCondition = z.infer<typeof ruleConditionSchema>;

/** A rule matches when every condition holds (AND); express OR as two rules with the same segment. */
export const segmentRuleSchema = z
  .object({
    segment: z.string().max(100),
    action: z.string().max(2000).optional(),
    when: z.array(ruleConditionSchema).max(50),
  })
  .strict();
export type SegmentRule = z.infer<typeof segmentRuleSchema>;

/** Ordered rules, first match wins, then the default segment: every customer lands in exactly one. */
export const ruleSchemeSchema = z
  .object({
    name: z.string().min(1).max(200),
    rules: z.array(segmentRuleSchema).max(500),
    defaultSegment: z.string().max(100),
    defaultAction: z.string().max(2000).optional(),
    /** Revenue column for revenue share (default: a column named M or 金额 when present). */
    revenueColumn: z.string().max(200).optional(),
  })
  .strict();
export type RuleScheme = z.infer<typeof ruleSchemeSchema>;

/** A tag rule: a fixed tag when all conditions hold, or one tag per distinct value of a column. */
export const tagRuleSchema = z.union([
  z.object({ tag: z.string().min(1).max(100), when: z.array(ruleConditionSchema).min(1).max(50) }).strict(),
  z
    .object({
      fromColumn: z.string().min(1).max(200),
      /** Value → tag text; unmapped values keep their own text. */
      map: z.record(z.string(), z.string().max(100)).optional(),
      prefix: z.string().max(50).optional(),
    })
    .strict(),
]);
export type TagRule = z.infer<typeof tagRuleSchema>;

/** Tags are non-exclusive: a customer carries every tag whose rule matches, across all groups. */
export const tagSetSchema = z
  .object({
    name: z.string().min(1).max(200),
    groups: z
      .array(z.object({ group: z.string().min(1).max(100), rules: z.array(tagRuleSchema).min(1).max(200) }).strict())
      .min(1)
      .max(50),
  })
  .strict();
export type TagSet = z.infer<typeof tagSetSchema>;
