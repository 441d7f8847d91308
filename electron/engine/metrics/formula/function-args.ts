import type { FormulaType } from '../../../../shared/contract/metrics';
import type { FormulaNode } from './ast';
import { expectType, type Compiled } from './compile';
import { formulaError } from './formula-error';

export type CallNode = Extract<FormulaNode, { kind: 'call' }>;

/** Fails with the call's position unless it has between `min` and `max` arguments. */
export function arity(node: CallNode, min: number, max: number): void {
  const n = node.args.length;
  if (n >= min && n <= max) return;
  const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min}–${max}`;
  const wantZh = min === max ? `${min} 个` : max === Infinity ? `至少 ${min} 个` : `${min}–${max} 个`;
  throw formulaError(node.pos, node.length, `${node.name} takes ${want} argument(s), got ${n}`, `${node.name} 需要 ${wantZh}参数，实际 ${n} 个`);
}

/** Argument readers: the compiled argument checked for its type, returning null for empty. */
export function textArg(c: Compiled, node: FormulaNode, fn: string): (row: number) => string | null {
  expectType(c, node, ['text', 'number'], fn, fn);
  const f = c.fn;
  return (row) => {
    const v = f(row);
    return v === null ? null : String(v);
  };
}

export function numArg(c: Compiled, node: FormulaNode, fn: string, types: FormulaType[] = ['number']): (row: number) => number | null {
  expectType(c, node, types, fn, fn);
  const f = c.fn;
  return (row) => {
    const v = f(row);
    return typeof v === 'number' ? v : null;
  };
}

export function boolArg(c: Compiled, node: FormulaNode, fn: string): (row: number) => boolean | null {
  expectType(c, node, ['boolean'], fn, fn);
  const f = c.fn;
  return (row) => {
    const v = f(row);
    return typeof v === 'boolean' ? v : null;
  };
}
