import { outputGuard } from '../files/output-file';
import type { EngineHandlers } from '../host/context';
import { chartData } from './charts-data';
import { runCrosstab } from './crosstab';
import { drillFilters } from './drill';
import { runPivot } from './pivot';
import { exportPivot } from './pivot-export';
import { getPivot, listPivots, removePivot, savePivot } from './pivot-store';

export const analyzeHandlers = {
  'pivots.run': (p, ctx) =>
    runPivot(ctx.store(), p.datasetId, p.spec, { checkpoint: () => ctx.checkpoint(), progress: (d, t, l) => ctx.progress(d, t, l) }),
  'pivots.drill': (p, ctx) => drillFilters(ctx.store(), p.datasetId, p.spec, p.rowPath, p.colPath),
  'pivots.save': (p, ctx) => savePivot(ctx.store(), p),
  'pivots.list': (p, ctx) => listPivots(ctx.store(), p.datasetId),
  'pivots.get': (p, ctx) => getPivot(ctx.store(), p.id),
  'pivots.remove': (p, ctx) => ({ removed: removePivot(ctx.store(), p.id) }),
  'pivots.export': async (p, ctx) => {
    ctx.requirePath(p.path, 'write');
    return exportPivot(await runPivot(ctx.store(), p.datasetId, p.spec, { checkpoint: () => ctx.checkpoint() }), p.path, p.format, outputGuard(ctx));
  },
  'crosstab.run': (p, ctx) => runCrosstab(ctx.store(), p, () => ctx.checkpoint(), (d, t, l) => ctx.progress(d, t, l)),
  'charts.data': (p, ctx) => chartData(ctx.store(), p),
} satisfies Pick<
  EngineHandlers,
  'pivots.run' | 'pivots.drill' | 'pivots.save' | 'pivots.list' | 'pivots.get' | 'pivots.remove' | 'pivots.export' | 'crosstab.run' | 'charts.data'
>;
