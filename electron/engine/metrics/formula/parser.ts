import type { BinaryOp, FormulaNode } from './ast';
import { spanOf } from './ast';
import { formulaError } from './formula-error';
import { tokenize, type Token } from './tokenizer';

/** Nesting beyond this is refused: no real formula needs it, and it bounds recursion. */
export const MAX_DEPTH = 64;

const COMPARISON = new Set(['=', '<>', '<', '>', '<=', '>=']);

/**
 * Recursive-descent parser with Excel's precedence: comparison < & < + − < × ÷ < ^ < unary minus.
 */
export function parseFormula(src: string): FormulaNode {
  if (src.length > 10_000) throw formulaError(0, src.length, 'Formula is longer than 10,000 characters', '公式超过 10000 个字符');
  const tokens = tokenize(src);
  let i = 0;
  let depth = 0;
  const peek = (): Token => tokens[i]!;
  const next = (): Token => tokens[i++]!;
  const enter = (t: Token): void => {
    if (++depth > MAX_DEPTH) throw formulaError(t.pos, t.length, `Formula is nested more than ${MAX_DEPTH} levels deep`, `公式嵌套超过 ${MAX_DEPTH} 层`);
  };

  function binaryLevel(ops: Set<string>, sub: () => FormulaNode): FormulaNode {
    let left = sub();
    while (peek().kind === 'op' && ops.has(peek().text)) {
      const op = next().text as BinaryOp;
      const right = sub();
      left = { kind: 'binary', op, left, right, ...spanOf(left, right) };
    }
    return left;
  }

  const comparison = (): FormulaNode => binaryLevel(COMPARISON, concat);
  const concat = (): FormulaNode => binaryLevel(new Set(['&']), additive);
  const additive = (): FormulaNode => binaryLevel(new Set(['+', '-']), term);
  const term = (): FormulaNode => binaryLevel(new Set(['*', '/']), unary);

  function unary(): FormulaNode {
    const t = peek();
    if (t.kind === 'op' && (t.text === '-' || t.text === '+')) {
      next();
      enter(t);
      const arg = unary();
      depth--;
      return { kind: 'unary', op: t.text, arg, ...spanOf(t, arg) };
    }
    return power();
  }

  function power(): FormulaNode {
    const base = primary();
    if (peek().kind === 'op' && peek().text === '^') {
      enter(next());
      const exp = unary();
      depth--;
      return { kind: 'binary', op: '^', left: base, right: exp, ...spanOf(base, exp) };
    }
    return base;
  }

  function expect(kind: Token['kind'], en: string, zh: string): Token {
    const t = peek();
    if (t.kind !== kind) throw formulaError(t.pos, t.length, en, zh);
    return next();
  }

  function primary(): FormulaNode {
    const t = next();
    switch (t.kind) {
      case 'number': {
        const pct = t.text.endsWith('%');
        const value = Number(pct ? t.text.slice(0, -1) : t.text);
        return { kind: 'number', value: pct ? value / 100 : value, pos: t.pos, length: t.length };
      }
      case 'string':
        return { kind: 'string', value: t.text, pos: t.pos, length: t.length };
      case 'column':
        return { kind: 'column', name: t.text, pos: t.pos, length: t.length };
      case 'quoted': {
        const col = expect('column', `A dataset name must be followed by a [column]: '${t.text}'[列]`, `数据集名称后应紧跟 [列名]：'${t.text}'[列名]`);
        return { kind: 'foreign', dataset: t.text, name: col.text, ...spanOf(t, col) };
      }
      case 'lparen': {
        enter(t);
        const inner = comparison();
        const close = expect('rparen', 'Missing )', '缺少右括号 )');
        depth--;
        return { ...inner, ...spanOf(t, close) };
      }
      case 'ident': {
        if (peek().kind === 'lparen') {
          const open = next();
          enter(open);
          const args: FormulaNode[] = [];
          if (peek().kind !== 'rparen') {
            for (;;) {
              args.push(comparison());
              if (peek().kind === 'comma') {
                next();
                continue;
              }
              break;
            }
          }
          const close = expect('rparen', `Missing ) after the arguments of ${t.text}`, `${t.text} 的参数后缺少右括号 )`);
          depth--;
          return { kind: 'call', name: t.text.toUpperCase(), args, ...spanOf(t, close) };
        }
        // 数据集[列] written together (no space) is a column of another dataset, like Excel's Table[Column].
        const adjacent = peek();
        if (adjacent.kind === 'column' && adjacent.pos === t.pos + t.length) {
          next();
          return { kind: 'foreign', dataset: t.text, name: adjacent.text, ...spanOf(t, adjacent) };
        }
        const upper = t.text.toUpperCase();
        if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'boolean', value: upper === 'TRUE', pos: t.pos, length: t.length };
        return { kind: 'column', name: t.text, pos: t.pos, length: t.length };
      }
      case 'end':
        throw formulaError(t.pos, 1, 'The formula ends too early', '公式不完整');
      default:
        throw formulaError(t.pos, t.length, `Unexpected "${t.text}"`, `此处不应出现「${t.text}」`);
    }
  }

  const root = comparison();
  const rest = peek();
  if (rest.kind !== 'end') throw formulaError(rest.pos, rest.length, `Unexpected "${rest.text}" after the end of the formula`, `公式结尾多出了「${rest.text}」`);
  return root;
}
