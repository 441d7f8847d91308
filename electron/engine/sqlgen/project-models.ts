import type { ModelRecord } from '../cluster/model-record';
import type { ColumnInfo, DatasetInfo } from '../../../shared/contract/datasets';
import { KequnError } from '../../../shared/contract/errors';
import type { JsonValue } from '../../../shared/contract/json';
import type { LifecycleDefinition, ParetoDefinition, Rfm8Definition } from '../../../shared/contract/segment';
import type { RuleCondition, RuleScheme, TagSet } from '../../../shared/contract/segment-schemes';
import type { SegmentationInfo } from '../../../shared/contract/segmentations';
import { LIFECYCLE_STAGES } from '../segment/lifecycle';
import { RFM8_SEGMENTS, rfmCellOf } from '../segment/rfm8-segments';
import type { ColumnKind, LifecycleTrend, SqlModel, TagRuleModel } from './model-types';

/**
 * Saved records (segmentation definitions, k-means models, tag sets) → the generator's typed
 * models. Column references are resolved to display names, and segment labels to their current
 * names (a rename after saving changes the summary and the label column, so the SQL must too).
 */
export function kindOfColumn(c: ColumnInfo): ColumnKind {
  if (c.type === 'date' || c.type === 'datetime') return 'date';
  if (c.type === 'text' || c.type === 'boolean') return 'text';
  return 'number';
}

export function findByName(ds: DatasetInfo, keyOrName: string): ColumnInfo {
  const col = ds.columns.find((c) => c.key === keyOrName) ?? ds.columns.find((c) => c.name === keyOrName) ?? ds.columns.find((c) => c.name.trim() === keyOrName.trim());
  if (!col) {
    throw new KequnError('COLUMN_NOT_FOUND', `Column not found in ${ds.name}: ${keyOrName}`, {
      zh: `数据集“${ds.name}”中没有列“${keyOrName}”`,
      details: { column: keyOrName, available: ds.columns.map((c) => c.name) },
    });
  }
  return col;
}

function hasColumn(ds: DatasetInfo, keyOrName: string): boolean {
  return ds.columns.some((c) => c.key === keyOrName || c.name === keyOrName || c.name.trim() === keyOrName.trim());
}

/** A model and the dataset columns it reads (by display name), plus header parameters. */
export interface BuiltModel {
  model: SqlModel;
  columns: string[];
  parameters: string[];
  /** Set for lifecycle trends read from another dataset. */
  trendDatasetId: string | null;
}

type Obj = { [key: string]: JsonValue };
const asObj = (v: JsonValue | undefined): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {});

/** Current segment names in the order the builder listed them (summaries keep that order). */
function currentNames(seg: SegmentationInfo, original: readonly string[]): string[] {
  return original.map((n, i) => seg.segments[i]?.name ?? n);
}

function normaliseConditions(ds: DatasetInfo, when: readonly RuleCondition[]): RuleCondition[] {
  return when.map((c) => ({ ...c, column: findByName(ds, c.column).name }));
}

export function rfm8Model(ds: DatasetInfo, seg: SegmentationInfo, def: Rfm8Definition & { roles?: { recency: string; frequency: string; monetary: string } }): BuiltModel {
  const columns = {
    r: findByName(ds, def.roles?.recency ?? def.columns.r).name,
    f: findByName(ds, def.roles?.frequency ?? def.columns.f).name,
    m: findByName(ds, def.roles?.monetary ?? def.columns.m).name,
  };
  const current = currentNames(
    seg,
    RFM8_SEGMENTS.map((c) => def.names?.[c.name] ?? c.name),
  );
  const names = [0, 1, 2, 3, 4, 5, 6, 7].map((bits) => current[RFM8_SEGMENTS.indexOf(rfmCellOf(bits >= 4, (bits & 2) === 2, (bits & 1) === 1))]!);
  const cuts = { r: def.cuts?.r ?? null, f: def.cuts?.f ?? null, m: def.cuts?.m ?? null };
  return {
    model: { kind: 'rfm8', columns, threshold: def.threshold, scoreThreshold: def.scoreThreshold ?? 3, scoring: { cuts }, names },
    columns: [columns.r, columns.f, columns.m],
    parameters: [
      `R = ${columns.r}, F = ${columns.f}, M = ${columns.m}`,
      `threshold: ${def.threshold}${def.threshold === 'score' ? ` (score ≥ ${def.scoreThreshold})` : ''}`,
      ...(['r', 'f', 'm'] as const).filter((k) => cuts[k]).map((k) => `${k.toUpperCase()} cut points: ${cuts[k]!.join(', ')}`),
    ],
    trendDatasetId: null,
  };
}

