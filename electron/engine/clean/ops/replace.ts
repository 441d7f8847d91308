import type { CleanOperation } from '../../../../shared/contract/clean';
import { KequnError } from '../../../../shared/contract/errors';
import { emptyPlan, SAMPLE_LIMIT, type OpContext, type SqlCell, type StepPlan } from '../plan';
import { compileSafeRegex, replaceAll } from '../safe-regex';
import { columnOf, readColumns, tick, TICK_EVERY } from '../table-data';
import { coerceForColumn } from './coerce';

type ReplaceOp = Extract<CleanOperation, { op: 'replace' }>;

/** Even a linear-time pattern over a million long cells must end: past this, the step fails. */
const REGEX_BUDGET_MS = 30_000;

/** Builds the text → text function of a find & replace (null: cell unchanged). */
export function replacer(op: ReplaceOp): (s: string) => string | null {
  if (op.mode === 'exact') {
    const target = op.caseSensitive ? op.find : op.find.toLowerCase();
    return (s) => ((op.caseSensitive ? s : s.toLowerCase()) === target ? op.replace : null);
  }
  if (op.mode === 'contains') {
    if (op.caseSensitive) return (s) => (s.includes(op.find) ? s.split(op.find).join(op.replace) : null);
    const needle = op.find.toLowerCase();
    return (s) => {
      const lower = s.toLowerCase();
      // Lower-casing that changes the length (rare scripts) would shift positions: match exactly then.
      if (lower.length !== s.length) return s.includes(op.find) ? s.split(op.find).join(op.replace) : null;
      if (!lower.includes(needle)) return null;
      let out = '';
      let pos = 0;
      for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, pos)) {
        out += s.slice(pos, at) + op.replace;
        pos = at + needle.length;
      }
      return out + s.slice(pos);
    };
  }
  const re = compileSafeRegex(op.find);
  return (s) => replaceAll(re, s, op.replace);
}

/** Finds and replaces inside text cells (and whole numbers with `exact`) of the chosen columns. */
export async function planReplace(op: ReplaceOp, ctx: OpContext): Promise<StepPlan> {
  const cols = op.columns.map((r) => columnOf(ctx.columns, r));
  const keys = cols.map((c) => c.key);
  const fn = replacer(op);
  const data = readColumns(ctx, keys);
  const plan = emptyPlan(keys);
  const changed = new Set<number>();
  const n = data.rowIds.length;
  const started = Date.now();
  for (let j = 0; j < cols.length; j++) {
    const col = cols[j]!;
    const values = data.values[j]!;
    const cellFn = (v: SqlCell): SqlCell => {
      if (v === null) return v;
      const text = typeof v === 'string' ? v : op.mode === 'exact' ? String(v) : null;
      if (text === null) return v;
      const out = fn(text);
      return out === null ? v : coerceForColumn(col.type, out);
    };
    const results = new Map<number, SqlCell>();
    for (let i = 0; i < n; i++) {
      if (i % 10_000 === 0 && Date.now() - started > REGEX_BUDGET_MS) {
        throw new KequnError('CLEAN_FAILED', 'Find & replace took longer than 30 s; narrow the pattern or the columns', {
          zh: '查找替换超过 30 秒，请缩小匹配范围或列',
        });
      }
      if (i % TICK_EVERY === 0) await tick(ctx, i, n);
      const v = values[i]!;
      const out = cellFn(v);
      if (out !== v) {
        changed.add(i);
        results.set(data.rowIds[i]!, out);
      }
    }
    // Apply reuses the computed results, so a pattern runs once per cell.
    plan.rewrites.set(col.key, (v, rowId) => (results.has(rowId) ? results.get(rowId)! : v));
  }
  plan.affectedRows = changed.size;
  plan.sampleRowIds = [...changed].sort((a, b) => a - b).slice(0, SAMPLE_LIMIT).map((i) => data.rowIds[i]!);
  return plan;
}
