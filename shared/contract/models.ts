import { z } from 'zod';
import { datasetIdSchema } from './datasets';
import { method, result } from './define';

/**
 * Saved models that are not segmentations (decision-tree explanations, factor models): one record
 * each, listed and removed here; each kind has its own area (tree.*, factor.*) for the rest.
 */
export const MODEL_KINDS = ['tree', 'factor'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

export const modelIdSchema = z.string().regex(/^m\d{1,9}$/);

export interface ModelInfo {
  id: string;
  kind: ModelKind;
  datasetId: string;
  name: string;
  createdAt: string;
}

/** Bilingual text of a model explanation. */
export const textSchema = z.object({ zh: z.string(), en: z.string() }).strict();
export type ModelText = z.infer<typeof textSchema>;

export const modelsContract = {
  'models.list': method(z.object({ datasetId: datasetIdSchema.optional(), kind: z.enum(MODEL_KINDS).optional() }).strict(), result<ModelInfo[]>()),
  'models.remove': method(z.object({ modelId: modelIdSchema }).strict(), result<{ removed: boolean }>()),
};
