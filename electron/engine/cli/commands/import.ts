import { resolve } from 'node:path';
import { KequnError } from '../../../../shared/contract/errors';
import { IMPORT_ENCODINGS, type ImportEncoding, type ImportRunResult } from '../../../../shared/contract/import';
import type { CliCommand } from '../command';
import { arg, flag } from '../options';

export const importCommand: CliCommand = {
  name: 'import',
  summary: { zh: '导入 Excel/CSV 文件为数据集（项目不存在时自动创建）', en: 'Import an Excel/CSV file as datasets (creates the project if missing)' },
  usage: 'kequn import <file> --project P [--sheet NAME | --all-sheets] [--encoding auto|utf-8|gb18030|utf-16le|big5] [--header-row N] [--name NAME] [--date-order auto|mdy|dmy] [--json]',
  details: {
    zh: [
      '--date-order：10/2/2017 这类日期，auto 按每列的单元格判断（有大于 12 的数即为日）；',
      '  日和月都不超过 12 的列按 月/日 读取，并在警告中标出',
      "约定：NA、N/A、#N/A、null、'null、none、nan、empty、-、--、空 以及只有空格的单元格存为空值（在警告中计数）；",
      "  是/否列保留原来的文字（是/否、yes/no、Y/N）；CSV 中 = + - @ 前的 ' 是公式保护符，导入时去掉；",
      '  NUL 字符被删除；日期时间保留秒；单元格内的换行统一为 LF；-0 读作 0；',
      '  位数超出双精度（如 18 位订单号、身份证号）的整数保留为文本，末位不丢失。',
    ].join('\n'),
    en: [
      '--date-order: dates written 10/2/2017: auto decides per column from its cells (a number above 12 is a day);',
      '  a column where every day and month is ≤ 12 is read month/day and flagged in the warnings',
      "Conventions: NA, N/A, #N/A, null, 'null, none, nan, empty, -, --, 空 and cells of only spaces are stored empty (counted in the warnings);",
      "  yes/no columns keep their words (是/否, yes/no, Y/N); a leading ' before = + - @ in CSV is the formula guard and is dropped;",
      '  NUL characters are removed; date-times keep their seconds; line breaks in a cell become LF; -0 is read as 0;',
      '  whole numbers longer than a double holds (18-digit order or ID-card numbers) stay text, every digit kept.',
    ].join('\n'),
  },
  options: {
    sheet: arg('NAME', '要导入的工作表（默认第一个）', 'sheet to import (default the first)'),
    'all-sheets': flag('每个工作表导入为一个数据集', 'import every sheet as its own dataset'),
    encoding: arg('auto|utf-8|gb18030|utf-16le|big5', 'CSV 的编码', 'CSV encoding', { choices: IMPORT_ENCODINGS, default: 'auto' }),
    'header-row': arg('N', '表头所在行（从 1 起；0 表示没有表头；默认自动识别）', 'header row (1-based; 0 for none; default detected)'),
    name: arg('NAME', '数据集名称（默认为文件名或工作表名）', 'dataset name (default the file or sheet name)'),
    'date-order': arg('auto|mdy|dmy', '10/2/2017 这类日期的月日顺序', 'month/day order of dates like 10/2/2017', { choices: ['auto', 'mdy', 'dmy'], default: 'auto' }),
  },
  async run(ctx) {
    const file = ctx.positionals[0];
    if (!file || ctx.positionals.length > 1) throw new KequnError('USAGE', 'Give exactly one file to import', { zh: '请指定一个要导入的文件' });
    const encoding = (ctx.values.encoding ?? 'auto') as string;
    if (!(IMPORT_ENCODINGS as readonly string[]).includes(encoding)) {
      throw new KequnError('USAGE', `Unknown encoding: ${encoding}`, { zh: `未知的编码：${encoding}` });
    }
    const sheet = typeof ctx.values.sheet === 'string' ? ctx.values.sheet : undefined;
    const allSheets = ctx.values['all-sheets'] === true;
    if (sheet && allSheets) throw new KequnError('USAGE', 'Use --sheet or --all-sheets, not both', { zh: '--sheet 与 --all-sheets 只能选一个' });
    const headerRaw = ctx.values['header-row'];
    let headerRow: number | undefined;
    if (typeof headerRaw === 'string') {
      headerRow = Number(headerRaw);
      if (!Number.isInteger(headerRow) || headerRow < 0) throw new KequnError('USAGE', '--header-row must be a whole number ≥ 0', { zh: '--header-row 必须是不小于 0 的整数' });
    }
    const dateOrder = (ctx.values['date-order'] ?? 'auto') as string;
    if (dateOrder !== 'auto' && dateOrder !== 'mdy' && dateOrder !== 'dmy') throw new KequnError('USAGE', '--date-order is auto, mdy or dmy', { zh: '--date-order 只能是 auto、mdy 或 dmy' });
    await ctx.openProject({ create: true });
    const result = await ctx.client().call(
      'import.run',
      {
        path: resolve(file),
        encoding: encoding as ImportEncoding,
        allSheets,
        dateOrder,
        ...(sheet ? { sheet } : {}),
        ...(headerRow !== undefined ? { headerRow } : {}),
        ...(typeof ctx.values.name === 'string' ? { name: ctx.values.name } : {}),
      },
      { onProgress: (p) => ctx.progress(p.label, p.done, p.total, p.detail) },
    );
    return { datasets: result.datasets, warnings: result.warnings } satisfies ImportRunResult;
  },
  human(result, lang) {
    const { datasets, warnings } = result as ImportRunResult;
    const lines = datasets.map((d) => `${d.id}\t${d.name}\t${d.rows.toLocaleString()} ${lang === 'zh' ? '行' : 'rows'}\t${d.columns.length} ${lang === 'zh' ? '列' : 'columns'}`);
    for (const w of warnings) lines.push(`! ${lang === 'zh' ? w.messageZh : w.message}`);
    return lines.join('\n');
  },
};
