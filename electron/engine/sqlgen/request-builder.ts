import type { DatasetInfo } from '../../../shared/contract/datasets';
import { KequnError } from '../../../shared/contract/errors';
import { factorModelSchema, type FactorModel } from '../../../shared/contract/factor';
import { treeModelSchema, type TreeModel } from '../../../shared/contract/tree';
import type { SqlSourceSettings, SqlTarget } from '../../../shared/contract/sql';
import { listTagSets } from '../segment/tags';
import { readRfmOrigin, type RfmOrigin } from '../store/dataset-origin';
import { getModelInfo, readModelRecord } from '../store/model-store';
import type { ProjectStore } from '../store/project-store';
import { getSegmentation } from '../store/segmentation-store';
import { RFM_COLUMN_KINDS, type ColumnKind, type ModelSource, type SqlRequest } from './model-types';
import { findByName, kindOfColumn, segmentationModel, tagsModel, type BuiltModel } from './project-models';
import { factorModel, kprotoModel, treeModel, type KprotoRecord } from './saved-models';

/** Table names the --check database uses for the loaded datasets. */
export const CHECK_TABLES = { transactions: 'kequn_transactions', customers: 'kequn_customers', trend: 'kequn_trend', rowKey: 'kequn_row' } as const;

/** A dataset to load into the check database: which columns, typed how. */
export interface CheckLoad {
  table: string;
  datasetId: string;
  columns: { name: string; kind: ColumnKind }[];
  /** Add the 0-based row position as `kequn_row` (customer tables are compared row by row). */
  rowKey: boolean;
}

export interface ResolvedTarget {
  request: SqlRequest;
  name: string;
  dataset: DatasetInfo;
  from: 'transactions' | 'customers';
  /**
   * What --check compares: a label column, the RFM values, a tag set, a tree's predictions on
   * its dataset, or factor scores (numbers, within a tolerance).
   */
  compare: { kind: 'labels'; columnKey: string } | { kind: 'rfm' } | { kind: 'tags'; tagSet: string } | { kind: 'tree'; record: TreeModel } | { kind: 'scores'; record: FactorModel };
  /** The RFM dataset's customer column (transactions mode). */
  customerColumn: string | null;
  loads: CheckLoad[];
  /** Source columns the SQL reads, before any column map. */
  sourceColumns: string[];
  defaultTable: string;
}

function originOrFail(store: ProjectStore, ds: DatasetInfo): RfmOrigin {
  const origin = readRfmOrigin(store, ds.id);
  if (!origin) {
    throw new KequnError('VALIDATION', `Dataset ${ds.name} was not made by the RFM preset, so there are no transactions to start from`, {
      zh: `数据集“${ds.name}”不是由 RFM 计算生成的，无法从交易数据开始计算`,
      details: { dataset: ds.id },
    });
  }
  return origin;
}

/**
 * Resolves what to export into a generator request: the model, where it reads from (the
 * transactions behind an RFM dataset, or a customer table), the warehouse's table and column
 * names, and for --check the datasets to load and what to compare.
 */
