import type { FactorResult } from '../../../../shared/contract/factor';
import type { CliCommand } from '../command';
import { arg, flag, DATASET_OPTION, NAME_OPTION } from '../options';
import { bad, integer, list, progress, required, text } from './model-cli-args';

/** `kequn factor`: factor analysis or PCA, naming factors, saving factor scores as columns. */
export const factorCommand: CliCommand = {
  name: 'factor',
  summary: { zh: '因子分析 / 主成分分析（载荷、KMO、Bartlett 检验、因子得分列）', en: 'Factor analysis / PCA (loadings, KMO, Bartlett, factor score columns)' },
  usage:
    'kequn factor --project P --dataset D --columns a,b,c [--method fa|pca] [--factors N] [--rotation varimax|none] [--names 价值因子,活跃因子] [--save] [--name N] [--json]\n' +
    'kequn factor --project P --model M [--names …] [--save] [--json]',
  details: {
    zh: [
      '先把各列标准化（总体标准差），在相关矩阵上做：',
      '  --method fa    最大似然因子分析（与 scikit-learn FactorAnalysis 相同的算法），默认 varimax 旋转',
      '  --method pca   主成分分析；载荷 = 主成分 × √特征值（列与成分的相关）；默认不旋转',
      '  --factors N    保留的因子数；默认按 Kaiser 准则（特征值 > 1 的个数，至少 1）',
      '  --names        因子名称（逗号分隔，个数与因子数相同）；默认“载荷最大的列名 + 因子”',
      '  --save         把因子得分存为新列（列名 = 因子名称），可用于聚类',
      '因子按解释的方差从大到小排列，每个因子的最大载荷取正号。得分：因子分析与 scikit-learn 的 transform 相同；',
      '主成分用回归法（未旋转时 = 主成分 ÷ √特征值，方差为 1）。任一所选列为空的行不参与计算，其得分为空。',
      'KMO ≥ 0.6 且 Bartlett 检验 p < 0.05 时适合做因子分析。',
    ].join('\n'),
    en: [
      'Columns are standardised (population SD) and analysed through their correlation matrix:',
      '  --method fa    maximum-likelihood factor analysis (the algorithm of scikit-learn\'s FactorAnalysis), varimax by default',
      '  --method pca   principal components; loadings = component × √eigenvalue (column–component correlations); unrotated by default',
      '  --factors N    factors to keep; default: Kaiser\'s rule (eigenvalues > 1, at least 1)',
      '  --names        factor names (comma-separated, one per factor); default "<strongest column>因子"',
      '  --save         save the factor scores as new columns (named by the factors) to cluster on',
      'Factors are ordered by the variance they explain, each signed so its largest loading is positive. Scores: factor',
      'analysis as scikit-learn\'s transform; PCA by regression (unrotated: component ÷ √eigenvalue, unit variance). Rows',
      'missing any selected value are left out and get empty scores. KMO ≥ 0.6 and Bartlett p < 0.05 suit factor analysis.',
    ].join('\n'),
  },
  options: {
    dataset: DATASET_OPTION,
    columns: arg('a,b,c', '参与分析的数值列', 'numeric columns to analyse'),
    method: arg('fa|pca', '因子分析或主成分分析', 'factor analysis or principal components', { choices: ['fa', 'pca'], default: 'fa' }),
    factors: arg('N', '保留的因子数（默认 Kaiser 准则）', "factors to keep (default Kaiser's rule)"),
    rotation: arg('varimax|none', '旋转（fa 默认 varimax，pca 默认 none）', 'rotation (fa: varimax, pca: none by default)', { choices: ['varimax', 'none'] }),
    names: arg('n1,n2', '因子名称，逗号分隔', 'factor names, comma-separated'),
    save: flag('把因子得分存为新列', 'save the factor scores as new columns'),
    name: NAME_OPTION,
    model: arg('M', '已保存的因子模型 id', 'saved factor model id'),
  },
  async run(ctx) {
    await ctx.openProject();
    let modelId = text(ctx, 'model');
    let r: FactorResult;
    if (modelId) r = await ctx.client().call('factor.get', { modelId });
    else {
      const columns = list(ctx, 'columns');
      if (columns.length < 2) throw bad('Give at least 2 columns with --columns a,b', '请用 --columns a,b 至少给出 2 列');
      const method = text(ctx, 'method') ?? 'fa';
      if (method !== 'fa' && method !== 'pca') throw bad('--method must be fa or pca', '--method 只能是 fa 或 pca');
      const rotation = text(ctx, 'rotation');
      if (rotation !== undefined && rotation !== 'varimax' && rotation !== 'none') throw bad('--rotation must be varimax or none', '--rotation 只能是 varimax 或 none');
      const factors = integer(ctx, 'factors');
      const name = text(ctx, 'name');
      r = await ctx.client().call(
        'factor.run',
        { datasetId: required(ctx, 'dataset', 'D'), columns, method, ...(rotation ? { rotation } : {}), ...(factors !== undefined ? { factors } : {}), ...(name ? { name } : {}) },
        progress(ctx),
      );
      modelId = r.model.id;
    }
    const names = list(ctx, 'names');
    if (names.length > 0) r = await ctx.client().call('factor.rename', { modelId, names });
    if (ctx.values.save === true) r = await ctx.client().call('factor.save', { modelId }, progress(ctx));
    return output(r);
  },
  human(result, lang) {
    const zh = lang === 'zh';
    const r = result as ReturnType<typeof output>;
    const p = r.bartlett.p < 1e-15 ? '< 1e-15' : r.bartlett.p < 1e-3 ? r.bartlett.p.toExponential(1) : r.bartlett.p.toFixed(4);
    const head = `${zh ? '模型' : 'Model'} ${r.model}  KMO=${r.kmo.toFixed(3)} (${zh ? r.kmoVerdict.zh : r.kmoVerdict.en})  Bartlett χ²=${r.bartlett.chi2.toFixed(1)} df=${r.bartlett.df} p ${p.startsWith('<') ? p : `= ${p}`}`;
    const rows = r.columns.map((c, j) => `${c}\t${r.loadings.map((row) => row[j]!.toFixed(3)).join('\t')}`);
    return [head, `\t${r.names.join('\t')}`, ...rows, r.savedColumns.length > 0 ? `${zh ? '已保存得分列' : 'Saved score columns'}: ${r.names.join(', ')}` : ''].join('\n');
  },
};

function output(r: FactorResult) {
  return {
    model: r.model.id,
    method: r.method,
    rotation: r.rotation,
    columns: r.columns.map((c) => c.name),
    rowsUsed: r.rowsUsed,
    eigenvalues: r.eigenvalues,
    explainedRatio: r.explainedRatio,
    kaiserK: r.kaiserK,
    names: r.names,
    loadings: r.loadings,
    communalities: r.communalities,
    kmo: r.kmo,
    kmoVerdict: r.kmoVerdict,
    bartlett: r.bartlett,
    savedColumns: r.savedColumns,
  };
}
