import { numberLiteral } from '../dialect';
import type { LifecycleModel } from '../model-types';
import { tableRef } from '../source';
import { KEY, indent, type Cte, type GenContext, type ModelSql } from '../sql-parts';

const DAY_MS = 86_400_000;

function shiftDay(ymd: string, days: number): string {
  return new Date(Date.parse(`${ymd}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Lifecycle stages (segment/lifecycle.ts), first match wins:
 * 潜在 F missing or ≤ 0 → (no R: none) → 流失 R > churnDays → 新 tenure ≤ newDays → (no tenure:
 * none) → 衰退 R > decliningDays or recent ÷ previous spend < declineRatio (previous > 0) → 成熟.
 * The spend trend comes from two columns, or from transactions summed over (D − 2p, D − p] and
 * (D − p, D] by timestamp, D = the analysis date (default: the day after the last transaction).
 * Tenure comes from a column, or from the first purchase: floor((D − first) / 1 day), D = the
 * model's date, else the trend's date, else the day after the latest last (or first) purchase.
 */
export function lifecycleSql(model: LifecycleModel, g: GenContext): ModelSql {
  const { d, col } = g;
  const ctes: Cte[] = [];
  let from = `${g.rel.name} c`;
  let previous: string | null = null;
  let recent: string | null = null;
  let asOfDay: string | null = model.asOf === null ? null : d.dayLiteral(model.asOf);
  const trend = model.trend;
  if (trend?.kind === 'columns') {
    previous = `c.${col(trend.previous)}`;
    recent = `c.${col(trend.recent)}`;
  } else if (trend?.kind === 'transactions') {
    const ts = `src.${d.ident(trend.date)}`;
    const p = trend.periodDays;
    let bounds: { lo: string; mid: string; hi: string };
    if (model.asOf !== null) {
      const lit = (ymd: string): string => d.comparable(d.timestampLiteral(`${ymd} 00:00:00`));
      bounds = { lo: lit(shiftDay(model.asOf, -2 * p)), mid: lit(shiftDay(model.asOf, -p)), hi: lit(model.asOf) };
    } else {
      ctes.push({
        name: 'trend_as_of',
        comment: 'analysis date of the spend trend: the day after the last transaction',
        body: `SELECT ${d.addDays(`MAX(${d.dayOf(ts)})`, 1)} AS as_of_day\nFROM ${tableRef(d, trend.table)} src\nWHERE ${ts} IS NOT NULL`,
      });
      from += '\nCROSS JOIN trend_as_of w';
      asOfDay = 'w.as_of_day';
      bounds = { lo: d.comparable(d.addDays('w.as_of_day', -2 * p)), mid: d.comparable(d.addDays('w.as_of_day', -p)), hi: d.comparable('w.as_of_day') };
    }
    const t = d.comparable('t.ts');
    ctes.push({
      name: 'trend_tx',
      comment: 'transactions for the spend trend: trimmed customer, timestamp, amount',
      body: `SELECT ${d.nullIf(d.trim(d.text(`src.${d.ident(trend.customer)}`)), "''")} AS trend_key, ${ts} AS ts, ${d.double(`src.${d.ident(trend.amount)}`)} AS amount\nFROM ${tableRef(d, trend.table)} src`,
    });
    ctes.push({
      name: 'trend',
      comment: `spend in the previous and the recent ${p} days per customer`,
      body: `SELECT\n${indent(
        [
          't.trend_key',
          `SUM(CASE WHEN ${t} > ${bounds.mid} AND ${t} <= ${bounds.hi} THEN t.amount ELSE 0 END) AS recent_spend`,
          `SUM(CASE WHEN ${t} > ${bounds.lo} AND ${t} <= ${bounds.mid} THEN t.amount ELSE 0 END) AS previous_spend`,
        ].join(',\n'),
      )}\nFROM trend_tx t${model.asOf === null ? '\nCROSS JOIN trend_as_of w' : ''}\nWHERE t.trend_key IS NOT NULL AND t.ts IS NOT NULL AND t.amount IS NOT NULL${trend.excludeReturns ? ' AND t.amount >= 0' : ''}\nGROUP BY t.trend_key`,
    });
    const key = trend.keyColumn === null ? `c.${KEY}` : `c.${col(trend.keyColumn)}`;
    from += `\nLEFT JOIN trend tr ON tr.trend_key = ${d.trim(d.text(key))}`;
    previous = 'COALESCE(tr.previous_spend, 0)';
    recent = 'COALESCE(tr.recent_spend, 0)';
  }
  let tenure: string;
  if (model.tenure.kind === 'column') tenure = `c.${col(model.tenure.column)}`;
  else {
    if (asOfDay === null) {
      const latest = model.tenure.lastPurchaseColumn ?? model.tenure.column;
      ctes.push({
        name: 'lifecycle_as_of',
        comment: `analysis date: the day after the latest ${latest}`,
        body: `SELECT ${d.addDays(`MAX(${d.dayOf(col(latest))})`, 1)} AS as_of_day\nFROM ${g.rel.name}`,
      });
      from += '\nCROSS JOIN lifecycle_as_of a';
      asOfDay = 'a.as_of_day';
    }
    tenure = d.floorDaysUntil(`c.${col(model.tenure.column)}`, asOfDay);
  }
  ctes.push({
    name: 'staged',
    comment: 'inputs per customer: R, F, tenure in days and the spend trend',
    body: `SELECT\n${indent(
      [
        `c.${KEY}`,
        `c.${col(model.recency)} AS r_days`,
        `c.${col(model.frequency)} AS f_count`,
        `${tenure} AS tenure_days`,
        ...(previous !== null && recent !== null ? [`${previous} AS previous_spend`, `${recent} AS recent_spend`] : []),
      ].join(',\n'),
    )}\nFROM ${from}`,
  });
  const [potential, fresh, mature, declining, churned] = model.stages.map((s) => d.string(s));
  const decline = previous === null ? '' : ` OR (previous_spend > 0 AND recent_spend / previous_spend < ${numberLiteral(model.declineRatio)})`;
  const stage = [
    'CASE',
    `    WHEN f_count IS NULL OR f_count <= 0 THEN ${potential}`,
    '    WHEN r_days IS NULL THEN NULL',
    `    WHEN r_days > ${numberLiteral(model.churnDays)} THEN ${churned}`,
    `    WHEN tenure_days IS NOT NULL AND tenure_days <= ${numberLiteral(model.newDays)} THEN ${fresh}`,
    '    WHEN tenure_days IS NULL THEN NULL',
    `    WHEN r_days > ${numberLiteral(model.decliningDays)}${decline} THEN ${declining}`,
    `    ELSE ${mature}`,
    '  END',
  ].join('\n');
  return {
    ctes,
    select: `SELECT\n${indent([KEY, `${stage} AS segment`, 'r_days', 'f_count', 'tenure_days'].join(',\n'))}\nFROM staged`,
    outputs: [KEY, 'segment', 'r_days', 'f_count', 'tenure_days'],
    notes: [`stages: ${model.stages.join(' / ')}; 流失 R > ${model.churnDays}, 新 tenure ≤ ${model.newDays}, 衰退 R > ${model.decliningDays}${previous === null ? '' : ` or spend ratio < ${model.declineRatio}`}`],
  };
}
