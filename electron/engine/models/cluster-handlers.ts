import type { EngineHandlers } from '../host/context';
import { keepHclust, runHclust } from './hclust-run';
import { getKproto, runKproto, scanKproto, scoreKproto } from './kproto-run';

type MixedMethods = 'kproto.scan' | 'kproto.run' | 'kproto.get' | 'kproto.score' | 'hclust.run' | 'hclust.keep';

export const mixedClusterHandlers = {
  'kproto.scan': (p, ctx) => scanKproto(ctx, p),
  'kproto.run': (p, ctx) => runKproto(ctx, p),
  'kproto.get': (p, ctx) => getKproto(ctx, p.segmentationId),
  'kproto.score': (p, ctx) => scoreKproto(ctx, p),
  'hclust.run': (p, ctx) => runHclust(ctx, p),
  'hclust.keep': (p, ctx) => keepHclust(ctx, p),
} satisfies Pick<EngineHandlers, MixedMethods>;
