import type { FormulaType } from '../../../../shared/contract/metrics';
import type { FormulaNode } from './ast';
import { formulaError } from './formula-error';
import { callFunction } from './functions';
import { compileXlookup } from './xlookup';

/** A value during evaluation; null is an empty cell. Dates are epoch ms (wall clock as UTC). */
export type Value = number | string | boolean | null;
export type RowFn = (row: number) => Value;

export interface Compiled {
  type: FormulaType;
  fn: RowFn;
}

/** What the compiler knows about a referenced column and how to read it. */
export interface ColumnBinding {
  type: Exclude<FormulaType, 'blank'>;
  values: Value[];
}

export interface CompileEnv {
  column(name: string, node: FormulaNode): ColumnBinding;
  /**
   * Every row of a column for a lookup range: of another dataset (by name), or of this dataset
   * (dataset null) in full, even when only a few rows are being previewed.
   */
  lookupColumn(dataset: string | null, name: string, node: FormulaNode): ColumnBinding;
  /** Counts divisions by zero and lookups that found nothing (their result is empty). */
  stats: { divideByZero: number; notFound: number };
  today: number;
}

const DAY_MS = 86_400_000;

export const TYPE_NAMES: Record<FormulaType, { en: string; zh: string }> = {
  number: { en: 'a number', zh: '数值' },
  text: { en: 'text', zh: '文本' },
  boolean: { en: 'TRUE/FALSE', zh: '逻辑值' },
  date: { en: 'a date', zh: '日期' },
  blank: { en: 'empty', zh: '空值' },
};

/** Fails with a position unless `c` has one of the `allowed` types (an empty literal fits all). */
export function expectType(c: Compiled, node: FormulaNode, allowed: FormulaType[], what: string, whatZh: string): void {
  if (c.type === 'blank' || allowed.includes(c.type)) return;
  const want = allowed.map((t) => TYPE_NAMES[t]);
  throw formulaError(
    node.pos,
    node.length,
    `${what} needs ${want.map((w) => w.en).join(' or ')}, not ${TYPE_NAMES[c.type].en}`,
    `${whatZh}需要${want.map((w) => w.zh).join('或')}，这里是${TYPE_NAMES[c.type].zh}`,
  );
}

/** The common type of two branches (IF, IFS, MIN/MAX): equal, or one side empty. */
export function unify(a: FormulaType, b: FormulaType, node: FormulaNode): FormulaType {
  if (a === b || b === 'blank') return a;
  if (a === 'blank') return b;
  throw formulaError(
    node.pos,
    node.length,
    `Results have different types: ${TYPE_NAMES[a].en} and ${TYPE_NAMES[b].en}`,
    `各分支结果类型不一致：${TYPE_NAMES[a].zh}与${TYPE_NAMES[b].zh}`,
  );
}

function arithmetic(node: Extract<FormulaNode, { kind: 'binary' }>, l: Compiled, r: Compiled, env: CompileEnv): Compiled {
  const op = node.op;
  const lf = l.fn;
  const rf = r.fn;
  if (op === '+' || op === '-') {
    expectType(l, node.left, ['number', 'date'], op === '+' ? 'Addition' : 'Subtraction', op === '+' ? '加法' : '减法');
    expectType(r, node.right, ['number', 'date'], op === '+' ? 'Addition' : 'Subtraction', op === '+' ? '加法' : '减法');
    if (l.type === 'date' && r.type === 'date') {
      if (op === '+') throw formulaError(node.pos, node.length, 'Two dates cannot be added', '两个日期不能相加');
      // date − date = days between them (fractional for times), as in Excel.
      return { type: 'number', fn: (row) => numOp(lf(row), rf(row), (a, b) => (a - b) / DAY_MS) };
    }
    if (r.type === 'date' && op === '-') throw formulaError(node.pos, node.length, 'A date cannot be subtracted from a number', '数值不能减去日期');
    const isDate = l.type === 'date' || r.type === 'date';
    const sign = op === '+' ? 1 : -1;
    if (isDate) {
      const dateLeft = l.type === 'date';
      return {
        type: 'date',
        fn: (row) => numOp(lf(row), rf(row), (a, b) => (dateLeft ? a + sign * b * DAY_MS : b + a * DAY_MS)),
      };
    }
    return { type: 'number', fn: (row) => numOp(lf(row), rf(row), (a, b) => a + sign * b) };
  }
  const names: Record<string, [string, string]> = { '*': ['Multiplication', '乘法'], '/': ['Division', '除法'], '^': ['Power', '乘方'] };
  const [en, zh] = names[op]!;
  expectType(l, node.left, ['number'], en, zh);
  expectType(r, node.right, ['number'], en, zh);
  if (op === '*') return { type: 'number', fn: (row) => numOp(lf(row), rf(row), (a, b) => a * b) };
  if (op === '^') return { type: 'number', fn: (row) => numOp(lf(row), rf(row), (a, b) => a ** b) };
  return {
    type: 'number',
    fn: (row) => {
      const a = lf(row);
      const b = rf(row);
      if (typeof a !== 'number' || typeof b !== 'number') return null;
      if (b === 0) {
        env.stats.divideByZero++;
        return null;
      }
      return a / b;
    },
  };
}

