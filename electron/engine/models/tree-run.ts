import type { ParamsOut } from '../../../shared/contract/index';
import type { ModelInfo } from '../../../shared/contract/models';
import type { TreeModel, TreeResult } from '../../../shared/contract/tree';
import { readerFor } from '../cluster/model-record';
import { SeededRandom } from '../cluster/prng';
import type { EngineContext } from '../host/context';
import { saveModel } from '../store/model-store';
import type { ProjectStore } from '../store/project-store';
import { resolveColumn } from '../store/column-reader';
import { getSegmentation } from '../store/segmentation-store';
import { fitTree, nodeFor, type FittedTree, type TreeFeature } from './cart';
import { modelInvalid, resolveColumns, ruleColumns, treeFeatures } from './tree-data';
import { conditionsOf, conditionText, pathRules, splitText, treeScheme, type RuleColumn } from './tree-rules';

type FitParams = ParamsOut<'tree.fit'>;

/**
 * Class codes from a saved segmentation (its segment order) or from a label column of a dataset
 * (labels in order of first appearance).
 */
function classesOf(store: ProjectStore, p: FitParams): { codes: Int32Array; classes: string[]; datasetId: string; name: string; columnKey: string } {
  let datasetId: string;
  let columnKey: string;
  let name: string;
  let order: string[] = [];
  if (p.segmentationId !== undefined) {
    const seg = getSegmentation(store, p.segmentationId);
    datasetId = seg.datasetId;
    columnKey = seg.columnKey;
    name = seg.name;
    order = seg.segments.map((s) => s.name);
  } else {
    const ds = store.getDataset(p.datasetId!);
    const col = resolveColumn(ds.columns, p.target!);
    datasetId = ds.id;
    columnKey = col.key;
    name = col.name;
  }
  const cat = readerFor(store).category(datasetId, columnKey);
  const classes = [...order.filter((n) => cat.labels.includes(n)), ...cat.labels.filter((l) => !order.includes(l))];
  const index = new Map(classes.map((c, i) => [c, i]));
  const map = cat.labels.map((l) => index.get(l)!);
  const codes = Int32Array.from(cat.codes, (c) => (c < 0 ? -1 : map[c]!));
  return { codes, classes, datasetId, name, columnKey };
}

function complete(features: TreeFeature[], target: Int32Array): Int32Array {
  const keep: number[] = [];
  for (let r = 0; r < target.length; r++) {
    if (target[r]! < 0) continue;
    let ok = true;
    for (const f of features) {
      if (f.kind === 'numeric' ? Number.isNaN(f.values[r]!) : f.codes[r]! < 0) {
        ok = false;
        break;
      }
    }
    if (ok) keep.push(r);
  }
  return Int32Array.from(keep);
}

/** Seeded split: a shuffled copy, the first `testShare` of it held out. */
function splitRows(rows: Int32Array, testShare: number, seed: number): { train: Int32Array; test: Int32Array } {
  const shuffled = Int32Array.from(rows);
  const rng = new SeededRandom(seed, 0);
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    const t = shuffled[i]!;
    shuffled[i] = shuffled[j]!;
    shuffled[j] = t;
  }
  const nTest = Math.round(rows.length * testShare);
  return { test: shuffled.slice(0, nTest).sort(), train: shuffled.slice(nTest).sort() };
}

function scores(tree: FittedTree, features: TreeFeature[], target: Int32Array, rows: Int32Array, classes: string[]): { accuracy: number | null; perClass: TreeModel['perClass'] } {
  const K = classes.length;
  const tp = new Float64Array(K);
  const predicted = new Float64Array(K);
  const actual = new Float64Array(K);
  let ok = 0;
  for (const r of rows) {
    const p = tree.nodes[nodeFor(tree, features, r)]!.prediction;
    const a = target[r]!;
    predicted[p]! += 1;
    actual[a]! += 1;
    if (p === a) {
      ok++;
      tp[a]! += 1;
    }
  }
  return {
    accuracy: rows.length > 0 ? ok / rows.length : null,
    perClass: classes.map((segment, c) => ({
      segment,
      support: actual[c]!,
      precision: predicted[c]! > 0 ? tp[c]! / predicted[c]! : null,
      recall: actual[c]! > 0 ? tp[c]! / actual[c]! : null,
    })),
  };
}

