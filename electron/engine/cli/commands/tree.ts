import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TreeResult, TreeRowExplanation } from '../../../../shared/contract/tree';
import type { SegmentRunResult } from '../../../../shared/contract/segment';
import { KequnError } from '../../../../shared/contract/errors';
import type { CliCommand } from '../command';
import { arg, DATASET_OPTION, NAME_OPTION } from '../options';
import { bad, decimal, integer, list, pct, progress, text } from './model-cli-args';

/** `kequn tree`: explain a segmentation with a decision tree; explain one row; score new data with its rules. */
export const treeCommand: CliCommand = {
  name: 'tree',
  summary: { zh: '决策树解释细分结果（规则、准确率、单个客户的原因）', en: 'Explain a segmentation with a decision tree (rules, accuracy, why one customer)' },
  usage:
    'kequn tree --project P (--segmentation S | --dataset D --target LABELS) --columns a,b,c [--depth 4] [--min-leaf 20] [--test-share 0.3] [--seed 42] [--name N] [--scheme-out rules.json] [--json]\n' +
    'kequn tree --project P --model M --why ROW [--json]\n' +
    'kequn tree --project P --model M --score-dataset D [--name N] [--json]',
  details: {
    zh: [
      '分类树（CART，基尼系数）：用所选列解释一个已保存的细分结果（规则、RFM-8、K-均值……），',
      '或者数据集中的一个标签列（例如导入的细分标签：--dataset D --target 列名）。',
      '  --columns      解释用的列；文本列按取值子集切分，数值与日期列按阈值切分（“≤ 阈值”走左枝）',
      '  --depth        树的最大深度（默认 4）；--min-leaf 每个叶子至少的客户数（默认 20）',
      '  --test-share   按种子随机留出的比例（默认 0.3），用来计算准确率、各细分的精确率和召回率；树只在其余客户上生长',
      '  --seed         留出样本的随机种子（默认 42）',
      '  --scheme-out   把规则写成规则方案 JSON，可用 kequn segment rules --scheme 文件 给新数据打标签',
      '  --model M --why ROW           第 ROW 行（从 1 起，与表格行号一致）为什么在这一群：逐层条件',
      '  --model M --score-dataset D   用树的规则给数据集 D 打标签（保存为规则细分）',
      '约定：只用细分标签和所选各列都有值的客户训练；某列为空的客户停在用到该列的节点，取该节点的多数细分；',
      '同样好的切分取列顺序在前、阈值较小者；预测相同的兄弟叶子会合并，预测不变。',
    ].join('\n'),
    en: [
      'Classification tree (CART, Gini) explaining a saved segmentation (rules, RFM-8, k-means, …) with the chosen columns,',
      'or a label column of a dataset (e.g. imported segment labels: --dataset D --target COLUMN).',
      '  --columns      explanatory columns; text columns split by subsets of values, numbers and dates by a threshold ("≤ t" goes left)',
      '  --depth        maximum depth (default 4); --min-leaf fewest customers per leaf (default 20)',
      '  --test-share   seeded held-out share (default 0.3) for accuracy and per-segment precision and recall; the tree grows on the rest',
      '  --seed         seed of the held-out draw (default 42)',
      '  --scheme-out   write the rules as a rule scheme JSON that kequn segment rules --scheme FILE applies to new data',
      '  --model M --why ROW           why row ROW (1-based, as in the grid) is in its segment: the conditions on its path',
      '  --model M --score-dataset D   label dataset D with the tree\'s rules (saved as a rule segmentation)',
      'Conventions: training uses customers with a segment and every selected value; a customer missing a column stops at the',
      'node that tests it and takes that node\'s majority; equally good splits: the earlier column, then the lower threshold;',
      'sibling leaves with the same prediction are merged (predictions unchanged).',
    ].join('\n'),
  },
  options: {
    segmentation: arg('S', '要解释的细分结果 id', 'segmentation to explain'),
    dataset: DATASET_OPTION,
    target: arg('LABELS', '数据集中的标签列（代替 --segmentation）', 'label column of the dataset (instead of --segmentation)'),
    columns: arg('a,b,c', '解释用的列', 'explanatory columns'),
    depth: arg('N', '树的最大深度', 'maximum depth', { default: '4' }),
    'min-leaf': arg('N', '每个叶子至少的客户数', 'fewest customers per leaf', { default: '20' }),
    'test-share': arg('0..1', '留出样本的比例', 'held-out share', { default: '0.3' }),
    seed: arg('N', '留出样本的随机种子', 'seed of the held-out draw', { default: '42' }),
    name: NAME_OPTION,
    'scheme-out': arg('FILE.json', '把规则写成规则方案 JSON', 'write the rules as a rule scheme JSON'),
    model: arg('M', '已保存的决策树模型 id', 'saved tree model id'),
    why: arg('ROW', '解释第 ROW 行（从 1 起）的归属', 'explain row ROW (1-based)'),
    'score-dataset': arg('D', '用树的规则打标签的数据集', "dataset to label with the tree's rules"),
  },
  async run(ctx) {
    await ctx.openProject();
    const model = text(ctx, 'model');
    const name = text(ctx, 'name');
    if (model) {
      const why = integer(ctx, 'why');
      if (why !== undefined) {
        if (why < 1) throw bad('--why counts rows from 1', '--why 的行号从 1 开始');
        const r = await ctx.client().call('tree.explainRow', { modelId: model, row: why - 1 });
        return { why: r };
      }
      const target = text(ctx, 'score-dataset');
      if (target) {
        const r = await ctx.client().call('tree.score', { modelId: model, datasetId: target, ...(name ? { name } : {}) }, progress(ctx));
        return { scored: scoreOutput(r) };
      }
      const r = await ctx.client().call('tree.get', { modelId: model });
      return writeScheme(ctx.values['scheme-out'], fitOutput(r));
    }
    const segmentationId = text(ctx, 'segmentation');
    const dataset = text(ctx, 'dataset');
    const targetColumn = text(ctx, 'target');
    if (!segmentationId && !(dataset && targetColumn)) throw bad('Missing --segmentation S (or --dataset D --target LABELS)', '缺少参数 --segmentation S（或 --dataset D --target 标签列）');
    const columns = list(ctx, 'columns');
    if (columns.length === 0) throw bad('Missing --columns a,b,c', '缺少参数 --columns a,b,c');
    const depth = integer(ctx, 'depth');
    const minLeaf = integer(ctx, 'min-leaf');
    const testShare = decimal(ctx, 'test-share');
    const seed = integer(ctx, 'seed');
    const r = await ctx.client().call(
      'tree.fit',
      {
        ...(segmentationId ? { segmentationId } : { datasetId: dataset!, target: targetColumn! }),
        columns,
        ...(depth !== undefined ? { maxDepth: depth } : {}),
        ...(minLeaf !== undefined ? { minLeaf } : {}),
        ...(testShare !== undefined ? { testShare } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(name ? { name } : {}),
      },
      progress(ctx),
    );
    return writeScheme(ctx.values['scheme-out'], fitOutput(r));
  },
  human(result, lang) {
    const r = result as { why?: TreeRowExplanation; scored?: ReturnType<typeof scoreOutput> } & Partial<ReturnType<typeof fitOutput>>;
    const zh = lang === 'zh';
    if (r.why) {
      const w = r.why;
      const lines = w.steps.map((s) => `  ${zh ? s.text.zh : s.text.en}  (${s.column} = ${s.value === null ? '—' : String(s.value)})`);
      return [`${zh ? '第' : 'Row'} ${w.row + 1}${zh ? ' 行' : ''}: ${zh ? '预测' : 'predicted'} ${w.predicted}, ${zh ? '实际' : 'actual'} ${w.actual ?? '—'}`, ...lines].join('\n');
    }
    if (r.scored) return `${zh ? '细分' : 'Segmentation'} ${r.scored.segmentation}: ${r.scored.segments.map((s) => `${s.name} ${s.count}`).join(', ')}`;
    const head = `${zh ? '模型' : 'Model'} ${r.model}  ${zh ? '训练准确率' : 'train accuracy'} ${pct(r.trainAccuracy ?? null)}  ${zh ? '留出准确率' : 'held-out accuracy'} ${pct(r.testAccuracy ?? null)}`;
    const rules = (r.rules ?? []).map((x) => `${zh ? x.text.zh : x.text.en} → ${x.segment}${zh ? '，覆盖' : ', covers'} ${x.coverage}${zh ? ' 人，准确' : ', accuracy'} ${pct(x.accuracy)}`);
    return [head, ...rules].join('\n');
  },
};

function fitOutput(r: TreeResult) {
  return {
    model: r.model.id,
    segmentation: r.segmentationId,
    explained: r.segmentationName,
    rowsTrain: r.rowsTrain,
    rowsTest: r.rowsTest,
    rowsSkipped: r.rowsSkipped,
    trainAccuracy: r.trainAccuracy,
    testAccuracy: r.testAccuracy,
    perClass: r.perClass,
    rules: r.rules.map((x) => ({ segment: x.segment, text: x.text, coverage: x.coverage, accuracy: x.accuracy })),
    scheme: r.scheme,
  };
}

function writeScheme(out: unknown, result: ReturnType<typeof fitOutput>): ReturnType<typeof fitOutput> & { schemeFile?: string } {
  if (typeof out !== 'string' || out === '') return result;
  const file = resolve(out);
  try {
    writeFileSync(file, JSON.stringify(result.scheme, null, 2));
  } catch (e) {
    throw new KequnError('FILE_WRITE_FAILED', `Could not write ${file}`, { zh: `无法写入 ${file}`, cause: e });
  }
  return { ...result, schemeFile: file };
}

function scoreOutput(r: SegmentRunResult) {
  return { segmentation: r.segmentation?.id ?? null, segments: r.segments.map((s) => ({ name: s.name, count: s.count })), unassigned: r.unassigned };
}
