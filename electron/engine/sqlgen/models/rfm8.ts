import { numberLiteral } from '../dialect';
import type { Rfm8Model } from '../model-types';
import { KEY, caseOf, indent, type GenContext, type ModelSql } from '../sql-parts';
import { scoreExpr, scoringComment } from './scores';

/**
 * The eight RFM segments (segment/rfm8.ts). Thresholds are the mean or median over customers
 * with all three values, compared strictly (R 高 when days < t, F/M 高 when value > t, so a
 * customer exactly at the median is 低), or a score threshold (高 when score ≥ it). The median
 * is exact (the mean of the two middle values for an even count), computed with ROW_NUMBER so
 * that no dialect's approximate percentile is involved. Customers missing R, F or M get NULL.
 */
export function rfm8Sql(model: Rfm8Model, g: GenContext): ModelSql {
  const { d, col } = g;
  const r = col(model.columns.r);
  const f = col(model.columns.f);
  const m = col(model.columns.m);
  const cuts = model.scoring.cuts;
  const ctes: ModelSql['ctes'] = [
    {
      name: 'scored',
      comment: scoringComment(cuts),
      body: `SELECT\n${indent(
        [
          KEY,
          `${r} AS r_value`,
          `${f} AS f_value`,
          `${m} AS m_value`,
          `${scoreExpr(d, r, true, cuts.r)} AS r_score`,
          `${scoreExpr(d, f, false, cuts.f)} AS f_score`,
          `${scoreExpr(d, m, false, cuts.m)} AS m_score`,
        ].join(',\n'),
      )}\nFROM ${g.rel.name}`,
    },
  ];
  let high: { r: string; f: string; m: string };
  if (model.threshold === 'score') {
    const t = String(model.scoreThreshold);
    high = { r: `r_score >= ${t}`, f: `f_score >= ${t}`, m: `m_score >= ${t}` };
  } else {
    if (model.threshold === 'mean') {
      ctes.push({
        name: 'thresholds',
        comment: 'thresholds: the mean of each dimension over customers with R, F and M',
        body: `SELECT AVG(r_value) AS t_r, AVG(f_value) AS t_f, AVG(m_value) AS t_m\nFROM scored\nWHERE r_value IS NOT NULL AND f_value IS NOT NULL AND m_value IS NOT NULL`,
      });
    } else {
      for (const dim of ['r', 'f', 'm'] as const) {
        ctes.push({
          name: `median_${dim}`,
          comment: `exact median of ${dim.toUpperCase()} over customers with R, F and M (middle value, or the mean of the two middle values)`,
          body: `SELECT AVG(v) AS t\nFROM (\n    SELECT ${dim}_value AS v, ${d.windowFn('ROW_NUMBER')}() OVER (ORDER BY ${dim}_value) AS rn, COUNT(*) OVER () AS cnt\n    FROM scored\n    WHERE r_value IS NOT NULL AND f_value IS NOT NULL AND m_value IS NOT NULL\n) ordered_${dim}\nWHERE rn = ${d.intDiv('cnt + 1', '2')} OR rn = ${d.intDiv('cnt + 2', '2')}`,
        });
      }
      ctes.push({
        name: 'thresholds',
        comment: 'thresholds: the median of each dimension',
        body: 'SELECT median_r.t AS t_r, median_f.t AS t_f, median_m.t AS t_m\nFROM median_r\nCROSS JOIN median_f\nCROSS JOIN median_m',
      });
    }
    high = { r: 's.r_value < t.t_r', f: 's.f_value > t.t_f', m: 's.m_value > t.t_m' };
  }
  const bits = `(CASE WHEN ${high.r} THEN 4 ELSE 0 END + CASE WHEN ${high.f} THEN 2 ELSE 0 END + CASE WHEN ${high.m} THEN 1 ELSE 0 END)`;
  const from = model.threshold === 'score' ? 'scored s' : 'scored s\nCROSS JOIN thresholds t';
  ctes.push({
    name: 'labelled',
    comment: 'cell = R高·4 + F高·2 + M高·1; customers missing R, F or M stay without a segment',
    body: `SELECT\n${indent(
      [
        `s.${KEY}`,
        's.r_score',
        's.f_score',
        's.m_score',
        `CASE WHEN s.r_value IS NULL OR s.f_value IS NULL OR s.m_value IS NULL THEN NULL ELSE ${bits} END AS cell`,
      ].join(',\n'),
    )}\nFROM ${from}`,
  });
  const select = [KEY, `${caseOf(d, 'cell', model.names)} AS segment`, 'r_score', 'f_score', 'm_score', 'r_score * 100 + f_score * 10 + m_score AS rfm_code'];
  return {
    ctes,
    select: `SELECT\n${indent(select.join(',\n'))}\nFROM labelled`,
    outputs: [KEY, 'segment', 'r_score', 'f_score', 'm_score', 'rfm_code'],
    notes: model.threshold === 'score' ? [`高 = score ≥ ${numberLiteral(model.scoreThreshold)}`] : [`高/低 against the ${model.threshold}, strictly: R 高 when days < threshold, F/M 高 when value > threshold`],
  };
}