export function paretoModel(ds: DatasetInfo, seg: SegmentationInfo, def: ParetoDefinition): BuiltModel {
  const value = findByName(ds, def.valueColumn).name;
  return {
    model: { kind: 'pareto', valueColumn: value, shares: def.shares, labels: currentNames(seg, def.labels) },
    columns: [value],
    parameters: [`value: ${value}`, `shares: ${def.shares.join(' / ')} %`, `tiers: ${def.labels.join(' / ')}`],
    trendDatasetId: null,
  };
}

export function lifecycleModel(ds: DatasetInfo, seg: SegmentationInfo, def: LifecycleDefinition, trendDataset: DatasetInfo | null): BuiltModel {
  const recency = findByName(ds, def.recencyColumn).name;
  const frequency = findByName(ds, def.frequencyColumn).name;
  const columns = [recency, frequency];
  let tenure: Extract<SqlModel, { kind: 'lifecycle' }>['tenure'];
  if (hasColumn(ds, def.tenureColumn)) {
    tenure = { kind: 'column', column: findByName(ds, def.tenureColumn).name };
    columns.push(tenure.column);
  } else {
    const last = hasColumn(ds, '末次购买') ? findByName(ds, '末次购买').name : null;
    tenure = { kind: 'firstPurchase', column: findByName(ds, def.firstPurchaseColumn).name, lastPurchaseColumn: last };
    columns.push(tenure.column, ...(last ? [last] : []));
  }
  let trend: LifecycleTrend | null = null;
  const t = def.trend;
  if (t && 'previousColumn' in t) {
    trend = { kind: 'columns', previous: findByName(ds, t.previousColumn).name, recent: findByName(ds, t.recentColumn).name };
    columns.push(trend.previous, trend.recent);
  } else if (t && trendDataset) {
    const key = findByName(ds, t.keyColumn).name;
    trend = {
      kind: 'transactions',
      table: trendDataset.name,
      customer: findByName(trendDataset, t.customerColumn).name,
      date: findByName(trendDataset, t.dateColumn).name,
      amount: findByName(trendDataset, t.amountColumn).name,
      periodDays: t.periodDays,
      keyColumn: key,
      ...(t.returns === 'exclude' ? { excludeReturns: true } : {}),
    };
    columns.push(key);
  }
  const stages = currentNames(
    seg,
    LIFECYCLE_STAGES.map((s) => s.name),
  ) as [string, string, string, string, string];
  // Stages are listed 潜在, 新, 成熟, 衰退, 流失 in LIFECYCLE_STAGES, the order the model expects.
  return {
    model: {
      kind: 'lifecycle',
      recency,
      frequency,
      tenure,
      asOf: def.asOf ?? null,
      newDays: def.newDays,
      decliningDays: def.decliningDays,
      churnDays: def.churnDays,
      declineRatio: def.declineRatio,
      trend,
      stages,
    },
    columns,
    parameters: [
      `R = ${recency}, F = ${frequency}, tenure = ${tenure.column}${tenure.kind === 'firstPurchase' ? ' (first purchase)' : ''}`,
      `流失 R > ${def.churnDays}; 新 tenure ≤ ${def.newDays}; 衰退 R > ${def.decliningDays}${trend ? ` or spend ratio < ${def.declineRatio}` : ''}`,
      ...(trend?.kind === 'transactions' ? [`spend trend: ${trend.table}, two periods of ${trend.periodDays} days`] : []),
      ...(def.asOf ? [`analysis date: ${def.asOf}`] : []),
    ],
    trendDatasetId: trend?.kind === 'transactions' && t && 'transactionsDatasetId' in t ? t.transactionsDatasetId : null,
  };
}

