import type { ClusterText, KmeansMetrics } from '../../../shared/contract/cluster';
import { KMEANS_DEFAULTS } from '../../../shared/contract/cluster-defaults';

/** How the scan's silhouettes were computed when on a sample. */
export interface SilhouetteSampling {
  sampleRows: number;
  rows: number;
  /** Close calls are settled on every row up to this many rows. */
  fullLimit: number;
}

const f3 = (v: number): string => v.toFixed(3);
const count = (v: number): string => v.toLocaleString('en-US');

/**
 * Picks k from a scan: the highest silhouette (ties: the smaller k), falling back to the highest
 * Calinski–Harabasz when no silhouette is known. On a sample the claim carries its caveat: the
 * lead over the runner-up against the paired sampling error, and when that lead is within the
 * error, the exact silhouettes on every row decide (or, above the row limit, the reason says the
 * call is within sampling error). The reason also names whether CH and DB agree, and the elbow.
 */
export function suggestK(metrics: KmeansMetrics[], sampling?: SilhouetteSampling): { k: number; reason: ClusterText; closeCall: { ks: number[]; resolved: boolean } | null } {
  if (metrics.length === 0) return { k: 2, reason: { zh: '没有可比较的结果', en: 'Nothing to compare' }, closeCall: null };
  const bySil = metrics.filter((m) => m.silhouette !== null);
  const pick = (list: KmeansMetrics[], value: (m: KmeansMetrics) => number): KmeansMetrics =>
    list.reduce((best, m) => (value(m) > value(best) ? m : best));
  const sampledBest = bySil.length > 0 ? pick(bySil, (m) => m.silhouette!) : null;
  const close = sampling && sampledBest ? bySil.filter((m) => m !== sampledBest && typeof m.silhouetteSe === 'number' && sampledBest.silhouette! - m.silhouette! <= KMEANS_DEFAULTS.closeCallSe * m.silhouetteSe) : [];
  const contenders = [sampledBest, ...close].filter((m): m is KmeansMetrics => m !== null);
  const resolved = close.length > 0 && contenders.every((m) => typeof m.silhouetteFull === 'number');
  const chosen = resolved
    ? [...contenders].sort((a, b) => b.silhouetteFull! - a.silhouetteFull! || a.k - b.k)[0]!
    : (sampledBest ?? pick(metrics, (m) => m.calinskiHarabasz ?? -Infinity));
  const zh: string[] = [];
  const en: string[] = [];
  silhouetteClaim(chosen, sampledBest, close, resolved, sampling, bySil, zh, en);
  const withCh = metrics.filter((m) => m.calinskiHarabasz !== null);
  const withDb = metrics.filter((m) => m.daviesBouldin !== null);
  const bestCh = withCh.length > 0 ? pick(withCh, (m) => m.calinskiHarabasz!).k : null;
  const bestDb = withDb.length > 0 ? pick(withDb, (m) => -m.daviesBouldin!).k : null;
  const elbow = elbowK(metrics);
  if (bestCh !== null && chosen.silhouette !== null) {
    zh.push(bestCh === chosen.k ? 'Calinski–Harabasz 指数也在此最高' : `Calinski–Harabasz 指数在 k=${bestCh} 最高`);
    en.push(bestCh === chosen.k ? 'Calinski–Harabasz agrees' : `Calinski–Harabasz peaks at k=${bestCh}`);
  }
  if (bestDb !== null) {
    zh.push(bestDb === chosen.k ? 'Davies–Bouldin 指数在此最低' : `Davies–Bouldin 指数在 k=${bestDb} 最低`);
    en.push(bestDb === chosen.k ? 'Davies–Bouldin is lowest here' : `Davies–Bouldin is lowest at k=${bestDb}`);
  }
  if (elbow !== null) {
    zh.push(`误差平方和曲线的肘部在 k=${elbow}`);
    en.push(`the SSE elbow is at k=${elbow}`);
  }
  const closeCall = close.length > 0 ? { ks: contenders.map((m) => m.k).sort((a, b) => a - b), resolved } : null;
  return { k: chosen.k, reason: { zh: zh.join('；') + '。', en: en.join('; ') + '.' }, closeCall };
}

