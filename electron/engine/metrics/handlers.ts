import type { EngineHandlers } from '../host/context';
import { addFormulaColumn, checkFormula, previewFormula } from './formula-service';
import { groupBy } from './group-by';
import { computeRfm } from './rfm';

type MetricsMethods = 'metrics.formulaCheck' | 'metrics.formulaPreview' | 'metrics.addFormulaColumn' | 'metrics.groupBy' | 'metrics.rfm';

export const metricsHandlers = {
  'metrics.formulaCheck': (p, ctx) => checkFormula(ctx.store(), p.datasetId, p.formula),
  'metrics.formulaPreview': (p, ctx) => previewFormula(ctx.store(), p.datasetId, p.formula, p.limit),
  'metrics.addFormulaColumn': async (p, ctx) => {
    const out = await addFormulaColumn(ctx.work(), p.datasetId, p.formula, p.name);
    ctx.emit('datasets.changed', { datasetIds: [out.dataset.id], reason: 'updated' });
    return out;
  },
  'metrics.groupBy': async (p, ctx) => {
    const out = await groupBy(ctx.work(), p.datasetId, p.keys, p.aggregations, p.name);
    ctx.emit('datasets.changed', { datasetIds: [out.dataset.id], reason: 'created' });
    return out;
  },
  'metrics.rfm': async (p, ctx) => {
    const out = await computeRfm(ctx.work(), p.datasetId, p);
    ctx.emit('datasets.changed', { datasetIds: [out.dataset.id], reason: 'created' });
    return out;
  },
} satisfies Pick<EngineHandlers, MetricsMethods>;
