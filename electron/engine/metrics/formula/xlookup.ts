import type { FormulaNode } from './ast';
import { unify, type ColumnBinding, type CompileEnv, type Compiled, type Value } from './compile';
import { formulaError } from './formula-error';
import { arity, type CallNode } from './function-args';

/** The key a value is matched by: its text, case-insensitive as in Excel (5 matches "5"). */
function keyOf(v: Value): string | null {
  if (v === null) return null;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return typeof v === 'number' ? String(v) : v.toLowerCase();
}

function range(node: FormulaNode, env: CompileEnv, what: string, whatZh: string): { binding: ColumnBinding; dataset: string | null } {
  if (node.kind === 'foreign') return { binding: env.lookupColumn(node.dataset, node.name, node), dataset: node.dataset };
  if (node.kind === 'column') return { binding: env.lookupColumn(null, node.name, node), dataset: null };
  throw formulaError(node.pos, node.length, `XLOOKUP's ${what} must be a column, e.g. [买家会员名] or RFM[买家会员名]`, `XLOOKUP 的${whatZh}应为一列，例如 [买家会员名] 或 RFM[买家会员名]`);
}

function literal(node: FormulaNode | undefined, allowed: number[], what: string, whatZh: string): number | null {
  if (node === undefined) return null;
  const v = node.kind === 'number' ? node.value : node.kind === 'unary' && node.op === '-' && node.arg.kind === 'number' ? -node.arg.value : NaN;
  if (!allowed.includes(v)) {
    throw formulaError(node.pos, node.length, `XLOOKUP ${what} must be ${allowed.join(' or ')}`, `XLOOKUP 的${whatZh}只能是 ${allowed.join(' 或 ')}`);
  }
  return v;
}

/**
 * XLOOKUP(lookup_value, lookup_range, return_range, [if_not_found], [match_mode], [search_mode])
 * as in Excel, where a range is a whole column — of this dataset ([列]) or of another one
 * (数据集[列], '数据集 名'[列]), read in full through the column reader. Exact matches only
 * (match_mode 0), case-insensitive, matched by text; search_mode 1 takes the first match,
 * -1 the last. Not found: if_not_found, else empty (counted).
 */
export function compileXlookup(node: CallNode, env: CompileEnv, compileArg: (n: FormulaNode) => Compiled): Compiled {
  arity(node, 3, 6);
  const a = node.args;
  const lookup = compileArg(a[0]!);
  const keys = range(a[1]!, env, 'lookup range', '查找范围');
  const values = range(a[2]!, env, 'return range', '返回范围');
  if (keys.dataset !== values.dataset) {
    throw formulaError(a[2]!.pos, a[2]!.length, 'XLOOKUP: the lookup and return ranges must come from the same dataset', 'XLOOKUP：查找范围与返回范围必须来自同一数据集');
  }
  const missing: Compiled = a[3] ? compileArg(a[3]) : { type: 'blank', fn: () => null };
  literal(a[4], [0], 'match_mode (only exact match, 0)', '匹配方式（仅支持精确匹配 0）');
  const last = literal(a[5], [1, -1], 'search_mode', '搜索方式') === -1;
  const type = unify(values.binding.type, missing.type, node);
  const map = new Map<string, Value>();
  const k = keys.binding.values;
  const r = values.binding.values;
  for (let i = 0; i < k.length; i++) {
    const key = keyOf(k[i] ?? null);
    if (key === null) continue;
    if (last || !map.has(key)) map.set(key, r[i] ?? null);
  }
  const stats = env.stats;
  const find = lookup.fn;
  const fallback = missing.fn;
  return {
    type,
    fn: (row) => {
      const key = keyOf(find(row));
      if (key !== null && map.has(key)) return map.get(key)!;
      stats.notFound++;
      return fallback(row);
    },
  };
}
