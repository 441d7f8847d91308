import type { CleanHistory, CleanPreview, CleanStep, QualitySummary } from '../../../../shared/contract/clean';
import { KequnError } from '../../../../shared/contract/errors';
import type { CliCommand } from '../command';
import { arg, flag, DATASET_OPTION, PREVIEW_OPTION } from '../options';
import { listArg, operationFromArgs, requireArg } from './clean-cli-args';
import { SHAPING_OPTIONS, SHAPING_USAGE, shapingPreviewLines } from './clean-shaping-args';
import { GRID_OPTIONS, GRID_USAGE, gridOperationFromArgs } from './grid-cli-args';

const USAGE = `kequn clean <action> --project P --dataset D [options] [--json]
actions:
  dedupe --keys A,B [--keep first|last]
  text --columns A,B [--case keep|upper|lower]
  replace --columns A --find X [--replace Y] [--mode exact|contains|regex] [--ignore-case]
  change-type --column A --type integer|decimal|currency|percent|date|datetime|boolean|text [--date-order mdy|dmy]
      (dates like 10/2/2017: order from the column's cells — a number above 12 is a day; when none tells, month/day and flagged)
  missing --columns A --action drop|constant|mean|median|mode|previous [--value V]
  outliers --column A [--method iqr|zscore] [--threshold K] [--action flag|cap|remove]
  map --column A --map "北京市=北京,Beijing=北京"
  keyword-category --column 宝贝标题 --rules "编程词典=编程词典;regex:套装|组合=学习套装;starts:零基础学=零基础学" [--name 品类] [--other 其他] [--case-sensitive]
      (first matching rule wins; unmatched → 其他; empty cells stay empty; contains/starts ignore case unless --case-sensitive)
  formula --formula "XLOOKUP([买家会员名], 'RFM-2018'[买家会员名], 'RFM-2018'[细分], \"未付款\")" --name 细分
      (a calculated column as an undoable step; XLOOKUP matches exactly, ignoring case, first match)
${SHAPING_USAGE}
${GRID_USAGE}
  (any operation: --op '{"op":"dedupe","keys":["客户"]}'; add --preview to only preview)
  history | undo | redo | revert --to N | quality [--keys A,B]
  recipe-save --name N | recipe-apply --recipe R | recipes`;

function stepLine(s: CleanStep): string {
  return `#${s.seq} ${s.state === 'undone' ? '(undone) ' : ''}${s.operation.op}  ${s.affectedRows} rows  ${s.rowsBefore}→${s.rowsAfter}  ${s.createdAt}`;
}

