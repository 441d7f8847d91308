import { numberLiteral } from '../dialect';
import type { KprotoModel } from '../model-types';
import { KEY, caseOf, indent, numericInput, type GenContext, type ModelSql } from '../sql-parts';
import { chosenCase, describeTransforms, nearestCase, transformed } from './kmeans';

/**
 * k-prototypes scoring (models/kprototypes.ts, `assignRows`, which kproto.score uses):
 * - a row missing any input (NULL, or '' in a text column) gets no cluster, as in training;
 * - numeric inputs through their saved transforms (cluster/transforms.ts);
 * - Huang's cost to each prototype: Σ (x − centre)² over the numeric inputs, added left to right
 *   as the engine adds them, then + γ × the number of text inputs that differ from the
 *   prototype's mode (a level never seen in training differs from every mode);
 * - the lowest cost wins, the lower cluster number on a tie (the engine's strict `<` scan).
 * Outputs the cost and its square root (the distance in the model's units).
 */
export function kprotoSql(model: KprotoModel, g: GenContext): ModelSql {
  const { d, col } = g;
  const k = model.prototypes.length;
  const pn = model.numeric.length;
  const inputs = [
    ...model.numeric.map((f, j) => `${transformed(d, f, numericInput(g, f.column))} AS x${j + 1}`),
    // Text inputs as they are, '' read as missing (the app stores an empty cell as missing).
    ...model.categorical.map((c, j) => `${d.nullIf(d.text(col(c)), "''")} AS t${j + 1}`),
  ];
  const complete = [...model.numeric.map((_, j) => `x${j + 1}`), ...model.categorical.map((_, j) => `t${j + 1}`)].map((x) => `${x} IS NOT NULL`).join(' AND ');
  const cost = (c: number): string => {
    const p = model.prototypes[c]!;
    const numeric = p.centroid.map((v, j) => {
      const diff = `(x${j + 1} - ${numberLiteral(v)})`;
      return `${diff} * ${diff}`;
    });
    const mismatches = p.modes.map((m, j) => `CASE WHEN t${j + 1} = ${d.string(m)} THEN 0 ELSE 1 END`);
    // The count as a double: PostgreSQL, MySQL and Spark would otherwise multiply γ in exact decimal arithmetic.
    const categorical = mismatches.length === 0 ? [] : [`${numberLiteral(model.gamma)} * ${d.real(`(${mismatches.join(' + ')})`)}`];
    const terms = [...numeric, ...categorical];
    return terms.length === 0 ? '0' : terms.join('\n        + ');
  };
  const costLines = model.prototypes.map((_, c) => `CASE WHEN ${complete} THEN\n        ${cost(c)}\n    END AS d${c + 1}`);
  const describeProto = (c: number): string => {
    const p = model.prototypes[c]!;
    const modes = p.modes.map((m, j) => `${model.categorical[j]} = ${m}`).join(', ');
    return `${c + 1} ${model.names[c]}${modes ? ` (${modes})` : ''}`;
  };
  const describeInputs = [
    ...model.numeric.map((f) => `${f.name}: ${describeTransforms(f)}`),
    ...model.categorical.map((c) => `${c}: text, compared with the mode`),
  ];
  return {
    ctes: [
      {
        name: 'features',
        comment: `model inputs: ${describeInputs.join('; ')}`,
        body: `SELECT\n${indent([KEY, ...inputs].join(',\n'))}\nFROM ${g.rel.name}`,
      },
      {
        name: 'costs',
        comment: `Huang's cost to each of the ${k} prototypes: squared numeric distance${pn > 0 ? '' : ' (no numeric inputs)'} + γ (${model.gamma}) × text mismatches; prototypes ${model.prototypes.map((_, c) => describeProto(c)).join('; ')}`,
        body: `SELECT\n${indent([KEY, ...costLines].join(',\n'))}\nFROM features`,
      },
      {
        name: 'nearest',
        comment: 'the prototype with the lowest cost; the lower cluster number wins a tie',
        body: `SELECT ${KEY}, ${nearestCase(k).replace(/\n/g, '\n    ')} AS nearest,\n    ${model.prototypes.map((_, c) => `d${c + 1}`).join(', ')}\nFROM costs`,
      },
    ],
    select: `SELECT\n${indent([KEY, `${caseOf(d, 'nearest', model.names)} AS segment`, 'nearest + 1 AS cluster_no', `${chosenCase(k)} AS cost`, `${d.sqrt(chosenCase(k))} AS distance`].join(',\n'))}\nFROM nearest`,
    outputs: [KEY, 'segment', 'cluster_no', 'cost', 'distance'],
    notes: [
      'rows with a missing input get no cluster (as in training); text values are compared exactly, a value never seen in training matches no mode',
      ...(model.numeric.some((f) => f.transforms.includes('log1p')) ? ['log1p is LN(1 + x) where the engine has no LOG1P: the last binary digit can differ, which moves a customer only if two prototypes are equally near to 15 digits'] : []),
    ],
  };
}
