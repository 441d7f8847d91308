import { resolve } from 'node:path';
import type { DatasetInfo } from '../../../../shared/contract/datasets';
import { KequnError } from '../../../../shared/contract/errors';
import { filterSpecSchema, type FilterSpecIn, type SortSpec } from '../../../../shared/contract/rows';
import type { CliCommand } from '../command';
import { arg, DATASET_OPTION } from '../options';

/** A column given by name or key, as its key (the grid's specs use keys). */
function keyOf(ds: DatasetInfo, column: string): string {
  const c = ds.columns.find((x) => x.name === column) ?? ds.columns.find((x) => x.key === column);
  if (!c) throw new KequnError('COLUMN_NOT_FOUND', `Dataset ${ds.name} has no column ${column}`, { zh: `数据集“${ds.name}”中没有列 ${column}` });
  return c.key;
}

/** "M:desc,R" → the grid's sort specs. */
function parseSort(ds: DatasetInfo, text: string): SortSpec[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const m = s.match(/^(.*?)(?::(asc|desc))?$/)!;
      return { column: keyOf(ds, m[1]!), dir: m[2] === 'desc' ? 'desc' : 'asc' };
    });
}

/** Each --filter is one of the grid's filter specs as JSON (as in `kequn rows`); "column" may be a name. */
function parseFilters(ds: DatasetInfo, items: readonly string[]): FilterSpecIn[] {
  return items.map((item) => {
    let raw: unknown;
    try {
      raw = JSON.parse(item);
    } catch {
      throw new KequnError('USAGE', `--filter is not JSON: ${item}`, { zh: `--filter 不是 JSON：${item}` });
    }
    const withKey = typeof raw === 'object' && raw !== null && 'column' in raw && typeof raw.column === 'string' ? { ...raw, column: keyOf(ds, raw.column) } : raw;
    const parsed = filterSpecSchema.safeParse(withKey);
    if (!parsed.success) throw new KequnError('USAGE', `Invalid --filter ${item}: ${parsed.error.issues[0]?.message ?? ''}`, { zh: `--filter 无效：${item}` });
    return parsed.data;
  });
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: { zh: '把数据集（或其筛选、排序后的视图）导出为 .xlsx 或 .csv', en: 'Export a dataset (or a filtered, sorted view of it) to .xlsx or .csv' },
  usage:
    'kequn export --project P --dataset D --out FILE.xlsx|FILE.csv [--encoding utf-8-bom|gb18030] [--columns a,b] [--sort M:desc,R] [--filter JSON]… [--json]',
  options: {
    dataset: DATASET_OPTION,
    out: arg('FILE', '输出文件，按扩展名决定格式（.xlsx 或 .csv）', 'output file; .xlsx or .csv by its extension'),
    encoding: arg('utf-8-bom|gb18030', 'CSV 的编码', 'CSV encoding', { choices: ['utf-8-bom', 'gb18030'], default: 'utf-8-bom' }),
    columns: arg('a,b', '只导出这些列，按此顺序（默认全部）', 'export only these columns, in this order (default all)'),
    sort: arg('COL[:desc],…', '排序：列名，加 :desc 为降序，逗号分隔多列', 'sort: column names, :desc for descending, comma-separated'),
    filter: arg('JSON', '一个筛选条件（FilterSpec JSON），多个条件同时满足', 'one filter (FilterSpec JSON); several must all hold', { multiple: true }),
  },
  async run(ctx) {
    const { dataset, out, encoding, columns, sort, filter } = ctx.values;
    if (typeof dataset !== 'string' || typeof out !== 'string') {
      throw new KequnError('USAGE', 'Missing --dataset D or --out FILE', { zh: '缺少参数 --dataset D 或 --out FILE' });
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
        ...(typeof sort === 'string' ? { sort: parseSort(ds, sort) } : {}),
        ...(Array.isArray(filter) ? { filters: parseFilters(ds, filter.map(String)) } : {}),
      },
      { onProgress: (p) => ctx.progress(ctx.lang === 'zh' ? '导出' : 'Export', p.done, p.total) },
    );
  },
};
