import type { ParamsOut } from '../../../shared/contract/index';
import type { SegmentRunResult } from '../../../shared/contract/segment';
import { treeModelSchema, type TreeRowExplanation, type TreeRowStep } from '../../../shared/contract/tree';
import { readerFor } from '../cluster/model-record';
import type { EngineContext } from '../host/context';
import { readModelRecord } from '../store/model-store';
import { runRules } from '../segment/rules';
import { workFrom } from '../segment/work';
import { modelInvalid, storedFeatures } from './tree-data';
import { branchText, type RuleColumn } from './tree-rules';
import { storedTree } from './tree-run';

/** "Why is this customer in this segment": the tree path of one row of the model's dataset. */
export function explainRow(ctx: EngineContext, p: ParamsOut<'tree.explainRow'>): TreeRowExplanation {
  const store = ctx.store();
  const { info, record } = readModelRecord(store, p.modelId, 'tree', treeModelSchema);
  const ds = store.getDataset(info.datasetId);
  if (p.row >= ds.rowCount) throw modelInvalid(`Row ${p.row + 1} is past the last row (${ds.rowCount})`, `第 ${p.row + 1} 行超出了数据行数（${ds.rowCount}）`);
  const features = storedFeatures(store, ds.id, record, true);
  const tree = storedTree(record);
  const rc: RuleColumn[] = record.columns.map((c) => ({ name: c.name, kind: c.kind, integer: c.integer, date: c.date, levels: c.levels }));
  const steps: TreeRowStep[] = [];
  let id = 0;
  for (;;) {
    const node = tree.nodes[id]!;
    const split = node.split;
    if (!split) break;
    const f = features[split.feature]!;
    const col = rc[split.feature]!;
    if (split.kind === 'numeric') {
      const v = f.kind === 'numeric' ? f.values[p.row]! : NaN;
      if (Number.isNaN(v)) {
        steps.push({ column: col.name, value: null, text: { zh: `${col.name} 为空，停在此处`, en: `${col.name} is empty, so the row stops here` } });
        break;
      }
      const left = v <= split.threshold;
      steps.push({ column: col.name, value: v, text: branchText(split, rc, left) });
      id = left ? node.left : node.right;
    } else {
      const code = f.kind === 'category' ? f.codes[p.row]! : -1;
      if (code === -1) {
        steps.push({ column: col.name, value: null, text: { zh: `${col.name} 为空，停在此处`, en: `${col.name} is empty, so the row stops here` } });
        break;
      }
      const left = split.left.includes(code);
      const raw = readerFor(store).category(ds.id, record.columns[split.feature]!.key);
      const label = raw.codes[p.row]! >= 0 ? raw.labels[raw.codes[p.row]!]! : null;
      steps.push({ column: col.name, value: label, text: branchText(split, rc, left) });
      id = left ? node.left : node.right;
    }
  }
  const predicted = record.classes[tree.nodes[id]!.prediction]!;
  const labels = readerFor(store).category(ds.id, record.targetKey);
  const actual = labels.codes[p.row]! >= 0 ? labels.labels[labels.codes[p.row]!]! : null;
  const rule = record.rules.find((r) => r.node === id);
  return {
    row: p.row,
    actual,
    predicted,
    agrees: actual === predicted,
    steps,
    rule: rule ? { text: rule.text, coverage: rule.coverage, accuracy: rule.accuracy } : null,
  };
}

/** Labels a dataset with the tree's rule scheme (same labels as the tree; saved as a rule segmentation). */
export async function scoreWithTree(ctx: EngineContext, p: ParamsOut<'tree.score'>): Promise<SegmentRunResult> {
  const { record } = readModelRecord(ctx.store(), p.modelId, 'tree', treeModelSchema);
  return runRules(workFrom(ctx), { datasetId: p.datasetId, scheme: record.scheme, preview: false, ...(p.name ? { name: p.name } : {}) });
}
