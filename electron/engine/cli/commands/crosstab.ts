import type { CrosstabResult } from '../../../../shared/contract/analyze';
import { KequnError } from '../../../../shared/contract/errors';
import type { CliCommand } from '../command';
import { arg } from '../options';
import { CROSSTAB_CLI_OPTIONS, CROSSTAB_CONVENTIONS, crosstabOptions, parseField, parseMeasure, requiredOption } from './analyze-args';

/** The CLI prints cells as a flat list (one object per row × column), easiest for scripts. */
export interface CrosstabCliOutput extends Omit<CrosstabResult, 'cells' | 'spec'> {
  cells: ({ row: string; col: string } & CrosstabResult['cells'][number][number])[];
}

export function flattenCrosstab(r: CrosstabResult): CrosstabCliOutput {
  const { cells, spec: _spec, ...rest } = r;
  return { ...rest, cells: r.rows.flatMap((row, i) => r.cols.map((col, j) => ({ row, col, ...cells[i]![j]! }))) };
}

export const crosstabCommand: CliCommand = {
  name: 'crosstab',
  summary: { zh: `偏好分析交叉表：TGI、卡方检验。${CROSSTAB_CONVENTIONS.zh}`, en: `Preference cross-tab: TGI and chi-square test. ${CROSSTAB_CONVENTIONS.en}` },
  usage:
    'kequn crosstab --project P --rows-dataset D --rows segment --cols category [--measure count|customers|sum:COL] [--join KEY[=FACTS_KEY] --facts D2] [--top N] [--min-base N] [--sort label|volume|tgi[:SEGMENT]] [--json]',
  options: {
    ...CROSSTAB_CLI_OPTIONS,
    'rows-dataset': arg('D', '行所在的数据集（通常是细分后的客户数据集）', 'dataset of the rows (usually the segmented customers)'),
    rows: arg('FIELD', '行字段（如 细分）', 'row field (e.g. the segment)'),
    cols: arg('FIELD[@month]', '列字段（类别）；日期列可加 @year|@month 等分组', 'column field (the categories); date columns take @year, @month, …'),
    measure: arg('count|customers|sum:COL', '度量：行数、客户数（去重）或某列之和', 'measure: rows, distinct customers or the sum of a column', { default: 'count' }),
    join: arg('KEY[=FACTS_KEY]', '连接键：行数据集的列[=明细数据集的列]（与 --facts 一起）', 'join key: rows column[=facts column] (with --facts)'),
    facts: arg('D2', '列字段所在的明细数据集（与 --join 一起）', 'detail dataset holding the column field (with --join)'),
  },
  async run(ctx) {
    await ctx.openProject();
    const join = typeof ctx.values.join === 'string' ? ctx.values.join : undefined;
    const factsDs = typeof ctx.values.facts === 'string' ? ctx.values.facts : undefined;
    if ((join === undefined) !== (factsDs === undefined)) {
      throw new KequnError('USAGE', '--join and --facts go together', { zh: '--join 与 --facts 需要同时给出' });
    }
    const [rowsKey, factsKey] = join?.includes('=') ? (join.split('=', 2) as [string, string]) : [join, join];
    const result = await ctx.client().call(
      'crosstab.run',
      {
        datasetId: requiredOption(ctx.values, 'rows-dataset'),
        rows: parseField(requiredOption(ctx.values, 'rows')),
        cols: parseField(requiredOption(ctx.values, 'cols')),
        measure: parseMeasure(typeof ctx.values.measure === 'string' ? ctx.values.measure : undefined),
        ...(factsDs && factsKey && rowsKey ? { facts: { datasetId: factsDs, key: factsKey, rowsKey } } : {}),
        ...crosstabOptions(ctx.values),
      },
      { onProgress: (p) => ctx.progress(p.label, p.done, p.total) },
    );
    return flattenCrosstab(result);
  },
  human(result, lang) {
    const r = result as CrosstabCliOutput;
    const mark = (c: CrosstabCliOutput['cells'][number]): string => `${c.sig === 'up' ? ' ▲' : c.sig === 'down' ? ' ▼' : ''}${c.lowBase ? (lang === 'zh' ? ' （基数不足）' : ' (low base)') : ''}`;
    const lines = r.cells.map((c) => `${c.row}\t${c.col}\t${c.value}\t${c.tgi === null ? '—' : Math.round(c.tgi)}${mark(c)}`);
    const head = lang === 'zh' ? '行\t列\t值\tTGI' : 'row\tcol\tvalue\tTGI';
    const chi = `χ² = ${r.chi2.statistic?.toFixed(2) ?? '—'}, df = ${r.chi2.df}, ${r.chi2.pText}`;
    // Cochran's rule right under the statistic, as on screen and in the report.
    const warnings = (r.chi2.warnings ?? []).map((w) => `! ${w[lang]}`);
    return [head, ...lines, '', chi, ...warnings, ...r.preferences.map((p) => (lang === 'zh' ? p.zh : p.en))].join('\n');
  },
};
