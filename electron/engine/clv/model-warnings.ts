import type { ClvModel } from '../../../shared/contract/clv';
import type { BgNbdFit } from './bgnbd-fit';
import type { GammaGammaFit } from './gamma-gamma';
import type { HoldoutFit } from './tracking';

type Warning = ClvModel['warnings'][number];

/** Thresholds of the checks, stated to the user in the help and the method notes. */
export const WARNING_RULES = {
  /** Fewer repeat customers than this: estimates are uncertain. */
  fewRepeatCustomers: 100,
  /** |corr(x, m)| at or above this: Gamma-Gamma's independence assumption looks violated. */
  correlation: 0.3,
  /** A parameter beyond this (or below its inverse) sits at the edge of the search: a degenerate fit. */
  boundary: 1e6,
};

/** What the user should know about a fit that did not stop it. */
export function modelWarnings(f: { bg: BgNbdFit; gg: GammaGammaFit; correlation: number | null; repeatCustomers: number; customers: number; holdout: HoldoutFit | null }): Warning[] {
  const out: Warning[] = [];
  const edge = (v: number): boolean => v > WARNING_RULES.boundary || v < 1 / WARNING_RULES.boundary;
  if (!f.bg.converged) out.push({ code: 'BGNBD_NOT_CONVERGED', zh: 'BG/NBD 模型的估计没有收敛，参数仅供参考。', en: 'The BG/NBD fit did not converge; treat its parameters with caution.' });
  if (f.bg.agreeingStarts < f.bg.starts.length) {
    out.push({
      code: 'BGNBD_STARTS_DISAGREE',
      zh: `BG/NBD 的 ${f.bg.starts.length} 个起点中只有 ${f.bg.agreeingStarts} 个得到最优解，已采用似然最大的结果。`,
      en: `Only ${f.bg.agreeingStarts} of ${f.bg.starts.length} BG/NBD starts reached the best fit; the highest likelihood was kept.`,
    });
  }
  const { r, alpha, a, b } = f.bg.params;
  if ([r, alpha, a, b].some(edge)) {
    out.push({
      code: 'BGNBD_BOUNDARY',
      zh: 'BG/NBD 参数落在取值范围的边缘（数据几乎看不出流失或购买率差异），预测可能不可靠。',
      en: 'A BG/NBD parameter sits at the edge of its range (the data show almost no dropout or rate differences); predictions may be unreliable.',
    });
  }
  if (!f.gg.converged) out.push({ code: 'GAMMA_GAMMA_NOT_CONVERGED', zh: 'Gamma-Gamma 消费额模型没有收敛。', en: 'The Gamma-Gamma spend model did not converge.' });
  if ([f.gg.params.p, f.gg.params.q, f.gg.params.gamma].some(edge)) {
    out.push({
      code: 'GAMMA_GAMMA_BOUNDARY',
      zh: 'Gamma-Gamma 参数落在取值范围的边缘（例如所有复购客户的重复购买次数相同），预计客单价基本等于客户自己的平均值。',
      en: 'A Gamma-Gamma parameter sits at the edge of its range (e.g. every repeat customer has the same number of repeat purchases); expected spend is then about the customer’s own mean.',
    });
  }
  if (f.gg.params.q <= 1) {
    out.push({
      code: 'GAMMA_GAMMA_HEAVY_TAIL',
      zh: 'Gamma-Gamma 参数 q ≤ 1：总体平均客单价不存在，没有重复购买的客户的预计客单价无法给出。',
      en: 'Gamma-Gamma q ≤ 1: the population mean spend does not exist, so customers without repeat purchases get no expected spend.',
    });
  }
  if (f.correlation !== null && Math.abs(f.correlation) >= WARNING_RULES.correlation) {
    out.push({
      code: 'SPEND_FREQUENCY_CORRELATED',
      zh: `购买次数与平均消费额的相关系数为 ${f.correlation.toFixed(2)}（|r| ≥ ${WARNING_RULES.correlation}），Gamma-Gamma 模型“消费额与频次独立”的假设可能不成立。`,
      en: `Purchase frequency and mean spend correlate at ${f.correlation.toFixed(2)} (|r| ≥ ${WARNING_RULES.correlation}); Gamma-Gamma's assumption that spend is independent of frequency looks violated.`,
    });
  }
  if (f.repeatCustomers < WARNING_RULES.fewRepeatCustomers) {
    out.push({
      code: 'FEW_REPEAT_CUSTOMERS',
      zh: `只有 ${f.repeatCustomers} 位客户有重复购买（少于 ${WARNING_RULES.fewRepeatCustomers} 位），参数的不确定性较大。`,
      en: `Only ${f.repeatCustomers} customers made repeat purchases (fewer than ${WARNING_RULES.fewRepeatCustomers}); the estimates are uncertain.`,
    });
  }
  if (f.holdout && f.holdout.actualTotal === 0) {
    out.push({ code: 'EMPTY_HOLDOUT', zh: '验证期内没有重复购买，无法检验预测。', en: 'There are no repeat purchases in the holdout period, so the predictions cannot be checked.' });
  }
  return out;
}
