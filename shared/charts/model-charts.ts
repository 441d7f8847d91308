import type { Dendrogram } from '../contract/hclust';
import type { TreeNodeView } from '../contract/tree';
import { PALETTE, type ChartLang, type ChartOption } from './chart-text';

/**
 * Pictures of the models (dendrogram, scree plot, decision tree), as plain ECharts options for the
 * report's engine-side renderer, plus the dendrogram layout the UI draws itself (with a draggable cut).
 */
const TEXT = {
  dendrogram: { zh: 'Ward 树状图（顶部 {n} 群）', en: 'Ward dendrogram (top {n} clusters)' },
  height: { zh: '合并高度', en: 'Merge height' },
  cut: { zh: '切分：{k} 群', en: 'Cut: {k} clusters' },
  scree: { zh: '碎石图', en: 'Scree plot' },
  eigenvalue: { zh: '特征值', en: 'Eigenvalue' },
  component: { zh: '成分', en: 'Component' },
  kaiser: { zh: '特征值 = 1', en: 'Eigenvalue = 1' },
  tree: { zh: '决策树', en: 'Decision tree' },
} as const;

function say(key: keyof typeof TEXT, lang: ChartLang, vars: Record<string, string | number> = {}): string {
  let s: string = TEXT[key][lang];
  for (const [k, v] of Object.entries(vars)) s = s.replace(`{${k}}`, String(v));
  return s;
}

export interface DendrogramLayout {
  /** Leaves left to right: x = 0..L−1. */
  leaves: { id: number; size: number; x: number }[];
  /** Line segments [x1, y1, x2, y2] (height as y), three per merge: two legs and the bar. */
  segments: [number, number, number, number][];
  maxHeight: number;
}

/** Leaves in the tree's own order (left subtree first) and the ∏ shape of every merge. */
export function dendrogramLayout(d: Dendrogram): DendrogramLayout {
  const byId = new Map(d.merges.map((m) => [m.id, m]));
  const sizes = new Map(d.leaves.map((l) => [l.id, l.size]));
  const leaves: DendrogramLayout['leaves'] = [];
  const segments: DendrogramLayout['segments'] = [];
  const place = (id: number): { x: number; y: number } => {
    const m = byId.get(id);
    if (!m) {
      const x = leaves.length;
      leaves.push({ id, size: sizes.get(id) ?? 0, x });
      return { x, y: 0 };
    }
    const a = place(m.left);
    const b = place(m.right);
    segments.push([a.x, a.y, a.x, m.height], [b.x, b.y, b.x, m.height], [a.x, m.height, b.x, m.height]);
    return { x: (a.x + b.x) / 2, y: m.height };
  };
  const root = d.merges.length > 0 ? d.merges[d.merges.length - 1]!.id : d.leaves[0]?.id;
  if (root !== undefined) place(root);
  return { leaves, segments, maxHeight: d.merges.length > 0 ? d.merges[d.merges.length - 1]!.height : 0 };
}

/** The height halfway between the merges that leave k and k − 1 clusters (where a cut into k sits). */
export function cutHeight(heights: readonly number[], k: number): number {
  const above = heights[k - 2] ?? 0;
  const below = heights[k - 1] ?? 0;
  return (above + below) / 2;
}

export function dendrogramChart(d: Dendrogram, heights: readonly number[], k: number | null, lang: ChartLang): ChartOption {
  const layout = dendrogramLayout(d);
  const series: ChartOption[] = layout.segments.map((s) => ({
    type: 'line',
    data: [
      [s[0], s[1]],
      [s[2], s[3]],
    ],
    symbol: 'none',
    lineStyle: { color: '#5d7092', width: 1.2 },
    silent: true,
  }));
  if (k !== null) {
    const h = cutHeight(heights, k);
    series.push({ type: 'line', data: [[-0.5, h], [layout.leaves.length - 0.5, h]], symbol: 'none', lineStyle: { color: PALETTE[1], type: 'dashed', width: 2 }, name: say('cut', lang, { k }) });
  }
  return {
    title: { text: say('dendrogram', lang, { n: layout.leaves.length }), left: 'center' },
    grid: { left: 70, right: 24, top: 50, bottom: 60 },
    xAxis: {
      type: 'value',
      min: -0.5,
      max: layout.leaves.length - 0.5,
      interval: 1,
      axisLabel: { show: false },
      splitLine: { show: false },
    },
    yAxis: { type: 'value', name: say('height', lang), min: 0 },
    series,
  };
}

export function screeChart(eigenvalues: readonly number[], lang: ChartLang): ChartOption {
  const labels = eigenvalues.map((_, i) => String(i + 1));
  return {
    color: PALETTE,
    title: { text: say('scree', lang), left: 'center' },
    grid: { left: 60, right: 24, top: 50, bottom: 50 },
    xAxis: { type: 'category', data: labels, name: say('component', lang) },
    yAxis: { type: 'value', name: say('eigenvalue', lang) },
    series: [
      { type: 'line', data: eigenvalues.map((v) => Math.round(v * 1000) / 1000), label: { show: true, position: 'top' } },
      { type: 'line', data: labels.map(() => 1), symbol: 'none', lineStyle: { type: 'dashed', color: PALETTE[1] }, name: say('kaiser', lang) },
    ],
  };
}

interface TreeDatum {
  name: string;
  children?: TreeDatum[];
}

/** The decision tree as an ECharts tree series: each box shows its test (or leaf segment) and size. */
export function decisionTreeChart(nodes: readonly TreeNodeView[], lang: ChartLang): ChartOption {
  const build = (id: number, edge: string): TreeDatum => {
    const n = nodes[id]!;
    const head = edge ? `${edge}\n` : '';
    // Long segment names wrap at their separators so neighbouring leaves do not overlap.
    if (!n.split) return { name: `${head}→ ${n.prediction.split('·').join('\n')}\n(${n.n})` };
    return {
      name: `${head}${lang === 'zh' ? n.split.zh : n.split.en} ? (${n.n})`,
      children: [build(n.left, lang === 'zh' ? '是' : 'yes'), build(n.right, lang === 'zh' ? '否' : 'no')],
    };
  };
  return {
    title: { text: say('tree', lang), left: 10, top: 6 },
    series: [
      {
        type: 'tree',
        data: nodes.length > 0 ? [build(0, '')] : [],
        orient: 'TB',
        top: 70,
        bottom: 60,
        left: 20,
        right: 20,
        symbolSize: 6,
        initialTreeDepth: -1,
        label: { fontSize: 10, position: 'top', verticalAlign: 'bottom', align: 'center' },
        leaves: { label: { position: 'bottom', verticalAlign: 'top', rotate: 0 } },
        lineStyle: { color: '#999' },
      },
    ],
  };
}
