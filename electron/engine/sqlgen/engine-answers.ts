import type { FactorModel } from '../../../shared/contract/factor';
import { factorScores, type Standardised } from '../models/factor';
import { regressionScores } from '../models/factor-run';
import { nodeFor } from '../models/cart';
import { storedFeatures } from '../models/tree-data';
import { storedTree } from '../models/tree-run';
import { tagsByRow } from '../segment/tags';
import type { ColumnReader } from '../store/column-reader';
import type { ProjectStore } from '../store/project-store';
import type { ResolvedTarget } from './request-builder';
import { KEY } from './sql-parts';

/**
 * What `--check` compares, on both sides, as one text per key (customer or row): the app's
 * answer computed by the engine's own code, and the SQL's answer read from its result rows.
 * Labels compare exactly; factor scores are numbers and compare within SCORE_TOLERANCE.
 */
export const SCORE_TOLERANCE = 1e-9;

export type Answers = Map<string, string | null>;

export function rfmText(r: number, f: number, m: number): string {
  return `R=${r} F=${f} M=${Number.isFinite(m) ? m.toFixed(6) : 'NaN'}`;
}

function tagText(tags: Set<string> | undefined): string | null {
  return tags && tags.size > 0 ? [...tags].sort().join(' | ').replace(/\u0000/g, ':') : null;
}

/** Scores as text: shortest round-trip numbers joined by " | "; null when the row has none. */
function scoresText(values: readonly number[]): string | null {
  return values.some((v) => !Number.isFinite(v)) ? null : values.map((v) => String(v)).join(' | ');
}

/** Factor scores as the app writes them (factor.save). */
export function engineFactorScores(store: ProjectStore, reader: ColumnReader, datasetId: string, record: FactorModel): Float64Array[] {
  const ds = store.getDataset(datasetId);
  const values = record.columns.map((c) => reader.numeric(ds.id, c.key).values);
  const s: Standardised = { n: record.rowsUsed, p: record.columns.length, mean: Float64Array.from(record.mean), sd: Float64Array.from(record.sd), corr: new Float64Array(0) };
  return record.method === 'fa' ? factorScores(s, record, values, ds.rowCount) : regressionScores(s, record, values, ds.rowCount);
}

/** The app's answer per key: the label, the RFM values, the row's tags, the tree's prediction or the factor scores. */
export function engineAnswers(store: ProjectStore, t: ResolvedTarget, reader: ColumnReader): Answers {
  const ds = t.dataset;
  const out: Answers = new Map();
  const keyOf: (i: number) => string =
    t.from === 'transactions'
      ? (() => {
          const cat = reader.category(ds.id, t.customerColumn!);
          return (i: number) => (cat.codes[i]! < 0 ? '' : cat.labels[cat.codes[i]!]!.trim());
        })()
      : (i: number) => String(i);
  const c = t.compare;
  if (c.kind === 'labels') {
    const cat = reader.category(ds.id, c.columnKey);
    for (let i = 0; i < ds.rowCount; i++) out.set(keyOf(i), cat.codes[i]! < 0 ? null : cat.labels[cat.codes[i]!]!);
  } else if (c.kind === 'rfm') {
    const [r, f, m] = ['R', 'F', 'M'].map((col) => reader.numeric(ds.id, col).values);
    for (let i = 0; i < ds.rowCount; i++) out.set(keyOf(i), rfmText(r![i]!, f![i]!, m![i]!));
  } else if (c.kind === 'tags') {
    const tags = tagsByRow(store, ds.id, c.tagSet);
    for (let i = 0; i < ds.rowCount; i++) out.set(keyOf(i), tagText(tags.get(i)));
  } else if (c.kind === 'tree') {
    // Every row walks the tree (models/cart.ts nodeFor), labelled or not: the SQL labels them all.
    const features = storedFeatures(store, ds.id, c.record, true);
    const tree = storedTree(c.record);
    for (let i = 0; i < ds.rowCount; i++) out.set(keyOf(i), c.record.classes[tree.nodes[nodeFor(tree, features, i)]!.prediction]!);
  } else {
    const scores = engineFactorScores(store, reader, ds.id, c.record);
    for (let i = 0; i < ds.rowCount; i++) out.set(keyOf(i), scoresText(scores.map((col) => col[i]!)));
  }
  return out;
}

/** The SQL's answer per key from its result rows (tags: every customer the app knows, with or without tags). */
export function sqlAnswers(t: ResolvedTarget, rows: readonly Record<string, unknown>[], outputs: readonly string[], engineKeys: Iterable<string>): Answers {
  const out: Answers = new Map();
  const c = t.compare;
  if (c.kind === 'tags') {
    const byRow = new Map<string, Set<string>>();
    for (const row of rows) {
      const key = String(row[KEY]);
      let set = byRow.get(key);
      if (!set) byRow.set(key, (set = new Set()));
      set.add(`${String(row.tag_group)}\u0000${String(row.tag)}`);
    }
    for (const key of engineKeys) out.set(key, tagText(byRow.get(key)));
    return out;
  }
  for (const row of rows) {
    const key = String(row[KEY]);
    if (c.kind === 'rfm') out.set(key, rfmText(Number(row.recency_days), Number(row.frequency), Number(row.monetary)));
    else if (c.kind === 'scores') {
      const values = outputs.filter((o) => o !== KEY).map((o) => (row[o] === null || row[o] === undefined ? NaN : Number(row[o])));
      out.set(key, scoresText(values));
    } else out.set(key, row.segment === null || row.segment === undefined ? null : String(row.segment));
  }
  return out;
}

/** Whether two answers agree: exactly, or for scores each number within the tolerance. */
export function sameAnswer(t: ResolvedTarget, a: string | null, b: string | null): boolean {
  if (a === b) return true;
  if (t.compare.kind !== 'scores' || a === null || b === null) return false;
  const x = a.split(' | ').map(Number);
  const y = b.split(' | ').map(Number);
  return x.length === y.length && x.every((v, i) => Math.abs(v - y[i]!) <= SCORE_TOLERANCE * Math.max(1, Math.abs(v)));
}
