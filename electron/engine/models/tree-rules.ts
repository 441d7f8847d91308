import type { RuleCondition, RuleScheme, SegmentRule } from '../../../shared/contract/segment-schemes';
import type { FittedTree, TreeNode, TreeSplit } from './cart';

/**
 * Turns a fitted tree into rules: one per leaf (the conditions on its path, merged per column),
 * plus one per internal node for rows missing that node's column (they stop there, as in
 * `nodeFor`). Leaf rules and missing-value rules are mutually exclusive, so the scheme's order
 * does not matter and it labels every row exactly as the tree does.
 */
export interface RuleColumn {
  /** Display name, used in texts and in the rule scheme. */
  name: string;
  kind: 'numeric' | 'category';
  /** All training values are whole numbers: `> 2.5` reads as `≥ 3`. */
  integer: boolean;
  /** Epoch-ms dates: thresholds read as yyyy-mm-dd. */
  date: boolean;
  levels: readonly string[];
}

interface NumericBounds {
  kind: 'numeric';
  /** x > lower (exclusive); −∞ = none. */
  lower: number;
  /** x ≤ upper (inclusive); +∞ = none. */
  upper: number;
}

interface CategoryBounds {
  kind: 'category';
  /** Training levels (codes) still allowed. */
  allowed: Set<number>;
  /** Levels never seen in training still allowed (they go right at every split). */
  unseen: boolean;
}

type Bounds = NumericBounds | CategoryBounds;

export interface PathRule {
  /** The node the rule describes (a leaf, or the internal node where a missing value stops). */
  node: number;
  /** Column index → constraint, in the order first tested on the path. */
  bounds: Map<number, Bounds>;
  /** For missing-value rules: the column that is empty. */
  missing: number | null;
  prediction: number;
}

function walk(tree: FittedTree, columns: RuleColumn[]): PathRule[] {
  const out: PathRule[] = [];
  const visit = (node: TreeNode, bounds: Map<number, Bounds>): void => {
    const split = node.split;
    if (!split) {
      out.push({ node: node.id, bounds, missing: null, prediction: node.prediction });
      return;
    }
    const f = split.feature;
    // A missing value stops here, unless an earlier condition on the path already needs a value.
    if (!bounds.has(f)) out.push({ node: node.id, bounds, missing: f, prediction: node.prediction });
    const left = new Map(bounds);
    const right = new Map(bounds);
    if (split.kind === 'numeric') {
      const b = (bounds.get(f) as NumericBounds | undefined) ?? { kind: 'numeric', lower: -Infinity, upper: Infinity };
      left.set(f, { ...b, upper: Math.min(b.upper, split.threshold) });
      right.set(f, { ...b, lower: Math.max(b.lower, split.threshold) });
    } else {
      const all = columns[f]!.levels.map((_, i) => i);
      const b = (bounds.get(f) as CategoryBounds | undefined) ?? { kind: 'category', allowed: new Set(all), unseen: true };
      const inLeft = new Set(split.left);
      left.set(f, { kind: 'category', allowed: new Set([...b.allowed].filter((l) => inLeft.has(l))), unseen: false });
      right.set(f, { kind: 'category', allowed: new Set([...b.allowed].filter((l) => !inLeft.has(l))), unseen: b.unseen });
    }
    visit(tree.nodes[node.left]!, left);
    visit(tree.nodes[node.right]!, right);
  };
  visit(tree.nodes[0]!, new Map());
  return out;
}

export function pathRules(tree: FittedTree, columns: RuleColumn[]): PathRule[] {
  return walk(tree, columns);
}

/** The rule-scheme conditions of a path rule (exact thresholds). */
export function conditionsOf(rule: PathRule, columns: RuleColumn[]): RuleCondition[] {
  const out: RuleCondition[] = [];
  for (const [f, b] of rule.bounds) {
    const col = columns[f]!;
    if (b.kind === 'numeric') {
      if (b.lower > -Infinity) out.push({ column: col.name, op: 'gt', value: b.lower });
      if (b.upper < Infinity) out.push({ column: col.name, op: 'lte', value: b.upper });
    } else if (b.unseen) {
      const excluded = col.levels.filter((_, i) => !b.allowed.has(i));
      out.push({ column: col.name, op: 'notEmpty' });
      if (excluded.length > 0) out.push({ column: col.name, op: 'notIn', values: excluded });
    } else out.push({ column: col.name, op: 'in', values: [...b.allowed].sort((x, y) => x - y).map((i) => col.levels[i]!) });
  }
  if (rule.missing !== null) out.push({ column: columns[rule.missing]!.name, op: 'isEmpty' });
  return out;
}