/** Applies a numeric operation; empty in → empty out; non-finite results are empty. */
export function numOp(a: Value, b: Value, f: (a: number, b: number) => number): Value {
  if (typeof a !== 'number' || typeof b !== 'number') return null;
  const v = f(a, b);
  return Number.isFinite(v) ? v : null;
}

function compare(node: Extract<FormulaNode, { kind: 'binary' }>, l: Compiled, r: Compiled): Compiled {
  const lt = l.type === 'blank' ? r.type : l.type;
  const rt = r.type === 'blank' ? l.type : r.type;
  if (lt !== rt) {
    throw formulaError(node.pos, node.length, `Cannot compare ${TYPE_NAMES[lt].en} with ${TYPE_NAMES[rt].en}`, `不能比较${TYPE_NAMES[lt].zh}和${TYPE_NAMES[rt].zh}`);
  }
  const lf = l.fn;
  const rf = r.fn;
  const test: Record<string, (c: number) => boolean> = {
    '=': (c) => c === 0,
    '<>': (c) => c !== 0,
    '<': (c) => c < 0,
    '>': (c) => c > 0,
    '<=': (c) => c <= 0,
    '>=': (c) => c >= 0,
  };
  const t = test[node.op]!;
  return {
    type: 'boolean',
    fn: (row) => {
      const a = lf(row);
      const b = rf(row);
      if (a === null || b === null) return null;
      if (typeof a === 'string' && typeof b === 'string') return t(a.localeCompare(b, 'zh-CN'));
      const x = Number(a);
      const y = Number(b);
      return t(x < y ? -1 : x > y ? 1 : 0);
    },
  };
}

/** Type-checks and compiles a formula tree into a per-row function (no eval, no SQL). */
export function compile(node: FormulaNode, env: CompileEnv): Compiled {
  switch (node.kind) {
    case 'number': {
      const v = node.value;
      return { type: 'number', fn: () => v };
    }
    case 'string': {
      const v = node.value;
      return v === '' ? { type: 'blank', fn: () => null } : { type: 'text', fn: () => v };
    }
    case 'boolean': {
      const v = node.value;
      return { type: 'boolean', fn: () => v };
    }
    case 'column': {
      const b = env.column(node.name, node);
      const values = b.values;
      return { type: b.type, fn: (row) => values[row] ?? null };
    }
    case 'foreign':
      throw formulaError(
        node.pos,
        node.length,
        `A column of another dataset (${node.dataset}[${node.name}]) can only be the lookup or return range of XLOOKUP`,
        `其他数据集的列（${node.dataset}[${node.name}]）只能用作 XLOOKUP 的查找范围或返回范围`,
      );
    case 'unary': {
      const a = compile(node.arg, env);
      expectType(a, node.arg, ['number'], 'A sign', '正负号');
      const f = a.fn;
      return node.op === '-' ? { type: 'number', fn: (row) => numOp(f(row), 0, (x) => -x) } : a;
    }
    case 'binary': {
      const l = compile(node.left, env);
      const r = compile(node.right, env);
      if (node.op === '&') {
        const lf = l.fn;
        const rf = r.fn;
        const lt = l.type;
        const rt = r.type;
        return { type: 'text', fn: (row) => toText(lf(row), lt) + toText(rf(row), rt) };
      }
      if (['=', '<>', '<', '>', '<=', '>='].includes(node.op)) return compare(node, l, r);
      return arithmetic(node, l, r, env);
    }
    case 'call':
      // XLOOKUP's ranges are whole columns (possibly of another dataset), not per-row values.
      if (node.name === 'XLOOKUP') return compileXlookup(node, env, (n) => compile(n, env));
      return callFunction(node, node.args.map((a) => compile(a, env)), env);
  }
}

/** Text form of a value for & and CONCAT (dates as yyyy-mm-dd, booleans as TRUE/FALSE). */
export function toText(v: Value, type?: FormulaType): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number' && type === 'date') return new Date(v).toISOString().slice(0, 10);
  return String(v);
}
