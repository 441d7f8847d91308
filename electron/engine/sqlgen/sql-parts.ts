import type { Dialect } from './dialect';
import type { ColumnKind } from './model-types';

/** One named step of the statement (a CTE), with a comment saying what it does and why. */
export interface Cte {
  name: string;
  comment: string;
  body: string;
}

/** What a model module adds on top of the customer relation: its steps and the final SELECT. */
export interface ModelSql {
  ctes: Cte[];
  select: string;
  /** Output columns of the final SELECT, in order. */
  outputs: string[];
  /** Lines for the header: where a dialect cannot follow the app exactly, and other caveats. */
  notes: string[];
}

/**
 * The customer relation every model reads: a CTE with `customer_key` and one column per model
 * column (named as in the model, typed by kind), built from a customer table or from
 * transactions (the RFM relation).
 */
export interface CustomerRelation {
  ctes: Cte[];
  name: string;
  kindOf(column: string): ColumnKind;
  notes: string[];
}

export interface GenContext {
  d: Dialect;
  rel: CustomerRelation;
  /** A model column of the customer relation, quoted. */
  col(name: string): string;
}

export const KEY = 'customer_key';

/**
 * A model column read as a number, as the app's numeric models read it: numbers as they are,
 * dates as epoch milliseconds of their wall-clock time.
 */
export function numericInput(g: GenContext, column: string): string {
  const kind = g.rel.kindOf(column);
  return kind === 'date' ? g.d.epochMs(g.col(column)) : kind === 'text' ? g.d.double(g.col(column)) : g.col(column);
}

/** Indents every line of a block (CTE bodies, CASE branches). */
export function indent(text: string, spaces = 4): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((l) => (l === '' ? l : pad + l))
    .join('\n');
}

/** A comment safe inside `-- …`: one line, no control characters. */
export function commentText(text: string): string {
  return text.replace(/[\r\n\t\u0000-\u001f]+/g, ' ').trim();
}

/** CASE on an integer code: the literal labels, readable one per line. */
export function caseOf(d: Dialect, expr: string, labels: readonly string[], elseValue = 'NULL'): string {
  const lines = labels.map((l, i) => `    WHEN ${i} THEN ${d.string(l)}`);
  return `CASE ${expr}\n${lines.join('\n')}\n    ELSE ${elseValue}\n  END`;
}
