import { resolve } from 'node:path';
import { KequnError } from '../../../../shared/contract/errors';
import type { CliCommand } from '../command';

export const exportCommand: CliCommand = {
  name: 'export',
  summary: { zh: '把数据集导出为 .xlsx 或 .csv', en: 'Export a dataset to .xlsx or .csv' },
  usage: 'kequn export --project P --dataset D --out FILE.xlsx|FILE.csv [--encoding utf-8-bom|gb18030] [--columns a,b] [--json]',
  options: { dataset: { type: 'string' }, out: { type: 'string' }, encoding: { type: 'string' }, columns: { type: 'string' } },
  async run(ctx) {
    const { dataset, out, encoding, columns } = ctx.values;
    if (typeof dataset !== 'string' || typeof out !== 'string') {
      throw new KequnError('VALIDATION', 'Missing --dataset D or --out FILE', { zh: '缺少参数 --dataset D 或 --out FILE' });
    }
    await ctx.openProject();
    const client = ctx.client();
    const ds = await client.call('datasets.get', { datasetId: dataset });
    return client.call(
      'exports.dataset',
      {
        datasetId: ds.id,
        path: resolve(out),
        ...(encoding === 'gb18030' || encoding === 'utf-8-bom' || encoding === 'utf-8' ? { encoding } : {}),
        ...(typeof columns === 'string' ? { columns: columns.split(',').map((c) => c.trim()) } : {}),
      },
      { onProgress: (p) => ctx.progress(ctx.lang === 'zh' ? '导出' : 'Export', p.done, p.total) },
    );
  },
};
