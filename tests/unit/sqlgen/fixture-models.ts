import type { SqlRequest } from '../../../electron/engine/sqlgen/model-types';
import { SCORING_FIXTURES } from './fixture-scoring';

/**
 * Hand-built models (no project behind them) covering every model type and source kind: the
 * golden texts of every dialect are generated from these, and the small executed tests use them.
 */
const header = (title: string, parameters: string[] = []): SqlRequest['header'] => ({ title, savedAt: '2024-06-30 12:00', parameters });

export const orders = { kind: 'transactions', table: 'orders', customer: 'buyer', date: 'paid_at', amount: 'amount', order: 'order_no', asOf: '2024-07-01', returns: 'net' } as const;

export const FIXTURES: { name: string; request: SqlRequest }[] = [
  {
    name: 'rfm from transactions (orders, net returns)',
    request: { model: { kind: 'rfm', scoring: { cuts: { r: null, f: null, m: null } } }, source: orders, header: header('RFM-订单') },
  },
  {
    name: 'rfm8 median, analysis date from the data',
    request: {
      model: {
        kind: 'rfm8',
        columns: { r: 'R', f: 'F', m: 'M' },
        threshold: 'median',
        scoreThreshold: 3,
        scoring: { cuts: { r: null, f: null, m: [100, 200, 500, 1000] } },
        names: ['一般挽留客户', '重要挽留客户', '一般保持客户', '重要保持客户', '一般发展客户', '重要发展客户', '一般价值客户', "VIP 'gold'"],
      },
      source: { ...orders, order: null, asOf: null, returns: 'exclude' },
      header: header('RFM细分', ['threshold: median']),
    },
  },
  {
    name: 'pareto on a customer table',
    request: {
      model: { kind: 'pareto', valueColumn: '年消费', shares: [80, 15, 5], labels: ['A', 'B', 'C'] },
      source: { kind: 'customers', table: 'crm.customers', key: 'cust_id', columns: { 年消费: { column: 'annual_spend', kind: 'number' } } },
      header: header('价值分层'),
    },
  },
  {
    name: 'lifecycle with first purchase and a spend trend',
    request: {
      model: {
        kind: 'lifecycle',
        recency: 'R',
        frequency: 'F',
        tenure: { kind: 'firstPurchase', column: '首次购买', lastPurchaseColumn: null },
        asOf: '2024-07-01',
        newDays: 90,
        decliningDays: 90,
        churnDays: 180,
        declineRatio: 0.7,
        trend: { kind: 'transactions', table: 'orders', customer: 'buyer', date: 'paid_at', amount: 'amount', periodDays: 180, keyColumn: '客户' },
        stages: ['潜在客户', '新客户', '成熟客户', '衰退客户', '流失客户'],
      },
      source: {
        kind: 'customers',
        table: 'customers',
        key: '客户',
        columns: { R: { column: 'R', kind: 'number' }, F: { column: 'F', kind: 'number' }, 首次购买: { column: 'first_at', kind: 'date' }, 客户: { column: '客户', kind: 'text' } },
      },
      header: header('生命周期'),
    },
  },
  {
    name: 'rule scheme with text, number and date conditions',
    request: {
      model: {
        kind: 'rules',
        rules: [
          { segment: '大客户', when: [{ column: '金额', op: 'gte', value: 1000 }, { column: '地区', op: 'in', values: ['华东', "O'Brien \\ Co"] }] },
          { segment: '新近', when: [{ column: '注册日', op: 'between', min: '2024-01-01', max: '2024-06-30' }] },
          { segment: '无电话', when: [{ column: '电话', op: 'isEmpty' }] },
          { segment: '含VIP', when: [{ column: '备注', op: 'contains', value: 'VIP' }, { column: '地区', op: 'ne', value: '海外' }] },
        ],
        defaultSegment: '普通客户',
      },
      source: {
        kind: 'customers',
        table: 'customers',
        key: 'id',
        columns: {
          金额: { column: 'amount', kind: 'number' },
          地区: { column: 'region', kind: 'text' },
          注册日: { column: 'signup', kind: 'date' },
          电话: { column: 'phone', kind: 'text' },
          备注: { column: 'note', kind: 'text' },
        },
      },
      header: header('规则细分'),
    },
  },
  {
    name: 'tag set',
    request: {
      model: {
        kind: 'tags',
        groups: [
          { group: '价值', rules: [{ kind: 'when', tag: '高消费', when: [{ column: '金额', op: 'gt', value: 500 }] }] },
          { group: '地区', rules: [{ kind: 'fromColumn', column: '地区', map: { 华东: '东部' }, prefix: '区域:' }] },
        ],
      },
      source: { kind: 'customers', table: 'customers', key: 'id', columns: { 金额: { column: 'amount', kind: 'number' }, 地区: { column: 'region', kind: 'text' } } },
      header: header('标签'),
    },
  },
  {
    name: 'k-means with log1p, z-score, min-max and one-hot',
    request: {
      model: {
        kind: 'kmeans',
        features: [
          { name: 'M', column: 'M', kind: 'numeric', level: null, transforms: ['log1p', 'zscore'], fitted: [{}, { mean: 5.25, sd: 1.5 }], imputeValue: null },
          { name: 'F', column: 'F', kind: 'numeric', level: null, transforms: ['minmax'], fitted: [{ min: 1, max: 11 }], imputeValue: 2 },
          { name: '性别=女', column: '性别', kind: 'category', level: '女', transforms: [], fitted: [], imputeValue: 1 },
        ],
        centroids: [
          [-1, 0.1, 0],
          [0.5, 0.2, 1],
          [1.5, -0.25, 0.5],
        ],
        names: ['低价值', '女性客群', '高价值'],
        dropMissing: false,
      },
      source: { kind: 'customers', table: 'customers', key: 'id', columns: { M: { column: 'M', kind: 'number' }, F: { column: 'F', kind: 'number' }, 性别: { column: 'gender', kind: 'text' } } },
      header: header('K-均值 (k=3)', ['k = 3']),
    },
  },
  ...SCORING_FIXTURES,
];
