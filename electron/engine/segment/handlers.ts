import type { EngineHandlers } from '../host/context';
import { getCards, saveCards } from './cards';
import { renameSegments } from './rename-segments';
import { runLifecycle } from './lifecycle';
import { runPareto } from './pareto';
import { runRfm8 } from './rfm8';
import { runRfmScore } from './rfm-score-run';
import { runRules } from './rules';
import { migrationCustomers, migrationMatrix } from './segment-migration';
import { applyTags, customersWithTag, listTags } from './tags';
import { deleteTemplate, listTemplates } from './template-store';
import { applyTemplate, saveTemplate } from './templates';
import { workFrom } from './work';
import type { SegmentRunResult } from '../../../shared/contract/segment';
import type { EngineContext } from '../host/context';

type SegmentMethods =
  | 'segment.rfmScore'
  | 'segment.rfm8'
  | 'segment.pareto'
  | 'segment.lifecycle'
  | 'segment.rules'
  | 'segment.updateTexts'
  | 'segment.cards'
  | 'segment.saveCards'
  | 'segment.tags.apply'
  | 'segment.tags.list'
  | 'segment.tags.customers'
  | 'segment.templates.list'
  | 'segment.templates.apply'
  | 'segment.templates.save'
  | 'segment.templates.remove'
  | 'segment.migration'
  | 'segment.migrationCustomers';

/** Tells open views that a label column was added (nothing to say for a preview). */
function announce(ctx: EngineContext, r: SegmentRunResult): SegmentRunResult {
  if (r.segmentation) ctx.emit('datasets.changed', { datasetIds: [r.segmentation.datasetId], reason: 'updated' });
  return r;
}

export const segmentHandlers = {
  'segment.rfmScore': async (p, ctx) => {
    const r = await runRfmScore(workFrom(ctx), p);
    if (r.columnKeys) ctx.emit('datasets.changed', { datasetIds: [ctx.store().getDataset(p.datasetId).id], reason: 'updated' });
    return r;
  },
  'segment.rfm8': async (p, ctx) => announce(ctx, await runRfm8(workFrom(ctx), p)),
  'segment.pareto': async (p, ctx) => announce(ctx, await runPareto(workFrom(ctx), p)),
  'segment.lifecycle': async (p, ctx) => announce(ctx, await runLifecycle(workFrom(ctx), p)),
  'segment.rules': async (p, ctx) => announce(ctx, await runRules(workFrom(ctx), p)),
  'segment.updateTexts': (p, ctx) => {
    const info = renameSegments(ctx.store(), p.segmentationId, p.segments);
    ctx.emit('datasets.changed', { datasetIds: [info.datasetId], reason: 'updated' });
    return info;
  },
  'segment.cards': (p, ctx) => getCards(ctx.store(), p.segmentationId, p.regenerate, p.lang),
  'segment.saveCards': (p, ctx) => saveCards(ctx.store(), p.segmentationId, p.cards),
  'segment.tags.apply': (p, ctx) => applyTags(workFrom(ctx), p.datasetId, p.tagSet, p.preview),
  'segment.tags.list': (p, ctx) => listTags(ctx.store(), p.datasetId),
  'segment.tags.customers': (p, ctx) => customersWithTag(ctx.store(), p.datasetId, p.tag, p.tagSet, p.offset, p.limit),
  'segment.templates.list': (_p, ctx) => listTemplates(ctx.store()),
  'segment.templates.apply': async (p, ctx) => announce(ctx, await applyTemplate(workFrom(ctx), p)),
  'segment.templates.save': (p, ctx) => saveTemplate(ctx.store(), p),
  'segment.templates.remove': (p, ctx) => ({ removed: deleteTemplate(ctx.store(), p.templateId) }),
  'segment.migration': (p, ctx) => migrationMatrix(ctx.store(), p),
  'segment.migrationCustomers': (p, ctx) => migrationCustomers(ctx.store(), p),
} satisfies Pick<EngineHandlers, SegmentMethods>;
