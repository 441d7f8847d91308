import type { EngineHandlers } from '../host/context';
import { getFactor, renameFactors, runFactor, saveFactorScores } from './factor-run';

type FactorMethods = 'factor.run' | 'factor.get' | 'factor.rename' | 'factor.save';

export const factorHandlers = {
  'factor.run': (p, ctx) => runFactor(ctx, p),
  'factor.get': (p, ctx) => getFactor(ctx, p.modelId),
  'factor.rename': (p, ctx) => renameFactors(ctx, p),
  'factor.save': (p, ctx) => saveFactorScores(ctx, p),
} satisfies Pick<EngineHandlers, FactorMethods>;
