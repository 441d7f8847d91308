import { KequnError } from '../../../shared/contract/errors';
import { DIALECTS, type Dialect, type DialectId } from './dialect';
import type { ModelSource, SqlModel, SqlModelKind, SqlRequest } from './model-types';
import { factorSql } from './models/factor';
import { kmeansSql } from './models/kmeans';
import { kprotoSql } from './models/kprototypes';
import { lifecycleSql } from './models/lifecycle';
import { paretoSql } from './models/pareto';
import { rfmSql } from './models/rfm';
import { rfm8Sql } from './models/rfm8';
import { rulesSql, tagsSql } from './models/rules';
import { treeSql } from './models/tree';
import { customerTable, transactionsRfm } from './source';
import { commentText, indent, type CustomerRelation, type GenContext, type ModelSql } from './sql-parts';

/** One module per model type: adding a type is one entry here plus its module in models/. */
const MODULES: { [K in SqlModelKind]: (model: Extract<SqlModel, { kind: K }>, g: GenContext) => ModelSql } = {
  rfm: rfmSql,
  rfm8: rfm8Sql,
  pareto: paretoSql,
  lifecycle: lifecycleSql,
  rules: rulesSql,
  tags: tagsSql,
  kmeans: kmeansSql,
  kprototypes: kprotoSql,
  tree: treeSql,
  factor: factorSql,
};

export interface GeneratedSql {
  dialect: DialectId;
  sql: string;
  /** Output columns of the statement, in order. */
  outputs: string[];
  notes: string[];
}

function relationOf(d: Dialect, source: ModelSource): CustomerRelation {
  return source.kind === 'transactions' ? transactionsRfm(d, source) : customerTable(d, source);
}

function sourceLines(source: ModelSource): string[] {
  if (source.kind === 'transactions') {
    return [
      `source: transactions ${source.table} (customer ${source.customer}, date ${source.date}, amount ${source.amount}${source.order ? `, order ${source.order}` : ''})`,
      `analysis date: ${source.asOf ?? 'the day after the last purchase in the table'}; returns: ${source.returns === 'net' ? 'net (subtracted from M)' : 'excluded'}`,
    ];
  }
  const mapped = Object.entries(source.columns)
    .filter(([name, ref]) => name !== ref.column)
    .map(([name, ref]) => `${name} ← ${ref.column}`);
  return [`source: customer table ${source.table}, key ${source.key}${mapped.length ? `; columns ${mapped.join(', ')}` : ''}`];
}

/** The whole statement for one model: a header comment, CTEs, one final SELECT. */
export function generateSql(req: SqlRequest, dialect: DialectId): GeneratedSql {
  const d = DIALECTS[dialect];
  if (req.model.kind === 'rfm' && req.source.kind !== 'transactions') {
    throw new KequnError('VALIDATION', 'An RFM definition is computed from transactions', { zh: 'RFM 定义需要从交易数据计算', details: { model: 'rfm' } });
  }
  const rel = relationOf(d, req.source);
  const g: GenContext = { d, rel, col: (name) => d.ident(name) };
  const module = MODULES[req.model.kind] as (model: SqlModel, g: GenContext) => ModelSql;
  const part = module(req.model, g);
  const notes = [...rel.notes, ...part.notes, ...d.notes];
  const header = [
    `Kequn 客群 — ${req.header.title}`,
    ...(req.header.savedAt ? [`saved: ${req.header.savedAt}`] : []),
    ...req.header.parameters.map((p) => `parameter: ${p}`),
    ...sourceLines(req.source),
    `dialect: ${d.label}`,
    `output: one row per ${req.model.kind === 'tags' ? 'customer and tag' : 'customer'}: ${part.outputs.join(', ')}`,
    ...notes.map((n) => `note: ${n}`),
  ].map((l) => `-- ${commentText(l)}`);
  const all = [...rel.ctes, ...part.ctes];
  const tables = [req.source.table, ...(req.model.kind === 'lifecycle' && req.model.trend?.kind === 'transactions' ? [req.model.trend.table] : [])];
  const clash = all.find((c) => tables.some((t) => t.toLowerCase() === c.name));
  if (clash) {
    throw new KequnError('VALIDATION', `The source table may not be named ${clash.name}: the statement uses that name for a step`, {
      zh: `源表不能命名为 ${clash.name}：生成的 SQL 用这个名字作中间步骤`,
      details: { table: clash.name },
    });
  }
  const ctes = all.map((c) => `-- ${commentText(c.comment)}\n${c.name} AS (\n${indent(c.body)}\n)`);
  const body = ctes.length === 0 ? part.select : `WITH\n${ctes.join(',\n')}\n${part.select}`;
  const sql = `${header.join('\n')}\n${body}${d.trailer ? `\n${d.trailer}` : ''};\n`;
  return { dialect, sql, outputs: part.outputs, notes };
}
