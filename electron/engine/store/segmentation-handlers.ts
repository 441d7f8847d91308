import type { EngineHandlers } from '../host/context';
import { getSegmentation, listSegmentations, removeSegmentation } from './segmentation-store';

export const segmentationHandlers = {
  'segmentations.list': (p, ctx) => listSegmentations(ctx.store(), p.datasetId === undefined ? undefined : ctx.store().getDataset(p.datasetId).id),
  'segmentations.get': (p, ctx) => getSegmentation(ctx.store(), p.segmentationId),
  'segmentations.remove': (p, ctx) => {
    const seg = getSegmentation(ctx.store(), p.segmentationId);
    const removed = removeSegmentation(ctx.store(), seg.id);
    ctx.emit('datasets.changed', { datasetIds: [seg.datasetId], reason: 'updated' });
    return { removed };
  },
} satisfies Pick<EngineHandlers, 'segmentations.list' | 'segmentations.get' | 'segmentations.remove'>;