export const cleanCommand: CliCommand = {
  name: 'clean',
  summary: { zh: '数据清洗：去重、规范文本、查找替换、类型转换、缺失值、异常值、映射、关键词归类、公式列（含跨数据集 XLOOKUP）、拆分为行、合并数据集，撤销与配方', en: 'Clean a dataset: steps with preview, undo/redo, recipes (incl. keyword categories, formula columns with XLOOKUP across datasets, split into rows, merge datasets)' },
  usage: USAGE,
  options: {
    dataset: { ...DATASET_OPTION, short: 'd' },
    op: arg('JSON', '任一清洗操作的 JSON（合约中的格式），代替其他参数', 'any cleaning operation as JSON (the contract\'s shape), instead of the other options'),
    preview: PREVIEW_OPTION,
    keys: arg('A,B', 'dedupe、quality：判断重复的键列', 'dedupe, quality: the key columns that define a duplicate'),
    keep: arg('first|last', 'dedupe：保留第一行或最后一行', 'dedupe: keep the first or the last row', { choices: ['first', 'last'], default: 'first' }),
    columns: arg('A,B', '操作的列（text、replace、missing、merge、edit、fill-down）', 'columns to work on (text, replace, missing, merge, edit, fill-down)'),
    column: arg('A', '操作的列（change-type、outliers、map、keyword-category、split）', 'column to work on (change-type, outliers, map, keyword-category, split)'),
    case: arg('keep|upper|lower', 'text：大小写', 'text: letter case', { choices: ['keep', 'upper', 'lower'], default: 'keep' }),
    find: arg('X', 'replace：要查找的内容', 'replace: what to find'),
    replace: arg('Y', 'replace：替换为（默认为空）', 'replace: replacement (default empty)'),
    mode: arg('exact|contains|regex', 'replace：整格相等、包含或正则表达式', 'replace: whole cell, contains or regular expression', { choices: ['exact', 'contains', 'regex'], default: 'contains' }),
    'ignore-case': flag('replace、merge：忽略大小写', 'replace, merge: ignore letter case'),
    type: arg('TYPE', 'change-type：目标类型', 'change-type: target type', { choices: ['integer', 'decimal', 'currency', 'percent', 'date', 'datetime', 'boolean', 'text'] }),
    action: arg('ACTION', 'missing：drop|constant|mean|median|mode|previous；outliers：flag|cap|remove（默认 flag）', 'missing: drop|constant|mean|median|mode|previous; outliers: flag|cap|remove (default flag)'),
    value: arg('V', 'missing --action constant：填入的值；edit：写入每个单元格的值', 'missing --action constant: the fill value; edit: the value for every cell'),
    method: arg('iqr|zscore', 'outliers：判断方法', 'outliers: detection method', { choices: ['iqr', 'zscore'], default: 'iqr' }),
    threshold: arg('K', 'outliers：IQR 倍数或 z 值阈值（默认 iqr 1.5、zscore 3）', 'outliers: IQR multiple or z threshold (default iqr 1.5, zscore 3)'),
    map: arg('"from=to,…"', 'map：值映射', 'map: value mapping'),
    to: arg('N', 'revert：回到第 N 步', 'revert: go back to step N'),
    name: arg('N', 'formula、keyword-category：新列名；recipe-save：配方名称', 'formula, keyword-category: new column name; recipe-save: recipe name'),
    recipe: arg('R', 'recipe-apply：配方 id', 'recipe-apply: recipe id'),
    rules: arg('"PATTERN=CAT;…"', 'keyword-category：规则，分号分隔，可加 contains:|starts:|regex: 前缀', 'keyword-category: rules separated by ;, optionally prefixed contains:|starts:|regex:'),
    other: arg('LABEL', 'keyword-category：未匹配的类别名', 'keyword-category: label of unmatched cells', { default: '其他' }),
    'case-sensitive': flag('keyword-category：区分大小写', 'keyword-category: match letter case'),
    formula: arg('FORMULA', 'formula：公式（可用 XLOOKUP 跨数据集查找）', 'formula: the formula (XLOOKUP reaches other datasets)'),
    'date-order': arg('mdy|dmy', 'change-type：10/2/2017 这类日期的月日顺序（默认按该列的单元格判断）', 'change-type: month/day order of dates like 10/2/2017 (default decided from the column\'s cells)', { choices: ['mdy', 'dmy'] }),
    ...SHAPING_OPTIONS,
    ...GRID_OPTIONS,
  },
  async run(ctx) {
    const action = ctx.positionals[0];
    if (action === undefined) throw new KequnError('USAGE', `Missing action\n${USAGE}`, { zh: `缺少清洗操作\n${USAGE}` });
    await ctx.openProject();
    const client = ctx.client();
    if (action === 'recipes') return { recipes: await client.call('clean.recipes.list', {}) };
    const datasetId = requireArg(ctx.values, 'dataset');
    const onProgress = (p: { done: number; total: number | null; label: string }): void => ctx.progress(p.label, p.done, p.total);
    switch (action) {
      case 'history':
        return client.call('clean.history', { datasetId });
      case 'undo':
        return client.call('clean.undo', { datasetId }, { onProgress });
      case 'redo':
        return client.call('clean.redo', { datasetId }, { onProgress });
      case 'revert':
        return client.call('clean.revert', { datasetId, toSeq: Number(requireArg(ctx.values, 'to')) }, { onProgress });
      case 'quality': {
        const keys = listArg(ctx.values, 'keys');
        return client.call('clean.quality', { datasetId, ...(keys.length ? { keys } : {}) }, { onProgress });
      }
      case 'recipe-save':
        return { recipe: await client.call('clean.recipes.save', { datasetId, name: requireArg(ctx.values, 'name') }) };
      case 'recipe-apply':
        return client.call('clean.recipes.apply', { datasetId, recipeId: requireArg(ctx.values, 'recipe') }, { onProgress });
      default: {
        const operation = gridOperationFromArgs(action, ctx.values) ?? operationFromArgs(action, ctx.values);
        if (ctx.values['preview'] === true) return { preview: await client.call('clean.preview', { datasetId, operation }, { onProgress }) };
        const out = await client.call('clean.apply', { datasetId, operation }, { onProgress });
        return { step: out.step, dataset: { id: out.dataset.id, name: out.dataset.name, rows: out.dataset.rowCount } };
      }
    }
  },
  human(result, lang) {
    const zh = lang === 'zh';
    const r = result as Partial<CleanHistory & { preview: CleanPreview; step: CleanStep; dataset: { rows: number } } & QualitySummary>;
    if (r.preview) {
      const p = r.preview;
      const head = `${zh ? '影响行数' : 'affected rows'}: ${p.affectedRows} / ${p.totalRows}${p.removedRows ? `  (${zh ? '删除' : 'removed'} ${p.removedRows})` : ''}`;
      return [head, ...shapingPreviewLines(p, zh), JSON.stringify(p.sample.slice(0, 5), null, 1)].join('\n');
    }
    if (r.step) return `${stepLine(r.step)}\n${zh ? '现有行数' : 'rows now'}: ${r.dataset?.rows ?? ''}`;
    if (r.steps) return r.steps.length ? r.steps.map(stepLine).join('\n') : zh ? '（没有清洗步骤）' : '(no steps)';
    if (r.columns && r.rows !== undefined) {
      const lines = (r.columns as QualitySummary['columns']).map(
        (c) => `${c.name}\t${zh ? '缺失' : 'missing'} ${(c.missingPct * 100).toFixed(1)}%\t${zh ? '无效' : 'invalid'} ${c.invalid}\t${zh ? '不同值' : 'distinct'} ${c.distinct}`,
      );
      return `${lines.join('\n')}\n${zh ? '重复行' : 'duplicate rows'}: ${r.duplicateRows}`;
    }
    return JSON.stringify(result, null, 2);
  },
};