/** A rule scheme that labels new data as the tree does (see the module note). */
export function treeScheme(name: string, tree: FittedTree, columns: RuleColumn[], classNames: readonly string[]): RuleScheme {
  const rules: SegmentRule[] = pathRules(tree, columns).map((r) => ({ segment: classNames[r.prediction]!, when: conditionsOf(r, columns) }));
  return { name, rules, defaultSegment: classNames[tree.nodes[0]!.prediction]! };
}

function formatNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  const abs = Math.abs(v);
  const digits = abs >= 1000 ? 1 : abs >= 1 ? 2 : 4;
  return String(Number(v.toFixed(digits)));
}

function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export interface RuleText {
  zh: string;
  en: string;
}

/** One condition in words: integer columns read `> 2.5` as `≥ 3` and `≤ 2.5` as `≤ 2`. */
function boundText(col: RuleColumn, b: Bounds): RuleText[] {
  if (b.kind === 'category') {
    if (b.unseen) {
      const excluded = col.levels.filter((_, i) => !b.allowed.has(i));
      const list = excluded.join('、');
      return [{ zh: `${col.name} 不是 ${list}`, en: `${col.name} is not ${excluded.join(', ')}` }];
    }
    const levels = [...b.allowed].sort((x, y) => x - y).map((i) => col.levels[i]!);
    return levels.length === 1
      ? [{ zh: `${col.name} 为 ${levels[0]}`, en: `${col.name} is ${levels[0]}` }]
      : [{ zh: `${col.name} 为 ${levels.join('、')} 之一`, en: `${col.name} is one of ${levels.join(', ')}` }];
  }
  const show = (v: number): string => (col.date ? formatDate(v) : formatNumber(v));
  const parts: RuleText[] = [];
  if (b.lower > -Infinity) {
    const t = col.integer && !col.date ? `≥ ${Math.floor(b.lower) + 1}` : `> ${show(b.lower)}`;
    parts.push({ zh: `${col.name} ${t}`, en: `${col.name} ${t}` });
  }
  if (b.upper < Infinity) {
    const t = col.integer && !col.date ? `≤ ${Math.floor(b.upper)}` : `≤ ${show(b.upper)}`;
    parts.push({ zh: `${col.name} ${t}`, en: `${col.name} ${t}` });
  }
  if (parts.length === 2 && col.integer && !col.date) {
    const lo = Math.floor(b.lower) + 1;
    const hi = Math.floor(b.upper);
    return [{ zh: `${col.name} 在 ${lo}–${hi} 之间`, en: `${col.name} between ${lo} and ${hi}` }];
  }
  return parts;
}

/** The conditions of a path rule in words (Chinese and English), joined with 且 / and. */
export function conditionText(rule: PathRule, columns: RuleColumn[]): RuleText {
  const parts: RuleText[] = [];
  for (const [f, b] of rule.bounds) parts.push(...boundText(columns[f]!, b));
  if (rule.missing !== null) parts.push({ zh: `${columns[rule.missing]!.name} 为空`, en: `${columns[rule.missing]!.name} is empty` });
  if (parts.length === 0) return { zh: '所有客户', en: 'every customer' };
  return { zh: parts.map((p) => p.zh).join(' 且 '), en: parts.map((p) => p.en).join(' and ') };
}

/** The test at a node, read as the condition for going left ("年龄 ≤ 31", "职业 为 A、B 之一"). */
export function splitText(split: TreeSplit, columns: RuleColumn[]): RuleText {
  const col = columns[split.feature]!;
  if (split.kind === 'numeric') return boundText(col, { kind: 'numeric', lower: -Infinity, upper: split.threshold })[0]!;
  return boundText(col, { kind: 'category', allowed: new Set(split.left), unseen: false })[0]!;
}

/** The condition a present value meets at a split (the branch it takes), in words. */
export function branchText(split: TreeSplit, columns: RuleColumn[], left: boolean): RuleText {
  const col = columns[split.feature]!;
  if (split.kind === 'numeric') {
    const b: NumericBounds = left ? { kind: 'numeric', lower: -Infinity, upper: split.threshold } : { kind: 'numeric', lower: split.threshold, upper: Infinity };
    return boundText(col, b)[0]!;
  }
  if (left) return boundText(col, { kind: 'category', allowed: new Set(split.left), unseen: false })[0]!;
  const all = col.levels.map((_, i) => i).filter((i) => !split.left.includes(i));
  return boundText(col, { kind: 'category', allowed: new Set(all), unseen: true })[0]!;
}
