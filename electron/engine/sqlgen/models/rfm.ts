import { RFM_COLUMNS, type RfmModel } from '../model-types';
import { KEY, indent, type GenContext, type ModelSql } from '../sql-parts';
import { scoreExpr, scoringComment } from './scores';

/** The RFM definition itself: R, F, M and the other RFM columns per customer, with 1–5 scores and the code R×100+F×10+M. */
export function rfmSql(model: RfmModel, g: GenContext): ModelSql {
  const { d, col } = g;
  const cuts = model.scoring.cuts;
  const scoreLines = [
    `${scoreExpr(d, col(RFM_COLUMNS.r), true, cuts.r)} AS r_score`,
    `${scoreExpr(d, col(RFM_COLUMNS.f), false, cuts.f)} AS f_score`,
    `${scoreExpr(d, col(RFM_COLUMNS.m), false, cuts.m)} AS m_score`,
  ];
  const scored = `SELECT\n${indent([`${g.rel.name}.*`, ...scoreLines].join(',\n'))}\nFROM ${g.rel.name}`;
  const outputs = [KEY, 'recency_days', 'frequency', 'monetary', 'avg_order_value', 'first_purchase', 'last_purchase', 'tenure_days', 'r_score', 'f_score', 'm_score', 'rfm_code'];
  const select = [
    KEY,
    `${col(RFM_COLUMNS.r)} AS recency_days`,
    `${col(RFM_COLUMNS.f)} AS frequency`,
    `${col(RFM_COLUMNS.m)} AS monetary`,
    `${col(RFM_COLUMNS.aov)} AS avg_order_value`,
    `${col(RFM_COLUMNS.first)} AS first_purchase`,
    `${col(RFM_COLUMNS.last)} AS last_purchase`,
    `${col(RFM_COLUMNS.tenure)} AS tenure_days`,
    'r_score',
    'f_score',
    'm_score',
    'r_score * 100 + f_score * 10 + m_score AS rfm_code',
  ];
  return {
    ctes: [{ name: 'scored', comment: scoringComment(cuts), body: scored }],
    select: `SELECT\n${indent(select.join(',\n'))}\nFROM scored`,
    outputs,
    notes: [],
  };
}
