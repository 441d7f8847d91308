import { z } from 'zod';
import { datasetIdSchema } from './datasets';
import { method, result } from './define';
import { modelIdSchema, textSchema, type ModelInfo } from './models';

/**
 * Factor analysis and PCA as a step: standardised columns, the scree, loadings, KMO and
 * Bartlett's test, named factors, and factor scores saved as new columns to cluster on.
 */
export const factorRunParamsSchema = z
  .object({
    datasetId: datasetIdSchema,
    columns: z.array(z.string().min(1).max(200)).min(2).max(50),
    /** pca = principal components; fa = maximum-likelihood factor analysis. */
    method: z.enum(['pca', 'fa']).default('fa'),
    /** Factors to keep; default: eigenvalues > 1 (Kaiser), at least 1. */
    factors: z.number().int().min(1).max(50).optional(),
    /** varimax by default for fa; PCA components are unrotated unless asked. */
    rotation: z.enum(['varimax', 'none']).optional(),
    name: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

/** Saved factor model (validated when read). */
export const factorModelSchema = z
  .object({
    kind: z.literal('factor'),
    version: z.literal(1),
    method: z.enum(['pca', 'fa']),
    rotation: z.enum(['varimax', 'none']),
    columns: z.array(z.object({ name: z.string(), key: z.string() }).strict()),
    rowsUsed: z.number(),
    rowsDropped: z.number(),
    mean: z.array(z.number()),
    sd: z.array(z.number()),
    eigenvalues: z.array(z.number()),
    explainedRatio: z.array(z.number()),
    kaiserK: z.number(),
    factors: z.number(),
    /** Loadings, one row per factor, on the standardised columns. */
    loadings: z.array(z.array(z.number())),
    /** Variance each factor explains (Σ loading²) and its share of the total. */
    factorVariance: z.array(z.number()),
    communalities: z.array(z.number()),
    uniqueness: z.array(z.number()),
    names: z.array(z.string()),
    kmo: z.number(),
    kmoPerColumn: z.array(z.number()),
    kmoVerdict: textSchema,
    bartlett: z.object({ chi2: z.number(), df: z.number(), p: z.number() }).strict(),
    iterations: z.number(),
    /** Score columns added to the dataset by factor.save. */
    savedColumns: z.array(z.string()),
  })
  .strict();
export type FactorModel = z.infer<typeof factorModelSchema>;
export type FactorResult = Omit<FactorModel, 'kind' | 'version'> & { model: ModelInfo };

export const factorContract = {
  'factor.run': method(factorRunParamsSchema, result<FactorResult>(), { long: true }),
  'factor.get': method(z.object({ modelId: modelIdSchema }).strict(), result<FactorResult>()),
  'factor.rename': method(z.object({ modelId: modelIdSchema, names: z.array(z.string().trim().min(1).max(60)).min(1).max(50) }).strict(), result<FactorResult>()),
  /** Adds one score column per factor (named by the factor names) to the dataset. */
  'factor.save': method(z.object({ modelId: modelIdSchema }).strict(), result<FactorResult>(), { long: true }),
};
