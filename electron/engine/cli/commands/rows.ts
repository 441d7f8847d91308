import { KequnError } from '../../../../shared/contract/errors';
import { filterSpecSchema, type FilterSpecIn, type SortSpec } from '../../../../shared/contract/rows';
import type { CliCommand, CliValues } from '../command';
import { arg, flag, DATASET_OPTION } from '../options';

const USAGE = [
  'kequn rows --project P --dataset D [--offset N] [--limit N] [--sort c3:desc,c1] [--filter JSON]… [--columns c0,c1] [--json]',
  'kequn rows stats --project P --dataset D --column c3 [--filter JSON]… [--json]',
  'kequn rows distinct --project P --dataset D --column c2 [--search TEXT] [--limit N] [--filter JSON]… [--json]',
  'kequn rows aggregate --project P --dataset D --columns c3,c4 [--offset N] [--limit N] [--sort …] [--filter JSON]… [--json]',
  '    (the status bar of a selection: 计数 non-empty cells, 数值计数 numbers, 求和/平均值/最小值/最大值 over the numbers; dates and invalid text are cells, not numbers)',
  'kequn rows date-tree --project P --dataset D --column c5 [--filter JSON]… [--json]   (dates by year/month/day, as the date filter lists them)',
  'kequn rows find --project P --dataset D --text TEXT [--from ROW:COLUMN] [--prev] [--sort …] [--filter JSON]… [--json]',
].join('\n');

function fail(en: string, zh: string): never {
  throw new KequnError('USAGE', en, { zh });
}

/** "c3:desc,c1" → [{c3 desc}, {c1 asc}]. */
function parseSort(text: unknown): SortSpec[] {
  if (typeof text !== 'string' || text === '') return [];
  return text.split(',').map((part) => {
    const [column = '', dir = 'asc'] = part.trim().split(':');
    if (dir !== 'asc' && dir !== 'desc') fail(`Sort direction must be asc or desc: ${part}`, `排序方向只能是 asc 或 desc：${part}`);
    return { column, dir };
  });
}

/** Each --filter is one FilterSpec as JSON, e.g. '{"kind":"oneOf","column":"c2","values":["北京"]}'. */
function parseFilters(values: CliValues): FilterSpecIn[] {
  const raw = values.filter;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.map((item) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(String(item));
    } catch {
      fail(`--filter is not JSON: ${String(item)}`, `--filter 不是 JSON：${String(item)}`);
    }
    const ok = filterSpecSchema.safeParse(parsed);
    if (!ok.success) fail(`Invalid --filter ${String(item)}: ${ok.error.issues[0]?.message ?? ''}`, `--filter 无效：${String(item)}`);
    return parsed as FilterSpecIn;
  });
}

function int(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) fail(`--${name} must be a whole number`, `--${name} 必须是非负整数`);
  return n;
}

/** Reads a dataset the way the grid does: a page of a sorted, filtered view; statistics; value lists; find. */
export const rowsCommand: CliCommand = {
  name: 'rows',
  summary: { zh: '按排序和筛选读取数据集的行、列统计、值列表、选区合计、日期树或查找单元格', en: 'Read rows of a sorted, filtered view; column statistics; value lists; selection sums; date tree; find' },
  usage: USAGE,
  options: {
    dataset: DATASET_OPTION,
    offset: arg('N', '从第几行开始（从 0 起）', 'first row (0-based)', { default: '0' }),
    limit: arg('N', '最多返回的行数（或值的个数）', 'most rows (or values) to return'),
    sort: arg('COL[:desc],…', '排序：列，加 :desc 为降序', 'sort: columns, :desc for descending'),
    filter: arg('JSON', '一个筛选条件（FilterSpec JSON），多个条件同时满足', 'one filter (FilterSpec JSON); several must all hold', { multiple: true }),
    columns: arg('c0,c1', '只返回这些列（aggregate：要合计的列）', 'only these columns (aggregate: the columns to sum up)'),
    column: arg('C', 'stats、distinct、date-tree 的列', 'column for stats, distinct, date-tree'),
    search: arg('TEXT', 'distinct：只列出包含该文字的值', 'distinct: only values containing this text'),
    text: arg('TEXT', 'find：要查找的文字', 'find: the text to look for'),
    from: arg('ROW:COLUMN', 'find：从这个单元格之后开始查找', 'find: start after this cell'),
    prev: flag('find：向前查找', 'find: search backwards'),
  },
  async run(ctx) {
    const v = ctx.values;
    const sub = ctx.positionals[0] ?? 'page';
    if (typeof v.dataset !== 'string') fail('Missing --dataset D', '缺少参数 --dataset D');
    await ctx.openProject();
    const client = ctx.client();
    const datasetId = (await client.call('datasets.get', { datasetId: v.dataset })).id;
    const sort = parseSort(v.sort);
    const filters = parseFilters(v);
    const column = typeof v.column === 'string' ? v.column : null;
    switch (sub) {
      case 'page':
        return client.call('rows.page', {
          datasetId,
          sort,
          filters,
          offset: int(v.offset, 'offset', 0),
          limit: int(v.limit, 'limit', 20),
          ...(typeof v.columns === 'string' ? { columns: v.columns.split(',').map((c) => c.trim()) } : {}),
        });
      case 'stats':
        if (!column) fail('Missing --column', '缺少参数 --column');
        return client.call('rows.stats', { datasetId, column, filters }, { onProgress: (p) => ctx.progress(ctx.lang === 'zh' ? '统计' : 'Statistics', p.done, p.total) });
      case 'distinct':
        if (!column) fail('Missing --column', '缺少参数 --column');
        return client.call('rows.distinct', { datasetId, column, filters, limit: int(v.limit, 'limit', 1000), ...(typeof v.search === 'string' ? { search: v.search } : {}) });
      case 'find': {
        if (typeof v.text !== 'string' || v.text === '') fail('Missing --text', '缺少参数 --text');
        let from: { row: number; column: string } | undefined;
        if (typeof v.from === 'string') {
          const [row, col] = v.from.split(':');
          from = { row: int(row, 'from', 0), column: col ?? 'c0' };
        }
        return client.call('rows.find', { datasetId, sort, filters, text: v.text, direction: v.prev ? 'prev' : 'next', ...(from ? { from } : {}) });
      }
      case 'aggregate': {
        if (typeof v.columns !== 'string') fail('Missing --columns', '缺少参数 --columns');
        const from = int(v.offset, 'offset', 0);
        const to = v.limit === undefined ? Number.MAX_SAFE_INTEGER : from + int(v.limit, 'limit', 0);
        const columns = v.columns.split(',').map((c) => c.trim());
        return client.call('rows.aggregate', { datasetId, sort, filters, blocks: [{ from, to, columns }] });
      }
      case 'date-tree':
        if (!column) fail('Missing --column', '缺少参数 --column');
        return client.call('rows.dateTree', { datasetId, column, filters });
      default:
        return fail(`Unknown rows sub-command: ${sub}`, `未知的 rows 子命令：${sub}`);
    }
  },
};
