import { numberLiteral, type Dialect } from '../dialect';
import type { KmeansFeature, KmeansModel, NumericInput } from '../model-types';
import { KEY, caseOf, indent, numericInput, type GenContext, type ModelSql } from '../sql-parts';

/** The saved transform chain of one numeric input (cluster/transforms.ts), applied to `x`. */
export function transformed(d: Dialect, f: NumericInput, x: string): string {
  let e = x;
  f.transforms.forEach((t, i) => {
    const p = f.fitted[i] ?? {};
    const n = (key: string): string => numberLiteral(p[key]!);
    if (t === 'log1p') e = d.log1p(e);
    else if (t === 'zscore') e = `(${e} - ${n('mean')}) / ${n('sd')}`;
    else if (t === 'minmax') e = `(${e} - ${n('min')}) / ${numberLiteral(p.max! - p.min!)}`;
    else if (t === 'robust') e = `(${e} - ${n('median')}) / ${n('iqr')}`;
  });
  return e;
}

/** A numeric input's transform chain in words, with its saved parameters. */
export function describeTransforms(f: NumericInput): string {
  const steps = f.transforms.map((t, i) => {
    const p = f.fitted[i] ?? {};
    if (t === 'zscore') return `z-score (mean ${p.mean}, sd ${p.sd})`;
    if (t === 'minmax') return `min-max (${p.min} … ${p.max})`;
    if (t === 'robust') return `robust (median ${p.median}, IQR ${p.iqr})`;
    return t;
  });
  return steps.length === 0 ? 'as is' : steps.join(' → ');
}

function describeFeature(f: KmeansFeature): string {
  if (f.kind === 'category') return `${f.name}: 1 when ${f.column} = "${f.level}", else 0${f.imputeValue === null ? '' : `; missing → ${f.imputeValue}`}`;
  return `${f.name}: ${describeTransforms(f)}${f.imputeValue === null ? '' : `; missing → ${f.imputeValue}`}`;
}

/**
 * The nearest of k centres from columns d1…dk (NULL when d1 is): centre c wins when its value is
 * ≤ every later one and < every earlier one, so the lowest number wins a tie, as the engine's
 * strict `<` scan does. Returns the 0-based number.
 */
export function nearestCase(k: number): string {
  const branches = Array.from({ length: k - 1 }, (_, c) => {
    const tests: string[] = [];
    for (let o = 0; o < k; o++) if (o !== c) tests.push(o < c ? `d${c + 1} < d${o + 1}` : `d${c + 1} <= d${o + 1}`);
    return `    WHEN ${tests.join(' AND ')} THEN ${c}`;
  });
  return `CASE\n    WHEN d1 IS NULL THEN NULL\n${branches.join('\n')}\n    ELSE ${k - 1}\n  END`;
}

/** The value of column d<nearest + 1>: the chosen centre's distance. */
export function chosenCase(k: number): string {
  return `CASE nearest\n${Array.from({ length: k }, (_, c) => `    WHEN ${c} THEN d${c + 1}`).join('\n')}\n  END`;
}

/**
 * k-means scoring (cluster/score.ts): each input through its saved transforms (one-hot for text
 * levels), missing values imputed with the saved values or the row left unassigned (policy
 * drop), then the nearest saved centroid by squared Euclidean distance, the lowest cluster
 * number on a tie, and the distance (its square root) in model units.
 */
export function kmeansSql(model: KmeansModel, g: GenContext): ModelSql {
  const { d, col } = g;
  const k = model.centroids.length;
  const inputs = model.features.map((f, j) => {
    const c = col(f.column);
    let value: string;
    if (f.kind === 'category') {
      const missing = `${c} IS NULL OR ${c} = ''`;
      value = `CASE WHEN ${missing} THEN ${f.imputeValue === null ? 'NULL' : numberLiteral(f.imputeValue)} WHEN ${c} = ${d.string(f.level ?? '')} THEN 1 ELSE 0 END`;
    } else {
      const n = numericInput(g, f.column);
      const x = f.imputeValue === null ? n : `COALESCE(${n}, ${numberLiteral(f.imputeValue)})`;
      value = transformed(d, f, x);
    }
    return `${value} AS x${j + 1}`;
  });
  const featureNames = model.features.map((_, j) => `x${j + 1}`);
  const complete = featureNames.map((x) => `${x} IS NOT NULL`).join(' AND ');
  const distance = (c: number): string =>
    model.centroids[c]!.map((v, j) => {
      const diff = `(x${j + 1} - ${numberLiteral(v)})`;
      return `${diff} * ${diff}`;
    }).join(' + ');
  const distLines = model.centroids.map((_, c) => `CASE WHEN ${complete} THEN ${distance(c)} END AS d${c + 1}`);
  const nearest = nearestCase(k);
  const chosenDistance = chosenCase(k);
  return {
    ctes: [
      {
        name: 'features',
        comment: `model inputs with the saved transforms: ${model.features.map(describeFeature).join('; ')}`,
        body: `SELECT\n${indent([KEY, ...inputs].join(',\n'))}\nFROM ${g.rel.name}`,
      },
      {
        name: 'distances',
        comment: `squared distance to each of the ${k} saved centroids`,
        body: `SELECT\n${indent([KEY, ...distLines].join(',\n'))}\nFROM features`,
      },
      {
        name: 'nearest',
        comment: 'the nearest centroid; the lower cluster number wins a tie',
        body: `SELECT ${KEY}, ${nearest.replace(/\n/g, '\n    ')} AS nearest,\n    ${model.centroids.map((_, c) => `d${c + 1}`).join(', ')}\nFROM distances`,
      },
    ],
    select: `SELECT\n${indent([KEY, `${caseOf(d, 'nearest', model.names)} AS segment`, 'nearest + 1 AS cluster_no', `${d.sqrt(chosenDistance)} AS distance`].join(',\n'))}\nFROM nearest`,
    outputs: [KEY, 'segment', 'cluster_no', 'distance'],
    notes: [model.dropMissing ? 'rows with a missing input get no cluster (the model dropped them in training)' : 'missing inputs take the saved impute values', 'log1p is LN(1 + x) where the engine has no LOG1P: the last binary digit can differ, which moves a customer only if two centroids are equally near to 15 digits'],
  };
}
