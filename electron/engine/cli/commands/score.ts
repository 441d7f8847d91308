import { KequnError } from '../../../../shared/contract/errors';
import type { ScoreResult } from '../../../../shared/contract/cluster';
import type { CliCommand } from '../command';
import { arg, NAME_OPTION } from '../options';

/** `kequn score`: apply a saved k-means model to another dataset. */
export const scoreCommand: CliCommand = {
  name: 'score',
  summary: { zh: '用已保存的聚类模型为另一个数据集分群', en: 'Apply a saved k-means model to another dataset' },
  usage: 'kequn score --project P --model M --dataset D2 [--name N] [--json]',
  options: {
    model: arg('M', '已保存的 K-均值模型 id', 'saved k-means model id'),
    dataset: arg('D2', '要分群的数据集 id（须含模型的各列）', 'dataset to label (must hold the model\'s columns)'),
    name: NAME_OPTION,
  },
  async run(ctx) {
    const model = ctx.values.model;
    const dataset = ctx.values.dataset;
    if (typeof model !== 'string' || !model) throw new KequnError('USAGE', 'Missing --model M', { zh: '缺少参数 --model M' });
    if (typeof dataset !== 'string' || !dataset) throw new KequnError('USAGE', 'Missing --dataset D', { zh: '缺少参数 --dataset D' });
    const name = typeof ctx.values.name === 'string' ? ctx.values.name : undefined;
    await ctx.openProject();
    const r: ScoreResult = await ctx.client().call(
      'cluster.score',
      { segmentationId: model, datasetId: dataset, ...(name ? { name } : {}) },
      { onProgress: (p) => ctx.progress(p.label, p.done, p.total) },
    );
    return {
      segmentation: { id: r.segmentation.id },
      model: r.modelId,
      assigned: r.assigned,
      unassigned: r.unassigned,
      clusters: r.clusters,
      drift: r.drift,
      warning: r.warning,
    };
  },
  human(result, lang) {
    const r = result as { segmentation: { id: string }; assigned: number; clusters: { id: number; name: string; size: number }[]; warning: { zh: string; en: string } | null };
    const lines = r.clusters.map((c) => `${c.id}\t${c.name}\t${c.size}`);
    return [`${lang === 'zh' ? '细分' : 'Segmentation'} ${r.segmentation.id}: ${r.assigned}`, ...lines, ...(r.warning ? [lang === 'zh' ? r.warning.zh : r.warning.en] : [])].join('\n');
  },
};
