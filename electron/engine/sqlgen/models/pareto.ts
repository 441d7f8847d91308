import { numberLiteral } from '../dialect';
import type { ParetoModel } from '../model-types';
import { KEY, indent, type GenContext, type ModelSql } from '../sql-parts';

/**
 * Pareto value tiers (segment/pareto.ts). Customers ranked by value, largest first (missing or
 * negative = 0). A customer joins the first tier whose cumulative boundary had not been reached
 * before it, so the customer crossing 80% is still A; equal values share the tier of the first
 * of them, so the cumulative share "before" a value is the sum of all strictly larger values.
 * Boundaries carry the engine's 1e-12 tolerance.
 */
export function paretoSql(model: ParetoModel, g: GenContext): ModelSql {
  const { d, col } = g;
  const v = col(model.valueColumn);
  const bounds: number[] = [];
  model.shares.reduce((acc, s) => {
    bounds.push((acc + s) / 100);
    return acc + s;
  }, 0);
  const branches = model.labels
    .slice(0, -1)
    .map((label, i) => `    WHEN before_share < ${numberLiteral(bounds[i]! - 1e-12)} THEN ${d.string(label)}`)
    .join('\n');
  const tier = `CASE\n${branches}\n    ELSE ${d.string(model.labels[model.labels.length - 1]!)}\n  END`;
  return {
    ctes: [
      {
        name: 'valued',
        comment: `value per customer: ${model.valueColumn}, missing or negative counted as 0`,
        body: `SELECT ${KEY}, CASE WHEN ${v} IS NULL OR ${v} < 0 THEN 0 ELSE ${v} END AS value\nFROM ${g.rel.name}`,
      },
      {
        name: 'value_levels',
        comment: 'one row per distinct value with the sum of its customers',
        body: 'SELECT value, SUM(value) AS level_sum\nFROM valued\nGROUP BY value',
      },
      {
        name: 'cumulative',
        comment: 'share of the total held by customers with a strictly larger value',
        body: `SELECT\n    l.value,\n    CASE WHEN tot.total = 0 THEN 1 ELSE COALESCE(SUM(l.level_sum) OVER (ORDER BY l.value DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) / tot.total END AS before_share\nFROM value_levels l\nCROSS JOIN (SELECT SUM(value) AS total FROM valued) tot`,
      },
    ],
    select: `SELECT\n${indent([`v.${KEY}`, `${tier} AS segment`, 'v.value'].join(',\n'))}\nFROM valued v\nJOIN cumulative c ON c.value = v.value`,
    outputs: [KEY, 'segment', 'value'],
    notes: [`tiers ${model.labels.map((l, i) => `${l} ≤ ${model.shares.slice(0, i + 1).reduce((a, b) => a + b, 0)}%`).join(', ')} of the total`],
  };
}
