import type ExcelJS from 'exceljs';
import { decisionTreeChart, dendrogramChart, screeChart, type ChartOption } from '../../../shared/charts/index';
import { factorModelSchema, type FactorModel } from '../../../shared/contract/factor';
import type { Dendrogram } from '../../../shared/contract/hclust';
import type { CellValue } from '../../../shared/contract/json';
import type { KprotoResult } from '../../../shared/contract/kproto';
import type { SegmentationInfo } from '../../../shared/contract/segmentations';
import { treeModelSchema, type TreeModel } from '../../../shared/contract/tree';
import { renderChart } from '../report/chart-image';
import { WidthTracker } from '../report/column-width';
import type { ReportLang } from '../report/report-text';
import { applyWidths, SECTION_FONT, TITLE_FONT, writeTable } from '../report/sheet-style';
import { listModels, readModelRecord } from '../store/model-store';
import type { ProjectStore } from '../store/project-store';

/**
 * The report's 模型说明 sheet: what stands behind the segmentation (k-prototypes or Ward
 * parameters and the dendrogram), the decision-tree rules that explain it, and factor models of
 * its dataset (scree, loadings with the strong ones highlighted, KMO, Bartlett). Models are the
 * ones named, or by default every tree explaining this segmentation and every factor model on
 * its dataset. Nothing to say = no sheet.
 */
const STRONG = 0.5;
const STRONG_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };

const T = {
  sheet: { zh: '模型说明', en: 'Model notes' },
  kproto: { zh: 'K-原型混合聚类', en: 'k-prototypes clustering' },
  hclust: { zh: 'Ward 层次聚类', en: "Ward's hierarchical clustering" },
  tree: { zh: '决策树解释', en: 'Decision-tree explanation' },
  factor: { zh: '因子分析', en: 'Factor analysis' },
  pca: { zh: '主成分分析', en: 'Principal components' },
  parameter: { zh: '参数', en: 'Parameter' },
  value: { zh: '值', en: 'Value' },
  segment: { zh: '细分', en: 'Segment' },
  rule: { zh: '规则', en: 'Rule' },
  coverage: { zh: '覆盖人数', en: 'Customers covered' },
  accuracy: { zh: '准确率', en: 'Accuracy' },
  precision: { zh: '精确率', en: 'Precision' },
  recall: { zh: '召回率', en: 'Recall' },
  support: { zh: '留出样本数', en: 'Held-out customers' },
  column: { zh: '列', en: 'Column' },
  communality: { zh: '共同度', en: 'Communality' },
  cluster: { zh: '群', en: 'Cluster' },
  size: { zh: '客户数', en: 'Customers' },
  share: { zh: '占比', en: 'Share' },
  strong: { zh: `绝对值 ≥ ${STRONG} 的载荷以底色标出。`, en: `Loadings with |value| ≥ ${STRONG} are shaded.` },
  eigen: { zh: '特征值', en: 'Eigenvalue' },
  explained: { zh: '方差占比', en: 'Variance share' },
} as const;

type Key = keyof typeof T;

export interface ModelNotes {
  segmentation: SegmentationInfo;
  trees: TreeModel[];
  factors: { name: string; record: FactorModel }[];
}

/** Which models the sheet shows (see the module note). */
export function collectModelNotes(store: ProjectStore, seg: SegmentationInfo, modelIds?: string[]): ModelNotes {
  const ids = modelIds ?? listModels(store, { datasetId: seg.datasetId }).map((m) => m.id);
  const trees: TreeModel[] = [];
  const factors: ModelNotes['factors'] = [];
  for (const id of ids) {
    const info = listModels(store, {}).find((m) => m.id === id);
    if (!info) continue;
    if (info.kind === 'tree') {
      const { record } = readModelRecord(store, id, 'tree', treeModelSchema);
      if (modelIds || record.segmentationId === seg.id) trees.push(record);
    } else {
      const { record } = readModelRecord(store, id, 'factor', factorModelSchema);
      factors.push({ name: info.name, record });
    }
  }
  return { segmentation: seg, trees, factors };
}

export function hasModelNotes(notes: ModelNotes): boolean {
  const m = notes.segmentation.method;
  return m === 'kprototypes' || m === 'hclust' || notes.trees.length > 0 || notes.factors.length > 0;
}