/** Fits, explains and saves a tree model for a segmentation. */
export async function fitTreeModel(ctx: EngineContext, p: FitParams): Promise<TreeResult> {
  const store = ctx.store();
  const target = classesOf(store, p);
  if (target.classes.length < 2) throw modelInvalid(`"${target.name}" has fewer than 2 segments to tell apart`, `“${target.name}”少于 2 个细分，无需解释`);
  if (target.classes.length > 1000) throw modelInvalid(`"${target.name}" has ${target.classes.length} different values: not segment labels`, `“${target.name}”有 ${target.classes.length} 个不同取值，不像细分标签`);
  const columns = resolveColumns(store, target.datasetId, p.columns, target.columnKey);
  ctx.progress(0, 1, 'read');
  const features = treeFeatures(store, target.datasetId, columns);
  await ctx.checkpoint();
  const usable = complete(features, target.codes);
  if (usable.length < 2 * p.minLeaf) {
    throw modelInvalid(`Only ${usable.length} customers have a segment and every selected value`, `只有 ${usable.length} 位客户同时有细分和所选各列的值`);
  }
  const { train, test } = splitRows(usable, p.testShare, p.seed);
  const tree = await fitTree(features, target.codes, target.classes.length, train, { maxDepth: p.maxDepth, minLeaf: p.minLeaf }, async (done, total) => {
    ctx.progress(done, total, 'model');
    await ctx.checkpoint();
  });
  const rc = ruleColumns(columns, features, train);
  const trainScore = scores(tree, features, target.codes, train, target.classes);
  const testScore = scores(tree, features, target.codes, test, target.classes);
  const record = describe(tree, features, target.codes, target.classes, rc, {
    segmentationId: p.segmentationId ?? null,
    segmentationName: target.name,
    targetKey: target.columnKey,
    columns: columns.map((c, j) => ({ name: c.name, key: c.key, kind: features[j]!.kind, integer: rc[j]!.integer, date: rc[j]!.date, levels: [...rc[j]!.levels] })),
    settings: { maxDepth: p.maxDepth, minLeaf: p.minLeaf, testShare: p.testShare, seed: p.seed },
    rowsTrain: train.length,
    rowsTest: test.length,
    rowsSkipped: target.codes.length - usable.length,
    trainAccuracy: trainScore.accuracy ?? 0,
    testAccuracy: testScore.accuracy,
    perClass: test.length > 0 ? testScore.perClass : trainScore.perClass,
  });
  const info = saveModel(store, { datasetId: target.datasetId, kind: 'tree', name: p.name ?? `决策树解释：${target.name}`, record });
  return treeResult(info, record);
}

type Described = Omit<TreeModel, 'nodes' | 'splits' | 'rules' | 'scheme' | 'classes' | 'kind' | 'version'>;

/** Nodes, rules (with coverage and accuracy over every labelled row) and the scheme. */
function describe(tree: FittedTree, features: TreeFeature[], target: Int32Array, classes: string[], rc: RuleColumn[], base: Described): TreeModel {
  const reach = new Float64Array(tree.nodes.length);
  const right = new Float64Array(tree.nodes.length);
  for (let r = 0; r < target.length; r++) {
    if (target[r]! < 0) continue;
    const node = nodeFor(tree, features, r);
    reach[node]! += 1;
    if (tree.nodes[node]!.prediction === target[r]) right[node]! += 1;
  }
  const rules = pathRules(tree, rc)
    .filter((r) => r.missing === null)
    .map((r) => ({
      node: r.node,
      segment: classes[r.prediction]!,
      text: conditionText(r, rc),
      coverage: reach[r.node]!,
      accuracy: reach[r.node]! > 0 ? right[r.node]! / reach[r.node]! : null,
      conditions: conditionsOf(r, rc),
    }))
    .sort((a, b) => classes.indexOf(a.segment) - classes.indexOf(b.segment) || b.coverage - a.coverage);
  return {
    kind: 'tree',
    version: 1,
    ...base,
    classes,
    nodes: tree.nodes.map((n) => ({
      id: n.id,
      depth: n.depth,
      n: n.n,
      counts: n.counts,
      prediction: classes[n.prediction]!,
      split: n.split ? splitText(n.split, rc) : null,
      column: n.split ? rc[n.split.feature]!.name : null,
      left: n.left,
      right: n.right,
    })),
    splits: tree.nodes.map((n) => n.split),
    rules,
    scheme: treeScheme(`决策树规则：${base.segmentationName}`, tree, rc, classes),
  };
}

export function treeResult(model: ModelInfo, record: TreeModel): TreeResult {
  const { kind: _kind, version: _version, splits: _splits, ...rest } = record;
  return { ...rest, model };
}

/** The fitted tree back from a stored record (for row explanations). */
export function storedTree(record: TreeModel): FittedTree {
  return {
    classes: record.classes.length,
    nodes: record.nodes.map((n, i) => ({
      id: n.id,
      depth: n.depth,
      counts: n.counts,
      n: n.n,
      prediction: record.classes.indexOf(n.prediction),
      split: record.splits[i] ?? null,
      left: n.left,
      right: n.right,
    })),
  };
}
