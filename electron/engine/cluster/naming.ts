import type { ClusterText, EncodedFeature } from '../../../shared/contract/cluster';

/**
 * Suggested business names from a cluster's most distinctive features: each feature whose mean
 * is ≥ 15 % above or below the overall mean (index ≥ 115 or ≤ 85) gives a word, the strongest
 * three (by |ln(index / 100)|), read spend → frequency → recency → others, joined with "·",
 * e.g. 高消费·高频·近期活跃. Column names are matched
 * against common Chinese and English indicator names; other columns read "高<列名>".
 */
interface Lexicon {
  /** Position in the name: spend, frequency, recency, then the rest (the usual RFM reading). */
  rank: number;
  pattern: RegExp;
  high: ClusterText;
  low: ClusterText;
}

const LEXICON: Lexicon[] = [
  { rank: 2, pattern: /最近|近度|距今|recency|days? since|^r$/i, high: { zh: '久未购买', en: 'Lapsed' }, low: { zh: '近期活跃', en: 'Recently active' } },
  { rank: 1, pattern: /频|次数|单数|frequency|count|orders|visits|^f$/i, high: { zh: '高频', en: 'Frequent' }, low: { zh: '低频', en: 'Infrequent' } },
  {
    rank: 0,
    pattern: /消费|金额|支付|花费|销售|营收|spend|amount|monetary|revenue|sales|^m$/i,
    high: { zh: '高消费', en: 'High spend' },
    low: { zh: '低消费', en: 'Low spend' },
  },
  { rank: 3, pattern: /收入|薪|income|salary|wage/i, high: { zh: '高收入', en: 'High income' }, low: { zh: '低收入', en: 'Low income' } },
  { rank: 4, pattern: /年龄|岁|^age|age$/i, high: { zh: '年长', en: 'Older' }, low: { zh: '年轻', en: 'Younger' } },
];

const THRESHOLD = 0.15;

export function suggestName(features: EncodedFeature[], index: (number | null)[]): ClusterText {
  return nameParts(features, index).name;
}

/** The suggested name and the spare words past the first three (strongest first), to tell apart clusters that share a name. */
export function nameParts(features: EncodedFeature[], index: (number | null)[]): { name: ClusterText; spare: ClusterText[] } {
  const words: { rank: number; zh: string; en: string }[] = [];
  const usedColumns = new Set<string>();
  const ranked = features
    .map((f, j) => ({ f, idx: index[j] ?? null }))
    .filter((x): x is { f: EncodedFeature; idx: number } => x.idx !== null && x.idx > 0 && Math.abs(x.idx / 100 - 1) >= THRESHOLD)
    .map((x) => ({ ...x, strength: Math.abs(Math.log(x.idx / 100)) }))
    .sort((a, b) => b.strength - a.strength);
  for (const { f, idx } of ranked) {
    if (usedColumns.has(f.column)) continue;
    const high = idx > 100;
    if (f.kind === 'category') {
      if (!high) continue;
      words.push({ rank: 10, zh: `${f.level}为主`, en: `Mostly ${f.level}` });
    } else {
      const lex = LEXICON.find((l) => l.pattern.test(f.column));
      if (lex) words.push({ rank: lex.rank, ...(high ? lex.high : lex.low) });
      else words.push({ rank: 10, zh: `${high ? '高' : '低'}${f.column}`, en: `${high ? 'High' : 'Low'} ${f.column}` });
    }
    usedColumns.add(f.column);
  }
  if (words.length === 0) return { name: { zh: '均衡客群', en: 'Average' }, spare: [] };
  // Stable sort: known indicators in RFM reading order, the rest by strength.
  const top = words.slice(0, 3).sort((a, b) => a.rank - b.rank);
  return { name: { zh: top.map((w) => w.zh).join('·'), en: top.map((w) => w.en).join(' · ') }, spare: words.slice(3).map((w) => ({ zh: w.zh, en: w.en })) };
}

/** Positions whose Chinese or English name another position also has. */
function repeated(names: ClusterText[]): number[] {
  const count = (key: (n: ClusterText) => string): Map<string, number> => {
    const m = new Map<string, number>();
    for (const n of names) m.set(key(n), (m.get(key(n)) ?? 0) + 1);
    return m;
  };
  const zh = count((n) => n.zh);
  const en = count((n) => n.en);
  return names.flatMap((n, i) => ((zh.get(n.zh) ?? 0) > 1 || (en.get(n.en) ?? 0) > 1 ? [i] : []));
}

/**
 * Makes names unique, deterministically: clusters that share a name (in either language) first
 * take their next distinguishing word, strongest first; any still alike get their cluster number.
 */
export function uniqueNames(names: ClusterText[], spare: ClusterText[][] = []): ClusterText[] {
  const out = names.map((n) => ({ zh: n.zh, en: n.en }));
  const taken = names.map(() => 0);
  for (;;) {
    let grew = false;
    for (const i of repeated(out)) {
      const w = spare[i]?.[taken[i]!];
      if (!w) continue;
      out[i] = { zh: `${out[i]!.zh}·${w.zh}`, en: `${out[i]!.en} · ${w.en}` };
      taken[i]! += 1;
      grew = true;
    }
    if (!grew) break;
  }
  for (const i of repeated(out)) out[i] = { zh: `${out[i]!.zh}（${i + 1}）`, en: `${out[i]!.en} (${i + 1})` };
  return out;
}
