import type { FactorSqlModel, KprotoModel, SqlRequest, TreeSqlModel } from '../../../electron/engine/sqlgen/model-types';

/**
 * Hand-built scoring models of issue 22 (k-prototypes, a decision tree, PCA and factor scores):
 * part of the golden texts of every dialect, and executed with hand-computed answers.
 */
const header = (title: string, parameters: string[] = []): SqlRequest['header'] => ({ title, savedAt: '2024-06-30 12:00', parameters });

export const KPROTO: KprotoModel = {
  kind: 'kprototypes',
  numeric: [{ name: 'x', column: 'x', transforms: ['zscore'], fitted: [{ mean: 5, sd: 5 }] }],
  categorical: ['g'],
  prototypes: [
    { centroid: [-1], modes: ['a'] },
    { centroid: [1], modes: ['b'] },
  ],
  gamma: 0.5,
  names: ['一群', '二群'],
};

/** 2024-01-15 12:00:00 UTC wall clock, plus half a millisecond (a midpoint threshold). */
export const DATE_SPLIT = Date.UTC(2024, 0, 15, 12, 0, 0) + 0.5;

/**
 * M ≤ 100 → (地区 ∈ {华东, O'Brien} → A | other present → B | missing → C);
 * M > 100 → (注册日 ≤ split → D | later → A | missing → D); M missing → B (the root's majority).
 */
export const TREE: TreeSqlModel = {
  kind: 'tree',
  columns: [
    { name: 'M', kind: 'numeric', date: false },
    { name: '地区', kind: 'category', date: false },
    { name: '注册日', kind: 'numeric', date: true },
  ],
  rules: [
    { node: 0, segment: 'B', purity: 0.4, n: 100, text: 'M is missing', when: [{ kind: 'missing', column: 'M' }] },
    { node: 3, segment: 'A', purity: 0.9, n: 30, text: "M ≤ 100 and 地区 in 华东, O'Brien", when: [{ kind: 'numeric', column: 'M', lower: null, upper: 100 }, { kind: 'in', column: '地区', levels: ['华东', "O'Brien"] }] },
    { node: 4, segment: 'B', purity: 0.8, n: 20, text: 'M ≤ 100 and 地区 not in 华东', when: [{ kind: 'numeric', column: 'M', lower: null, upper: 100 }, { kind: 'notIn', column: '地区', levels: ['华东', "O'Brien"] }] },
    { node: 1, segment: 'C', purity: 0.5, n: 50, text: 'M ≤ 100 and 地区 is missing', when: [{ kind: 'numeric', column: 'M', lower: null, upper: 100 }, { kind: 'missing', column: '地区' }] },
    { node: 5, segment: 'D', purity: 0.7, n: 25, text: 'M > 100 and 注册日 ≤ 2024-01-15 12:00', when: [{ kind: 'numeric', column: 'M', lower: 100, upper: null }, { kind: 'numeric', column: '注册日', lower: null, upper: DATE_SPLIT }] },
    { node: 6, segment: 'A', purity: 0.6, n: 25, text: 'M > 100 and 注册日 > 2024-01-15 12:00', when: [{ kind: 'numeric', column: 'M', lower: 100, upper: null }, { kind: 'numeric', column: '注册日', lower: DATE_SPLIT, upper: null }] },
    { node: 2, segment: 'D', purity: 0.55, n: 50, text: 'M > 100 and 注册日 is missing', when: [{ kind: 'numeric', column: 'M', lower: 100, upper: null }, { kind: 'missing', column: '注册日' }] },
  ],
};

/** PCA: one component 0.5·z₁ + 0.25·z₂ of z = ((x − 1) / 2, (y − 2) / 4). */
export const PCA: FactorSqlModel = { kind: 'factor', method: 'pca', columns: ['x', 'y'], mean: [1, 2], sd: [2, 4], weights: [[0.5, 0.25]], mix: null, names: ['主成分1'] };

/** Factor analysis, two factors: t = (z₁ + 2z₂, z₁ − z₂), scores = t · [[0.5, 0.1], [0, 1]]. */
export const FA: FactorSqlModel = {
  kind: 'factor',
  method: 'fa',
  columns: ['x', 'y'],
  mean: [1, 2],
  sd: [2, 4],
  weights: [
    [1, 2],
    [1, -1],
  ],
  mix: [
    [0.5, 0.1],
    [0, 1],
  ],
  names: ['价格因子', '频次因子'],
};

export const SCORING_FIXTURES: { name: string; request: SqlRequest }[] = [
  {
    name: 'k-prototypes, one numeric and one text input',
    request: { model: KPROTO, source: { kind: 'customers', table: 'customers', key: 'id', columns: { x: { column: 'x', kind: 'number' }, g: { column: 'grade', kind: 'text' } } }, header: header('K-原型 (k=2)', ['γ = 0.5']) },
  },
  {
    name: 'decision tree with number, text and date splits and missing values',
    request: {
      model: TREE,
      source: { kind: 'customers', table: 'customers', key: 'id', columns: { M: { column: 'M', kind: 'number' }, 地区: { column: 'region', kind: 'text' }, 注册日: { column: 'signup', kind: 'date' } } },
      header: header('决策树解释', ['depth ≤ 2']),
    },
  },
  {
    name: 'principal-component scores',
    request: { model: PCA, source: { kind: 'customers', table: 'customers', key: 'id', columns: { x: { column: 'x', kind: 'number' }, y: { column: 'y', kind: 'number' } } }, header: header('主成分分析') },
  },
  {
    name: 'factor scores (maximum likelihood)',
    request: { model: FA, source: { kind: 'customers', table: 'customers', key: 'id', columns: { x: { column: 'x', kind: 'number' }, y: { column: 'y', kind: 'number' } } }, header: header('因子分析') },
  },
];
