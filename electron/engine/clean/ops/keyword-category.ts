import type { CleanOperation, KeywordRule } from '../../../../shared/contract/clean';
import { rowPosition } from './row-position';
import { emptyPlan, SAMPLE_LIMIT, type OpContext, type SqlCell, type StepPlan } from '../plan';
import { compileSafeRegex } from '../safe-regex';
import { columnOf, isBlank, readColumns, tick, TICK_EVERY } from '../table-data';

type KeywordOp = Extract<CleanOperation, { op: 'keywordCategory' }>;

/** Example cells kept per category for the preview. */
const EXAMPLES = 3;
/** Distinct texts remembered with their category. */
const MEMO_LIMIT = 200_000;

/** A rule as a test on one cell's text. */
function matcher(rule: KeywordRule, caseSensitive: boolean): (text: string, lower: string) => boolean {
  if (rule.match === 'regex') {
    // The linear-time engine (clean/safe-regex): no pattern can hang on a long title.
    const re = compileSafeRegex(rule.pattern).search;
    return (text) => re.test(text);
  }
  const needle = caseSensitive ? rule.pattern : rule.pattern.toLowerCase();
  if (rule.match === 'startsWith') return caseSensitive ? (text) => text.startsWith(needle) : (_t, lower) => lower.startsWith(needle);
  return caseSensitive ? (text) => text.includes(needle) : (_t, lower) => lower.includes(needle);
}

/**
 * Keyword rules → category (商品标题 → 品类): each non-empty cell gets the category of the first
 * rule that matches it (contains, starts with, or a regular expression), unmatched cells get
 * 其他, empty cells stay empty. Adds the categories as a new text column, so the original titles
 * stay and the step can be undone.
 */
export async function planKeywordCategory(op: KeywordOp, ctx: OpContext): Promise<StepPlan> {
  const col = columnOf(ctx.columns, op.column);
  const tests = op.rules.map((r) => matcher(r, op.caseSensitive));
  const data = readColumns(ctx, [col.key]);
  const values = data.values[0]!;
  const n = values.length;
  // Category per row as an index: rule order first, then 其他; -1 = empty cell.
  const order = [...new Set(op.rules.map((r) => r.category).filter((c) => c !== op.otherLabel)), op.otherLabel];
  const slotOf = new Map(order.map((c, i) => [c, i]));
  const ruleSlot = op.rules.map((r) => slotOf.get(r.category)!);
  const otherSlot = order.length - 1;
  const codes = new Int16Array(n);
  const rows = new Array<number>(order.length).fill(0);
  const examples = order.map(() => [] as string[]);
  const firstRows = order.map(() => [] as number[]);
  // Titles repeat (a shop sells a few hundred products over thousands of orders): each distinct
  // text is matched once. The memo is bounded so a column of unique texts cannot exhaust memory.
  const memo = new Map<string, number>();
  const slotOfText = (text: string): number => {
    const known = memo.get(text);
    if (known !== undefined) return known;
    const lower = op.caseSensitive ? text : text.toLowerCase();
    let slot = otherSlot;
    for (let r = 0; r < tests.length; r++) {
      if (tests[r]!(text, lower)) {
        slot = ruleSlot[r]!;
        break;
      }
    }
    if (memo.size < MEMO_LIMIT) memo.set(text, slot);
    return slot;
  };
  for (let i = 0; i < n; i++) {
    if (i % TICK_EVERY === 0) await tick(ctx, i, n);
    const v: SqlCell = values[i]!;
    if (isBlank(v)) {
      codes[i] = -1;
      continue;
    }
    const text = String(v);
    const slot = slotOfText(text);
    codes[i] = slot;
    rows[slot]!++;
    if (examples[slot]!.length < EXAMPLES && !examples[slot]!.includes(text)) examples[slot]!.push(text);
    if (firstRows[slot]!.length < SAMPLE_LIMIT) firstRows[slot]!.push(i);
  }
  const plan = emptyPlan([col.key]);
  const position = rowPosition(data.rowIds);
  plan.newColumns.push({
    name: op.name ?? `${col.name}·类别`,
    type: 'text',
    valueOf: (rowId) => {
      const i = position(rowId);
      const code = i === undefined ? -1 : codes[i]!;
      return code < 0 ? null : order[code]!;
    },
  });
  plan.affectedRows = rows.reduce((a, b) => a + b, 0);
  // The preview shows every category: rows taken round-robin from each category in turn.
  const sample: number[] = [];
  for (let k = 0; sample.length < SAMPLE_LIMIT && firstRows.some((f) => f.length > k); k++) for (const f of firstRows) if (f[k] !== undefined && sample.length < SAMPLE_LIMIT) sample.push(f[k]!);
  plan.sampleRowIds = sample.map((i) => data.rowIds[i]!);
  plan.report.categories = order.map((category, i) => ({ category, rows: rows[i]!, examples: examples[i]! }));
  plan.report.figures = { matched: rows.slice(0, otherSlot).reduce((a, b) => a + b, 0), unmatched: rows[otherSlot]!, empty: n - rows.reduce((a, b) => a + b, 0) };
  return plan;
}
