import { numberLiteral } from '../dialect';
import type { TreeBound, TreeSqlModel } from '../model-types';
import { KEY, commentText, indent, type GenContext, type ModelSql } from '../sql-parts';

/** Epoch ms → 'yyyy-mm-dd hh:mm:ss[.sss]' (wall-clock), the text of a timestamp literal. */
function msText(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? iso.slice(0, 19).replace('T', ' ') : iso.slice(0, 23).replace('T', ' ');
}

/**
 * One test of a path rule as SQL, with the tree's routing (models/cart.ts `nodeFor`):
 * - numbers: `x ≤ t` goes left; a date compares as its epoch milliseconds, so against a
 *   timestamp literal at ⌊t⌋ ms (x ≤ t ⇔ x ≤ ⌊t⌋ for whole milliseconds);
 * - text: the left subset as an IN list, exact text; the right side is "present and not in the
 *   left levels", so a value never seen in training goes right, as in the engine;
 * - a missing value (NULL, or '' in a text column) stops the row at the node that tests it.
 */
function boundSql(g: GenContext, model: TreeSqlModel, b: TreeBound): string {
  const { d } = g;
  const info = model.columns.find((c) => c.name === b.column);
  const x = g.col(b.column);
  const kind = g.rel.kindOf(b.column);
  const missingText = `(${x} IS NULL OR ${d.text(x)} = '')`;
  if (b.kind === 'missing') return info?.kind === 'category' ? missingText : `${x} IS NULL`;
  if (b.kind === 'in') return `${x} IN (${b.levels.map((l) => d.string(l)).join(', ')})`;
  if (b.kind === 'notIn') {
    const present = `NOT ${missingText}`;
    return b.levels.length === 0 ? present : `${present} AND ${x} NOT IN (${b.levels.map((l) => d.string(l)).join(', ')})`;
  }
  const date = kind === 'date';
  const value = date ? d.comparable(x) : kind === 'text' ? d.double(x) : x;
  const literal = (t: number): string => (date ? d.comparable(d.timestampLiteral(msText(Math.floor(t)))) : numberLiteral(t));
  const parts: string[] = [];
  if (b.lower !== null) parts.push(`${value} > ${literal(b.lower)}`);
  if (b.upper !== null) parts.push(`${value} <= ${literal(b.upper)}`);
  // A column tested on the path always has a bound; both sides open cannot happen, but stay total.
  return parts.length === 0 ? `${value} IS NOT NULL` : parts.join(' AND ');
}

/**
 * A decision tree as CASE expressions: one WHEN per path rule (a leaf, or an internal node
 * where a missing value stops the row), each commented with its rule in words, the node's
 * segment and its training purity. The rules are mutually exclusive and cover every row, so
 * their order does not matter; the segment and purity are looked up by node number.
 */
export function treeSql(model: TreeSqlModel, g: GenContext): ModelSql {
  const { d } = g;
  const branches = model.rules.map((r) => {
    const when = r.when.length === 0 ? '1 = 1' : r.when.map((b) => boundSql(g, model, b)).join('\n          AND ');
    const comment = commentText(`node ${r.node}: ${r.text} → ${r.segment} (${(r.purity * 100).toFixed(1)}% of ${r.n} training rows)`);
    return `    -- ${comment}\n    WHEN ${when}\n      THEN ${r.node}`;
  });
  const node = `CASE\n${branches.join('\n')}\n  END`;
  const byNode = (value: (r: TreeSqlModel['rules'][number]) => string): string =>
    `CASE tree_node\n${model.rules.map((r) => `    WHEN ${r.node} THEN ${value(r)}`).join('\n')}\n  END`;
  return {
    ctes: [
      {
        name: 'tree_leaf',
        comment: `the node each customer reaches: ${model.rules.length} rules (leaves, and nodes where a missing value stops the row)`,
        body: `SELECT\n${indent([KEY, `${node} AS tree_node`].join(',\n'))}\nFROM ${g.rel.name}`,
      },
    ],
    select: `SELECT\n${indent([KEY, `${byNode((r) => d.string(r.segment))} AS segment`, 'tree_node', `${byNode((r) => numberLiteral(Math.round(r.purity * 1e4) / 1e4))} AS leaf_purity`].join(',\n'))}\nFROM tree_leaf`,
    outputs: [KEY, 'segment', 'tree_node', 'leaf_purity'],
    notes: [
      'x ≤ threshold goes left; text splits are IN lists of exact values, and a value never seen in training goes right',
      'a missing value (NULL, or an empty text) stops the customer at the node that tests it, which gives that node’s majority segment',
      'leaf_purity: the share of the node’s training rows in its segment (4 decimals)',
    ],
  };
}
