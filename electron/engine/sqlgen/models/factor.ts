import { numberLiteral } from '../dialect';
import type { FactorSqlModel } from '../model-types';
import { KEY, indent, numericInput, type GenContext, type ModelSql } from '../sql-parts';

/** Σ a_i · w_i, left to right as the engine adds them. */
function weightedSum(names: readonly string[], weights: readonly number[]): string {
  return names.map((n, i) => `${n} * ${numberLiteral(weights[i]!)}`).join('\n        + ');
}

/**
 * Factor / principal-component scores (models/factor-run.ts, what 保存因子得分 writes):
 * z = (x − mean) / sd with the training means and population SDs, then per factor
 * - PCA: Σ z_j · coefficient_j (regression scores: unit variance, uncorrelated when unrotated);
 * - factor analysis: t = Σ z_j · loading_j / uniqueness_j, then scores = t · (I + W·ψ⁻¹·Wᵀ)⁻¹
 *   (scikit-learn's FactorAnalysis.transform).
 * Sums run in the engine's order, so the scores are the app's doubles. A missing input gives
 * no scores (NULL), as in the app.
 */
export function factorSql(model: FactorSqlModel, g: GenContext): ModelSql {
  const { d } = g;
  const zs = model.columns.map((_, j) => `z${j + 1}`);
  const zLines = model.columns.map((c, j) => `(${numericInput(g, c)} - ${numberLiteral(model.mean[j]!)}) / ${numberLiteral(model.sd[j]!)} AS z${j + 1}`);
  const ctes = [
    {
      name: 'standardised',
      comment: `inputs standardised with the saved means and SDs: ${model.columns.map((c, j) => `${c} (mean ${model.mean[j]}, sd ${model.sd[j]})`).join('; ')}`,
      body: `SELECT\n${indent([KEY, ...zLines].join(',\n'))}\nFROM ${g.rel.name}`,
    },
  ];
  const out = (f: number): string => d.ident(model.names[f]!);
  let select: string;
  if (model.mix === null) {
    const lines = model.weights.map((w, f) => `${weightedSum(zs, w)}\n    AS ${out(f)}`);
    select = `SELECT\n${indent([KEY, ...lines].join(',\n'))}\nFROM standardised`;
  } else {
    const mix = model.mix;
    const ts = model.weights.map((_, f) => `t${f + 1}`);
    ctes.push({
      name: 'weighted',
      comment: 'per factor: Σ z × loading ÷ uniqueness',
      body: `SELECT\n${indent([KEY, ...model.weights.map((w, f) => `${weightedSum(zs, w)}\n    AS t${f + 1}`)].join(',\n'))}\nFROM standardised`,
    });
    const lines = model.weights.map((_, f) => `${weightedSum(ts, mix.map((row) => row[f]!))}\n    AS ${out(f)}`);
    select = `SELECT\n${indent([KEY, ...lines].join(',\n'))}\nFROM weighted`;
  }
  return {
    ctes,
    select,
    outputs: [KEY, ...model.names],
    notes: [
      model.method === 'pca' ? 'principal-component scores by regression (unit variance on the training rows)' : 'factor scores as scikit-learn’s FactorAnalysis.transform',
      'a customer missing any input gets no scores (NULL)',
    ],
  };
}
