import type { ParamsOut } from '../../../shared/contract/index';
import type { SegmentRunResult } from '../../../shared/contract/segment';
import type { RuleScheme } from '../../../shared/contract/segment-schemes';
import { CellCache, compileAll, type RowTest } from './conditions';
import { findColumn, hasColumn, readNumbers } from './dataset-access';
import { persist, type SegmentOutcome } from './persist';
import { segmentInvalid } from './segment-error';
import { summarise, type Metric } from './summary';
import type { SegmentWork } from './work';

const NUMERIC_OPS = new Set(['gt', 'gte', 'lt', 'lte', 'between']);
const REVENUE_GUESSES = ['M', '金额', '销售额', '消费金额', '买家实际支付金额'];

export async function runRules(work: SegmentWork, p: ParamsOut<'segment.rules'>): Promise<SegmentRunResult> {
  const outcome = await computeRules(work, p.datasetId, p.scheme);
  return persist(work, { datasetId: outcome.datasetId, method: 'rules', name: p.name ?? p.scheme.name, preview: p.preview }, outcome);
}

/**
 * Ordered rules: each customer gets the segment of the first rule whose conditions all hold,
 * else the default segment, so every customer is in exactly one segment. The whole scheme is
 * validated before any row is labelled (SEGMENT_INVALID names the rule and condition).
 */
export async function computeRules(work: SegmentWork, datasetId: string, scheme: RuleScheme): Promise<SegmentOutcome & { datasetId: string }> {
  const ds = work.store.getDataset(datasetId);
  validateNames(scheme);
  const cache = new CellCache(work, ds);
  const tests: RowTest[] = scheme.rules.map((r, i) => compileAll(cache, r.when, { en: `Rule ${i + 1} (${r.segment})`, zh: `第 ${i + 1} 条规则（${r.segment}）` }));
  const n = ds.rowCount;
  const labels = new Array<string | null>(n);
  work.progress(0, n, 'rules', { name: scheme.name });
  for (let row = 0; row < n; row++) {
    const hit = tests.findIndex((t) => t(row));
    labels[row] = hit >= 0 ? scheme.rules[hit]!.segment.trim() : scheme.defaultSegment.trim();
    if (row % 20_000 === 19_999) {
      work.progress(row + 1, n, 'rules', { name: scheme.name });
      await work.checkpoint();
    }
  }
  work.progress(n, n, 'rules', { name: scheme.name });
  const actions: Record<string, string | null> = {};
  for (const r of scheme.rules) if (r.action !== undefined && actions[r.segment.trim()] === undefined) actions[r.segment.trim()] = r.action;
  if (scheme.defaultAction !== undefined) actions[scheme.defaultSegment.trim()] ??= scheme.defaultAction;
  const revenueName = scheme.revenueColumn ?? REVENUE_GUESSES.find((g) => hasColumn(ds, g));
  const revenueCol = revenueName === undefined ? null : findColumn(ds, revenueName);
  const metrics: Metric[] = [];
  const seen = new Set<string>();
  const addMetric = (name: string): void => {
    const col = findColumn(ds, name);
    if (seen.has(col.key)) return;
    seen.add(col.key);
    metrics.push({ name: col.name, values: readNumbers(work, ds.id, col.key) });
  };
  for (const r of scheme.rules) for (const c of r.when) if (NUMERIC_OPS.has(c.op)) addMetric(c.column);
  if (revenueCol) addMetric(revenueCol.key);
  const order = [...scheme.rules.map((r) => r.segment.trim()), scheme.defaultSegment.trim()].filter((s, i, all) => all.indexOf(s) === i);
  const revenue = revenueCol ? metrics.find((m) => m.name === revenueCol.name)!.values : null;
  const segments = summarise(labels, order, metrics, revenue, actions);
  return { datasetId: ds.id, labels, segments, definition: { scheme }, details: { rules: scheme.rules.length, revenueColumn: revenueCol?.name ?? null } };
}

function validateNames(scheme: RuleScheme): void {
  if (scheme.defaultSegment.trim() === '') throw segmentInvalid('The default segment needs a name', '必须填写默认细分的名称', { rule: 'default' });
  scheme.rules.forEach((r, i) => {
    if (r.segment.trim() === '') throw segmentInvalid(`Rule ${i + 1} has no segment name`, `第 ${i + 1} 条规则没有细分名称`, { rule: i + 1 });
    if (r.when.length === 0 && i < scheme.rules.length - 1) {
      throw segmentInvalid(
        `Rule ${i + 1} (${r.segment}) has no condition, so the rules after it can never match`,
        `第 ${i + 1} 条规则（${r.segment}）没有条件，之后的规则永远不会命中`,
        { rule: i + 1 },
      );
    }
  });
}