/** The first sentence: which k the silhouette favours, and how sure a sample can be of it. */
function silhouetteClaim(
  chosen: KmeansMetrics,
  sampledBest: KmeansMetrics | null,
  close: KmeansMetrics[],
  resolved: boolean,
  sampling: SilhouetteSampling | undefined,
  bySil: KmeansMetrics[],
  zh: string[],
  en: string[],
): void {
  if (!sampledBest) {
    zh.push(`k=${chosen.k} 的 Calinski–Harabasz 指数最高`);
    en.push(`k=${chosen.k} has the highest Calinski–Harabasz index`);
    return;
  }
  if (!sampling) {
    zh.push(`k=${chosen.k} 的轮廓系数最高（${f3(chosen.silhouette!)}）`);
    en.push(`k=${chosen.k} has the highest silhouette (${f3(chosen.silhouette!)})`);
    return;
  }
  const sample = { zh: `${count(sampling.sampleRows)} 行抽样`, en: `a sample of ${count(sampling.sampleRows)} rows` };
  const others = { zh: close.map((m) => `k=${m.k}`).join('、'), en: close.map((m) => `k=${m.k}`).join(', ') };
  const margin = Math.max(...close.map((m) => KMEANS_DEFAULTS.closeCallSe * m.silhouetteSe!), 0);
  if (close.length > 0 && resolved) {
    zh.push(`${sample.zh}上 k=${sampledBest.k} 与 ${others.zh} 的轮廓系数相差在抽样误差以内（±${f3(margin)}），已在全部 ${count(sampling.rows)} 行上精确计算：k=${chosen.k} 最高（${f3(chosen.silhouetteFull!)}）`);
    en.push(`on ${sample.en}, k=${sampledBest.k} and ${others.en} were within sampling error (±${f3(margin)}), so the silhouettes were computed exactly on all ${count(sampling.rows)} rows: k=${chosen.k} is highest (${f3(chosen.silhouetteFull!)})`);
    return;
  }
  if (close.length > 0) {
    zh.push(`k=${chosen.k} 的抽样轮廓系数最高（${f3(chosen.silhouette!)}，${sample.zh}），但与 ${others.zh} 的差距在抽样误差以内（±${f3(margin)}），抽样无法分出高下（${count(sampling.rows)} 行超过精确计算的上限 ${count(sampling.fullLimit)} 行）`);
    en.push(`k=${chosen.k} has the highest sampled silhouette (${f3(chosen.silhouette!)}, ${sample.en}), but its lead over ${others.en} is within sampling error (±${f3(margin)}): the sample cannot decide (${count(sampling.rows)} rows are above the ${count(sampling.fullLimit)}-row limit for the exact figure)`);
    return;
  }
  const runnerUp = bySil.filter((m) => m !== sampledBest && typeof m.silhouetteSe === 'number').sort((a, b) => b.silhouette! - a.silhouette!)[0];
  const lead = runnerUp
    ? { zh: `，领先次优的 k=${runnerUp.k} ${f3(sampledBest.silhouette! - runnerUp.silhouette!)}，超出抽样误差 ±${f3(KMEANS_DEFAULTS.closeCallSe * runnerUp.silhouetteSe!)}`, en: `, ahead of the runner-up k=${runnerUp.k} by ${f3(sampledBest.silhouette! - runnerUp.silhouette!)}, beyond the sampling error of ±${f3(KMEANS_DEFAULTS.closeCallSe * runnerUp.silhouetteSe!)}` }
    : { zh: '', en: '' };
  zh.push(`k=${chosen.k} 的轮廓系数最高（${f3(chosen.silhouette!)}，${sample.zh}${lead.zh}）`);
  en.push(`k=${chosen.k} has the highest silhouette (${f3(chosen.silhouette!)} on ${sample.en}${lead.en})`);
}

/** k where the SSE curve bends most (largest second difference), for ≥ 3 consecutive ks. */
export function elbowK(metrics: KmeansMetrics[]): number | null {
  const sorted = [...metrics].sort((a, b) => a.k - b.k);
  let best: number | null = null;
  let bestBend = 0;
  for (let i = 1; i < sorted.length - 1; i++) {
    const bend = sorted[i - 1]!.sse - 2 * sorted[i]!.sse + sorted[i + 1]!.sse;
    if (bend > bestBend) {
      bestBend = bend;
      best = sorted[i]!.k;
    }
  }
  return best;
}
