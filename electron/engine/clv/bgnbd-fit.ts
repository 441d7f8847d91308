import { bgnbdLogLik, type BgNbdParams } from './bgnbd-likelihood';
import { fitMaximumLikelihood, type MlFit } from './fit-report';
import type { RepeatData } from './repeat-data';

export interface BgNbdFit extends MlFit {
  params: BgNbdParams;
}

/**
 * Fits BG/NBD by maximum likelihood from four starts spread over the parameter space. α is
 * started at r ÷ (observed repeat rate), which puts every start on the data's time scale
 * whatever the unit (days, weeks, months). With `sample` (large data) the starts run on the
 * sample and the best is polished on all customers.
 */
export async function fitBgNbd(data: RepeatData, onIteration?: () => Promise<void> | void, sample?: RepeatData): Promise<BgNbdFit> {
  let purchases = 0;
  let exposure = 0;
  for (let i = 0; i < data.x.length; i++) {
    purchases += data.weight[i]! * data.x[i]!;
    exposure += data.weight[i]! * data.T[i]!;
  }
  const rate = Math.max(purchases, 1) / Math.max(exposure, 1e-9);
  const starts = [
    [1, 1 / rate, 1, 1],
    [0.5, 0.5 / rate, 0.5, 2],
    [2, 2 / rate, 2, 5],
    [0.25, 0.25 / rate, 1, 10],
  ];
  const fit = await fitMaximumLikelihood({
    customers: data.customers,
    starts,
    logLik: (v, grad) => bgnbdLogLik({ r: v[0]!, alpha: v[1]!, a: v[2]!, b: v[3]! }, data, grad),
    ...(sample ? { sample: { customers: sample.customers, logLik: (v, grad) => bgnbdLogLik({ r: v[0]!, alpha: v[1]!, a: v[2]!, b: v[3]! }, sample, grad) } } : {}),
    ...(onIteration ? { onIteration } : {}),
  });
  const [r, alpha, a, b] = fit.estimate as [number, number, number, number];
  return { ...fit, params: { r, alpha, a, b } };
}