export function rulesModel(ds: DatasetInfo, seg: SegmentationInfo, scheme: RuleScheme): BuiltModel {
  const order = [...scheme.rules.map((r) => r.segment.trim()), scheme.defaultSegment.trim()].filter((s, i, all) => all.indexOf(s) === i);
  const current = new Map(order.map((name, i) => [name, seg.segments[i]?.name ?? name]));
  const rules = scheme.rules.map((r) => ({ segment: current.get(r.segment.trim()) ?? r.segment.trim(), when: normaliseConditions(ds, r.when) }));
  const columns = [...new Set(rules.flatMap((r) => r.when.map((c) => c.column)))];
  return {
    model: { kind: 'rules', rules, defaultSegment: current.get(scheme.defaultSegment.trim()) ?? scheme.defaultSegment.trim() },
    columns,
    parameters: [`scheme: ${scheme.name}`, `${scheme.rules.length} rules, default ${scheme.defaultSegment}`],
    trendDatasetId: null,
  };
}

export function tagsModel(ds: DatasetInfo, set: TagSet): BuiltModel {
  const groups = set.groups.map((g) => ({
    group: g.group,
    rules: g.rules.map((r): TagRuleModel => ('tag' in r ? { kind: 'when', tag: r.tag, when: normaliseConditions(ds, r.when) } : { kind: 'fromColumn', column: findByName(ds, r.fromColumn).name, map: r.map ?? {}, prefix: r.prefix ?? '' })),
  }));
  const columns = [...new Set(groups.flatMap((g) => g.rules.flatMap((r) => (r.kind === 'when' ? r.when.map((c) => c.column) : [r.column]))))];
  return { model: { kind: 'tags', groups }, columns, parameters: [`tag set: ${set.name}`, `${set.groups.length} groups`], trendDatasetId: null };
}

export function kmeansModel(ds: DatasetInfo, record: ModelRecord): BuiltModel {
  // By key on the model's own dataset (a column renamed since keeps its key), by name where it was applied.
  const features = record.features.map((f) => ({
    name: f.name,
    column: findByName(ds, record.scoredFrom === undefined ? f.columnKey : f.column).name,
    kind: f.kind,
    level: f.level,
    transforms: f.transforms,
    fitted: f.fitted,
    imputeValue: f.imputeValue,
  }));
  return {
    model: {
      kind: 'kmeans',
      features,
      centroids: record.clusters.map((c) => c.centroid),
      names: record.clusters.map((c) => c.name),
      dropMissing: record.missing.policy === 'drop',
    },
    columns: [...new Set(features.map((f) => f.column))],
    parameters: [`k = ${record.k}, seed ${record.seed}, ${record.restarts} restarts`, `features: ${record.features.map((f) => f.name).join(', ')}`, `missing values: ${record.missing.policy}`],
    trendDatasetId: null,
  };
}

/**
 * The model of a saved segmentation (templates carry the computed definition of their kind);
 * k-prototypes segmentations are built by saved-models.ts.
 */
export function segmentationModel(ds: DatasetInfo, seg: SegmentationInfo, trendDataset: (id: string) => DatasetInfo): BuiltModel {
  const def = asObj(seg.definition);
  let method: string = seg.method;
  let body: Obj = def;
  if (seg.method === 'template') {
    method = String(def.kind);
    body = asObj(def.computed);
  }
  switch (method) {
    case 'rfm8':
      return rfm8Model(ds, seg, body as unknown as Rfm8Definition);
    case 'pareto':
      return paretoModel(ds, seg, body as unknown as ParetoDefinition);
    case 'lifecycle': {
      const l = body as unknown as LifecycleDefinition;
      const tx = l.trend && 'transactionsDatasetId' in l.trend ? trendDataset(l.trend.transactionsDatasetId) : null;
      return lifecycleModel(ds, seg, l, tx);
    }
    case 'rules':
      return rulesModel(ds, seg, asObj(body.scheme) as unknown as RuleScheme);
    case 'kmeans':
      return kmeansModel(ds, def as unknown as ModelRecord);
    default:
      throw new KequnError('VALIDATION', `A ${seg.method} segmentation cannot be exported as SQL`, {
        zh: `“${seg.method}”类型的细分不能导出为 SQL`,
        details: { segmentation: seg.id, method: seg.method },
      });
  }
}
