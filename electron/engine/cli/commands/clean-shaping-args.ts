import type { CleanOperationIn, CleanPreview } from '../../../../shared/contract/clean';
import { DEFAULT_SPLIT_DELIMITERS } from '../../../../shared/contract/clean-shaping';
import { KequnError } from '../../../../shared/contract/errors';
import type { CliValues } from '../command';
import { arg, flag, type CliOptionSpecs } from '../options';
import { listArg, requireArg, stringArg } from './clean-cli-args';

export const SHAPING_USAGE = `  split --column 宝贝标题 [--delimiters "${DEFAULT_SPLIT_DELIMITERS.join('')}"] [--no-trim] [--keep-empty] [--item-number 第几件]
      (one row per item; every character of --delimiters separates items, default ${DEFAULT_SPLIT_DELIMITERS.join(' ')};
       items are trimmed and empty items dropped unless asked; the other columns repeat on each item's row,
       so sum an order's amount over the item rows only where 第几件 = 1)
  merge --with RFM-2018 --on 买家会员名[=买家会员名] [--columns 细分,M] [--join left|inner] [--first-match]
        [--ignore-case] [--no-trim] [--suffix ·客户]
      (Power Query's Merge: this dataset's rows get the other dataset's columns by key; several key pairs as
       A=B,C=D; text keys are trimmed, numbers and dates compare as values ("1001" matches 1001); a key on
       several rows of the other dataset gives one row per match unless --first-match; taken names get ·<dataset>)`;

export const SHAPING_OPTIONS: CliOptionSpecs = {
  delimiters: arg('CHARS', `split：每个字符都是分隔符（默认 ${DEFAULT_SPLIT_DELIMITERS.join(' ')}）`, `split: every character separates items (default ${DEFAULT_SPLIT_DELIMITERS.join(' ')})`),
  'no-trim': flag('split、merge：不去掉首尾空格', 'split, merge: keep leading and trailing spaces'),
  'keep-empty': flag('split：保留空项', 'split: keep empty items'),
  'item-number': arg('COL', 'split：新增“第几件”列的名称', 'split: name of a new item-number column'),
  with: arg('D2', 'merge：要合并进来的数据集', 'merge: the dataset to merge in'),
  on: arg('A[=B],…', 'merge：键列（本数据集=对方数据集）', "merge: key columns (this dataset's=the other's)"),
  join: arg('left|inner', 'merge：左连接保留本数据集的全部行；内连接只保留匹配的行', 'merge: left keeps every row of this dataset; inner only matched rows', { choices: ['left', 'inner'], default: 'left' }),
  'first-match': flag('merge：每个键只取对方的第一行', 'merge: take only the first matching row per key'),
  suffix: arg('TEXT', 'merge：重名列的后缀（默认 ·<数据集>）', 'merge: suffix for taken names (default ·<dataset>)'),
};

/** "A=B,C" → key pairs (the right side defaults to the same name). */
function keyPairs(values: CliValues): { left: string; right?: string }[] {
  const pairs = listArg(values, 'on').map((entry) => {
    const eq = entry.search(/[=＝]/);
    if (eq < 0) return { left: entry };
    return { left: entry.slice(0, eq).trim(), right: entry.slice(eq + 1).trim() };
  });
  if (pairs.length === 0) throw new KequnError('USAGE', 'Missing --on (the key column, or A=B)', { zh: '缺少参数 --on（键列，或 本列=对方列）' });
  return pairs;
}

/** Split into rows and merge from the command line; undefined for other operations. */
export function shapingOperationFromArgs(opName: string, values: CliValues): CleanOperationIn | undefined {
  switch (opName) {
    case 'split': {
      const delimiters = stringArg(values, 'delimiters');
      const itemNumber = stringArg(values, 'item-number');
      return {
        op: 'splitRows',
        column: requireArg(values, 'column'),
        ...(delimiters === undefined ? {} : { delimiters: [...delimiters] }),
        trim: values['no-trim'] !== true,
        dropEmpty: values['keep-empty'] !== true,
        ...(itemNumber ? { itemNumber } : {}),
      };
    }
    case 'merge': {
      const columns = listArg(values, 'columns');
      const suffix = stringArg(values, 'suffix');
      return {
        op: 'merge',
        with: requireArg(values, 'with'),
        on: keyPairs(values),
        join: (stringArg(values, 'join') ?? 'left') as 'left' | 'inner',
        trim: values['no-trim'] !== true,
        ignoreCase: values['ignore-case'] === true,
        matches: values['first-match'] === true ? 'first' : 'all',
        ...(columns.length ? { columns } : {}),
        ...(suffix ? { suffix } : {}),
      };
    }
    default:
      return undefined;
  }
}

/** The preview lines a person needs for split and merge: rows before → after, matches. */
export function shapingPreviewLines(p: CleanPreview, zh: boolean): string[] {
  const out: string[] = [];
  const m = p.report.merge;
  if (m) {
    out.push(
      zh
        ? `合并「${m.with.name}」（第 ${m.with.version} 版，${m.with.rows} 行）：匹配 ${m.matchedRows} 行，未匹配 ${m.unmatchedRows} 行（其中键为空 ${m.blankKeyRows} 行）`
        : `merge "${m.with.name}" (version ${m.with.version}, ${m.with.rows} rows): ${m.matchedRows} rows matched, ${m.unmatchedRows} unmatched (${m.blankKeyRows} with an empty key)`,
    );
    if (m.multipleKeys > 0) {
      out.push(
        zh
          ? `${m.multipleKeys} 个键在对方有多行${m.matches === 'all' ? `：每个匹配一行，增加 ${m.addedRows} 行` : '：只取第一条'}`
          : `${m.multipleKeys} keys match several rows${m.matches === 'all' ? `: one row per match, ${m.addedRows} rows added` : ': first match only'}`,
      );
    }
    out.push(`${zh ? '行数' : 'rows'}: ${m.rowsBefore} → ${m.rowsAfter}`);
    out.push(`${zh ? '带入列' : 'columns'}: ${m.columns.map((c) => (c.from === c.to ? c.to : `${c.from} → ${c.to}`)).join(', ')}`);
  }
  if (p.report.split) {
    const f = p.report.figures ?? {};
    out.push(zh ? `拆分 ${f['splitCells']} 个单元格，行数 ${f['rowsBefore']} → ${f['rowsAfter']}` : `${f['splitCells']} cells split, rows ${f['rowsBefore']} → ${f['rowsAfter']}`);
    for (const s of p.report.split.slice(0, 5)) out.push(`  #${s.row}: ${s.items.join(' ｜ ')}`);
  }
  return out;
}