export function resolveTarget(store: ProjectStore, target: SqlTarget, options: SqlSourceSettings, forCheck: boolean): ResolvedTarget {
  let ds: DatasetInfo;
  let built: BuiltModel;
  let name: string;
  let savedAt: string | null;
  let compare: ResolvedTarget['compare'];
  if (target.kind === 'segmentation') {
    const seg = getSegmentation(store, target.segmentationId);
    ds = store.getDataset(seg.datasetId);
    built = seg.method === 'kprototypes' ? kprotoModel(ds, seg, seg.definition as unknown as KprotoRecord) : segmentationModel(ds, seg, (id) => store.getDataset(id));
    name = seg.name;
    const def = seg.definition as { savedAt?: unknown } | null;
    savedAt = typeof def?.savedAt === 'string' ? def.savedAt : seg.createdAt;
    compare = { kind: 'labels', columnKey: seg.columnKey };
  } else if (target.kind === 'model') {
    const info = getModelInfo(store, target.modelId);
    ds = store.getDataset(info.datasetId);
    name = info.name;
    savedAt = info.createdAt;
    if (info.kind === 'tree') {
      const { record } = readModelRecord(store, info.id, 'tree', treeModelSchema);
      built = treeModel(ds, record);
      compare = { kind: 'tree', record };
    } else {
      const { record } = readModelRecord(store, info.id, 'factor', factorModelSchema);
      built = factorModel(ds, record);
      compare = { kind: 'scores', record };
    }
  } else if (target.kind === 'rfm') {
    ds = store.getDataset(target.datasetId);
    originOrFail(store, ds);
    built = { model: { kind: 'rfm', scoring: { cuts: { r: null, f: null, m: null } } }, columns: [], parameters: [], trendDatasetId: null };
    name = ds.name;
    savedAt = ds.createdAt;
    compare = { kind: 'rfm' };
  } else {
    ds = store.getDataset(target.datasetId);
    const set = listTagSets(store, ds.id).find((s) => s.name === target.tagSet);
    if (!set) throw new KequnError('NOT_FOUND', `No tag set ${target.tagSet} on ${ds.name}`, { zh: `数据集“${ds.name}”上没有标签组合“${target.tagSet}”`, details: { tagSet: target.tagSet } });
    built = tagsModel(ds, set);
    name = set.name;
    savedAt = null;
    compare = { kind: 'tags', tagSet: set.name };
  }
  const origin = readRfmOrigin(store, ds.id);
  const customerColumn = origin ? findByName(ds, origin.customer).name : null;
  // A lifecycle trend matched on the RFM dataset's customer column matches on the customer key.
  const model = built.model;
  let columns = built.columns;
  if (model.kind === 'lifecycle' && model.trend?.kind === 'transactions' && model.trend.keyColumn === customerColumn) {
    const keyColumn = model.trend.keyColumn;
    const rest = columns.filter((c) => c !== keyColumn);
    if (origin && rest.every((c) => c in RFM_COLUMN_KINDS) && options.from !== 'customers') {
      model.trend = { ...model.trend, keyColumn: null };
      columns = rest;
    }
  }
  const canUseTransactions = origin !== null && columns.every((c) => c in RFM_COLUMN_KINDS);
  let from: 'transactions' | 'customers' = options.from === 'auto' ? (canUseTransactions ? 'transactions' : 'customers') : options.from;
  if (model.kind === 'rfm') from = 'transactions';
  if (from === 'transactions' && !canUseTransactions) {
    throw new KequnError('VALIDATION', 'This model uses columns that RFM does not compute; export it from a customer table (--from customers)', {
      zh: '该模型用到了 RFM 计算之外的列，请从客户表导出（--from customers）',
      details: { columns: columns.filter((c) => !(c in RFM_COLUMN_KINDS)) },
    });
  }
  const map = (column: string): string => (forCheck ? column : (options.columnMap[column] ?? column));
  const loads: CheckLoad[] = [];
  let source: ModelSource;
  let sourceColumns: string[];
  let defaultTable: string;
  if (from === 'transactions') {
    const o = origin!;
    const txDataset = store.getDataset(o.sourceDatasetId);
    defaultTable = txDataset.name;
    sourceColumns = [o.customer, o.date, o.amount, ...(o.order ? [o.order] : [])];
    source = {
      kind: 'transactions',
      table: forCheck ? CHECK_TABLES.transactions : (options.table ?? defaultTable),
      customer: map(o.customer),
      date: map(o.date),
      amount: map(o.amount),
      order: o.order === null ? null : map(o.order),
      asOf: options.asOf === 'latest' ? null : o.asOf,
      returns: o.returnsRule,
    };
    loads.push({
      table: CHECK_TABLES.transactions,
      datasetId: txDataset.id,
      columns: [
        { name: o.customer, kind: 'text' },
        { name: o.date, kind: 'date' },
        { name: o.amount, kind: 'number' },
        ...(o.order ? [{ name: o.order, kind: 'text' as const }] : []),
      ],
      rowKey: false,
    });
  } else {
    defaultTable = ds.name;
    const key = options.key ?? ds.columns[0]!.name;
    sourceColumns = [...new Set([key, ...columns])];
    const kinds = Object.fromEntries(columns.map((c) => [c, kindOfColumn(findByName(ds, c))]));
    source = {
      kind: 'customers',
      table: forCheck ? CHECK_TABLES.customers : (options.table ?? defaultTable),
      key: forCheck ? CHECK_TABLES.rowKey : map(key),
      columns: Object.fromEntries(columns.map((c) => [c, { column: map(c), kind: kinds[c]! }])),
    };
    loads.push({ table: CHECK_TABLES.customers, datasetId: ds.id, columns: columns.map((c) => ({ name: c, kind: kinds[c]! })), rowKey: true });
  }
  if (model.kind === 'lifecycle' && model.trend?.kind === 'transactions' && built.trendDatasetId) {
    const t = model.trend;
    loads.push({
      table: CHECK_TABLES.trend,
      datasetId: built.trendDatasetId,
      columns: [
        { name: t.customer, kind: 'text' },
        { name: t.date, kind: 'date' },
        { name: t.amount, kind: 'number' },
      ],
      rowKey: false,
    });
    sourceColumns.push(t.customer, t.date, t.amount);
    model.trend = { ...t, table: forCheck ? CHECK_TABLES.trend : (options.trendTable ?? t.table), customer: map(t.customer), date: map(t.date), amount: map(t.amount) };
  }
  const kindLabel = {
    rfm: 'RFM',
    rfm8: 'RFM 八类',
    pareto: '帕累托分层',
    lifecycle: '生命周期',
    rules: '规则细分',
    tags: '标签',
    kmeans: 'K-均值',
    kprototypes: 'K-原型',
    tree: '决策树解释',
    factor: (model.kind === 'factor' && model.method === 'pca') ? '主成分分析' : '因子分析',
  }[model.kind];
  return {
    request: { model, source, header: { title: `${name} (${kindLabel}, dataset ${ds.name})`, savedAt, parameters: built.parameters } },
    name,
    dataset: ds,
    from,
    compare,
    customerColumn,
    loads,
    sourceColumns: [...new Set(sourceColumns)],
    defaultTable,
  };
}
