/** The parsed formula. Every node keeps its source span for error messages. */
interface Span {
  pos: number;
  length: number;
}

export type FormulaNode =
  | ({ kind: 'number'; value: number } & Span)
  | ({ kind: 'string'; value: string } & Span)
  | ({ kind: 'boolean'; value: boolean } & Span)
  | ({ kind: 'column'; name: string } & Span)
  /** A column of another dataset, written 数据集[列] or '数据集 名'[列] (only inside XLOOKUP). */
  | ({ kind: 'foreign'; dataset: string; name: string } & Span)
  | ({ kind: 'unary'; op: '-' | '+' | '%'; arg: FormulaNode } & Span)
  | ({ kind: 'binary'; op: BinaryOp; left: FormulaNode; right: FormulaNode } & Span)
  | ({ kind: 'call'; name: string; args: FormulaNode[] } & Span);

export type BinaryOp = '+' | '-' | '*' | '/' | '^' | '&' | '=' | '<>' | '<' | '>' | '<=' | '>=';

export function spanOf(a: { pos: number }, b: { pos: number; length: number }): Span {
  return { pos: a.pos, length: b.pos + b.length - a.pos };
}
