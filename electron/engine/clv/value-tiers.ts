/**
 * CLV tiers by rank. Customers are ordered by CLV, highest first; a customer's tier comes from
 * the position of the FIRST customer with the same CLV: tier = floor(k × position ÷ n) + 1. So
 * equal values always share a tier (the better one when a tie straddles a boundary) — the same
 * rule as the quintile scores of RFM, mirrored. Customers without a CLV get no tier.
 */
export function rankTiers(values: Float64Array, k: number): Uint8Array {
  // The position of a value's first occurrence, highest first, is the number of values above
  // it: a native sort and a binary search per customer (no comparator sort of a million indices).
  const asc = Float64Array.from(values.filter((v) => !Number.isNaN(v))).sort();
  const n = asc.length;
  const tiers = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (asc[mid]! <= v) lo = mid + 1;
      else hi = mid;
    }
    const above = n - lo;
    tiers[i] = Math.floor((k * above) / n) + 1;
  }
  return tiers;
}

/** Tier names by rank band: "T1 前20%", "T2 20–40%", …, "T5 后20%" for k = 5. */
export function tierNames(k: number): string[] {
  const pct = (i: number): string => String(Math.round((100 * i) / k));
  return Array.from({ length: k }, (_, i) => {
    if (i === 0) return `T1 前${pct(1)}%`;
    if (i === k - 1) return `T${k} 后${pct(1)}%`;
    return `T${i + 1} ${pct(i)}–${pct(i + 1)}%`;
  });
}

/** The action each tier suggests, in the order of `tierNames` (top, middle, bottom). */
export function tierActions(k: number): string[] {
  return Array.from({ length: k }, (_, i) => {
    if (i === 0) return '未来价值最高：专人维护、优先服务，防止流失';
    if (i === k - 1) return '未来价值最低：低成本触达，不做重点投入';
    return i < k / 2 ? '未来价值较高：提升购买频次与客单价' : '未来价值一般：常规营销，择机激活';
  });
}

/** Bins of P(alive) over repeat customers (one-time buyers are alive by assumption; counted apart). */
export function pAliveHistogram(pAlive: Float64Array, x: Int32Array, bins = 10): { edges: number[]; repeatCounts: number[]; oneTime: number } {
  const edges = Array.from({ length: bins + 1 }, (_, i) => i / bins);
  const repeatCounts = new Array<number>(bins).fill(0);
  let oneTime = 0;
  for (let i = 0; i < pAlive.length; i++) {
    if (x[i] === 0) {
      oneTime++;
      continue;
    }
    repeatCounts[Math.min(bins - 1, Math.floor(pAlive[i]! * bins))]! += 1;
  }
  return { edges, repeatCounts, oneTime };
}
