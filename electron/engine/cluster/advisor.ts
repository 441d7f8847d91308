import type { ClusterText, KmeansMetrics } from '../../../shared/contract/cluster';

/**
 * Picks k from a scan: the highest silhouette (ties: the smaller k), falling back to the highest
 * Calinski–Harabasz when no silhouette is known. The reason names the evidence: whether CH and DB
 * agree, and where the SSE curve bends most (the elbow: largest second difference).
 */
export function suggestK(metrics: KmeansMetrics[]): { k: number; reason: ClusterText } {
  if (metrics.length === 0) return { k: 2, reason: { zh: '没有可比较的结果', en: 'Nothing to compare' } };
  const bySil = metrics.filter((m) => m.silhouette !== null);
  const pick = (list: KmeansMetrics[], value: (m: KmeansMetrics) => number): KmeansMetrics =>
    list.reduce((best, m) => (value(m) > value(best) ? m : best));
  const chosen = bySil.length > 0 ? pick(bySil, (m) => m.silhouette!) : pick(metrics, (m) => m.calinskiHarabasz ?? -Infinity);
  const withCh = metrics.filter((m) => m.calinskiHarabasz !== null);
  const withDb = metrics.filter((m) => m.daviesBouldin !== null);
  const bestCh = withCh.length > 0 ? pick(withCh, (m) => m.calinskiHarabasz!).k : null;
  const bestDb = withDb.length > 0 ? pick(withDb, (m) => -m.daviesBouldin!).k : null;
  const elbow = elbowK(metrics);
  const zh: string[] = [];
  const en: string[] = [];
  if (chosen.silhouette !== null) {
    zh.push(`k=${chosen.k} 的轮廓系数最高（${chosen.silhouette.toFixed(3)}）`);
    en.push(`k=${chosen.k} has the highest silhouette (${chosen.silhouette.toFixed(3)})`);
  } else {
    zh.push(`k=${chosen.k} 的 Calinski–Harabasz 指数最高`);
    en.push(`k=${chosen.k} has the highest Calinski–Harabasz index`);
  }
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
  return { k: chosen.k, reason: { zh: zh.join('；') + '。', en: en.join('; ') + '.' } };
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