/** Writes the sheet (made by `addSheet` only when there is something to show); returns the pictures added. */
export function writeModelNotes(wb: ExcelJS.Workbook, addSheet: () => ExcelJS.Worksheet, notes: ModelNotes, lang: ReportLang): number {
  if (!hasModelNotes(notes)) return 0;
  const ws = addSheet();
  const say = (k: Key): string => T[k][lang];
  const widths = new WidthTracker([]);
  let images = 0;
  const picture = (option: ChartOption, row: number, width = 720, height = 400): number => {
    const img = renderChart(option as Parameters<typeof renderChart>[0], width, height);
    const id = wb.addImage({ buffer: img.png as unknown as ExcelJS.Buffer, extension: 'png' });
    ws.addImage(id, { tl: { col: 0, row }, ext: { width, height } });
    images++;
    return row + Math.ceil(height / 20) + 2;
  };
  const section = (row: number, text: string): number => {
    ws.getCell(row, 1).value = text;
    ws.getCell(row, 1).font = SECTION_FONT;
    return row + 1;
  };
  const params = (row: number, list: [string, CellValue][]): number => writeTable(ws, row, { headers: [say('parameter'), say('value')], rows: list }, widths);
  ws.getCell(1, 1).value = `${say('sheet')} — ${notes.segmentation.name}`;
  ws.getCell(1, 1).font = TITLE_FONT;
  let row = 3;
  const seg = notes.segmentation;
  if (seg.method === 'kprototypes') {
    const k = seg.definition as unknown as KprotoResult;
    row = section(row, say('kproto'));
    row = params(row, [
      ['k', k.k],
      ['γ', k.gamma],
      [lang === 'zh' ? 'γ 默认值（数值列标准差均值的一半）' : 'γ default (half the mean SD of numeric columns)', k.gammaDefault],
      [lang === 'zh' ? '随机种子' : 'Seed', k.seed],
      [lang === 'zh' ? '重启次数' : 'Restarts', k.restarts],
      [lang === 'zh' ? '总代价' : 'Total cost', k.cost],
      [lang === 'zh' ? 'Gower 轮廓系数' : 'Gower silhouette', k.silhouette],
    ]);
    const cats = k.categorical.map((c) => c.name);
    row = writeTable(
      ws,
      row,
      {
        headers: [say('cluster'), say('size'), say('share'), ...cats.flatMap((c) => [`${c}`, `${c} ${say('share')}`, `${c} TGI`])],
        rows: k.clusters.map((c) => [c.name, c.size, c.share, ...c.modes.flatMap((m) => [m.level, m.share, m.index])]),
        numFmts: [undefined, '#,##0', '0.0%', ...cats.flatMap(() => [undefined, '0.0%', '0'])],
      },
      widths,
    );
  }
  if (seg.method === 'hclust') {
    const h = seg.definition as unknown as { mode: string; k: number; points: number; cophenetic: number | null; heights: number[]; dendrogram: Dendrogram };
    row = section(row, say('hclust'));
    row = params(row, [
      ['k', h.k],
      [lang === 'zh' ? '方式' : 'Mode', h.mode],
      [lang === 'zh' ? '点数' : 'Points', h.points],
      [lang === 'zh' ? '共表相关系数' : 'Cophenetic correlation', h.cophenetic],
    ]);
    if (h.dendrogram) row = picture(dendrogramChart(h.dendrogram, h.heights, h.k, lang), row);
  }
  for (const tree of notes.trees) {
    row = section(row, `${say('tree')}：${tree.segmentationName}`);
    row = params(row, [
      [lang === 'zh' ? '最大深度' : 'Max depth', tree.settings.maxDepth],
      [lang === 'zh' ? '叶子最少客户数' : 'Min customers per leaf', tree.settings.minLeaf],
      [lang === 'zh' ? '训练准确率' : 'Training accuracy', tree.trainAccuracy],
      [lang === 'zh' ? `留出准确率（${Math.round(tree.settings.testShare * 100)}% 客户）` : `Held-out accuracy (${Math.round(tree.settings.testShare * 100)}% of customers)`, tree.testAccuracy],
    ]);
    row = writeTable(
      ws,
      row,
      {
        headers: [say('segment'), say('rule'), say('coverage'), say('accuracy')],
        rows: tree.rules.map((r) => [r.segment, lang === 'zh' ? r.text.zh : r.text.en, r.coverage, r.accuracy]),
        numFmts: [undefined, undefined, '#,##0', '0.0%'],
      },
      widths,
    );
    row = writeTable(
      ws,
      row,
      { headers: [say('segment'), say('support'), say('precision'), say('recall')], rows: tree.perClass.map((c) => [c.segment, c.support, c.precision, c.recall]), numFmts: [undefined, '#,##0', '0.0%', '0.0%'] },
      widths,
    );
    const leaves = tree.nodes.filter((n) => !n.split).length;
    row = picture(decisionTreeChart(tree.nodes, lang), row, Math.min(1800, Math.max(720, leaves * 170)), 480);
  }
  for (const f of notes.factors) {
    const r = f.record;
    row = section(row, `${say(r.method === 'fa' ? 'factor' : 'pca')}：${f.name}`);
    row = params(row, [
      ['KMO', r.kmo],
      [lang === 'zh' ? 'KMO 判断' : 'KMO reading', lang === 'zh' ? r.kmoVerdict.zh : r.kmoVerdict.en],
      [lang === 'zh' ? 'Bartlett 球形检验 χ²' : "Bartlett's χ²", r.bartlett.chi2],
      [lang === 'zh' ? '自由度' : 'df', r.bartlett.df],
      ['p', r.bartlett.p],
      [lang === 'zh' ? '旋转' : 'Rotation', r.rotation],
      [lang === 'zh' ? '使用行数' : 'Rows used', r.rowsUsed],
    ]);
    const start = row;
    row = writeTable(
      ws,
      row,
      {
        headers: [say('column'), ...r.names, say('communality')],
        rows: r.columns.map((c, j) => [c.name, ...r.loadings.map((l) => l[j]!), r.communalities[j]!]),
        numFmts: [undefined, ...r.names.map(() => '0.000'), '0.000'],
      },
      widths,
    );
    r.columns.forEach((_, j) =>
      r.loadings.forEach((l, f2) => {
        if (Math.abs(l[j]!) >= STRONG) {
          const cell = ws.getCell(start + 1 + j, 2 + f2);
          cell.fill = STRONG_FILL;
          cell.font = { bold: true };
        }
      }),
    );
    ws.getCell(row - 1, 1).value = say('strong');
    row = writeTable(
      ws,
      row,
      { headers: ['#', say('eigen'), say('explained')], rows: r.eigenvalues.map((v, i) => [i + 1, v, r.explainedRatio[i]!]), numFmts: [undefined, '0.000', '0.0%'] },
      widths,
    );
    row = picture(screeChart(r.eigenvalues, lang), row, 640, 360);
  }
  applyWidths(ws, widths);
  ws.getColumn(2).width = Math.min(80, Math.max(ws.getColumn(2).width ?? 10, 20));
  return images;
}

