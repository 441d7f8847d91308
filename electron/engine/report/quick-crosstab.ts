import type { CrosstabSpec } from '../../../shared/contract/analyze';
import { crosstabSpecSchema } from '../../../shared/contract/analyze';
import type { ColumnInfo, DatasetInfo } from '../../../shared/contract/datasets';
import type { SegmentationInfo } from '../../../shared/contract/segmentations';
import { readerFor } from '../analyze/columns';
import type { ProjectStore } from '../store/project-store';
import { listSegmentations } from '../store/segmentation-store';
import { fill, type ReportLang } from './report-text';

/** Names that say "this is the product category" in Chinese and English exports. */
const CATEGORY_HINT = /类别|品类|类目|分类|品牌|产品|商品|系列|category|product|brand|渠道|channel/i;
/** A category column has a handful of values: more reads as a smear, fewer says nothing. */
const MAX_CATEGORIES = 30;
/** The quick cross-tab shows the largest categories and gathers the rest into 其他. */
const QUICK_TOP = 10;

export type QuickChoice =
  | { spec: CrosstabSpec; choice: string }
  | { spec: null; reason: string };

/**
 * The quick report's preference cross-tab when the caller gave none: the orders the customers came
 * from (a dataset sharing the customer key column, e.g. 订单 for RFM-订单), a category column of
 * those orders (a name like 产品类别 first, else the text column with the fewest values), distinct
 * customers as the measure, the top 10 categories plus 其他. Says what it chose, or why it found
 * nothing (and how to make a category column).
 */
export function quickCrosstab(store: ProjectStore, seg: SegmentationInfo, lang: ReportLang): QuickChoice {
  const segDs = store.getDataset(seg.datasetId);
  const key = segDs.columns.find((c) => c.type === 'text' && c.key !== seg.columnKey);
  const facts = key ? sourceOrders(store, segDs, key) : null;
  const source = facts ?? segDs;
  const labelKeys = new Set(listSegmentations(store, source.id).map((s) => s.columnKey));
  const factsKey = facts && key ? facts.columns.find((c) => c.name === key.name) : undefined;
  const skip = new Set([key?.key, factsKey?.key, seg.columnKey].filter((k): k is string => k !== undefined));
  const texts = source.columns.filter((c) => c.type === 'text' && !skip.has(c.key) && !labelKeys.has(c.key));
  // Columns named like a category are read first; the first usable one ends the search, so a wide
  // order export is not read column by column when its 产品类别 is there.
  const ordered = [...texts.filter((c) => CATEGORY_HINT.test(c.name)), ...texts.filter((c) => !CATEGORY_HINT.test(c.name))];
  const candidates: { col: ColumnInfo; distinct: number }[] = [];
  let pick: { col: ColumnInfo; distinct: number } | undefined;
  for (const col of ordered) {
    const c = { col, distinct: readerFor(store).category(source.id, col.key).labels.length };
    candidates.push(c);
    const usable = c.distinct >= 2 && c.distinct <= MAX_CATEGORIES;
    if (usable && CATEGORY_HINT.test(col.name)) {
      pick = c;
      break;
    }
  }
  pick ??= candidates.filter((c) => c.distinct >= 2 && c.distinct <= MAX_CATEGORIES).sort((a, b) => a.distinct - b.distinct)[0];
  if (!pick) {
    const wide = [...candidates].sort((a, b) => b.distinct - a.distinct)[0];
    return {
      spec: null,
      reason: wide
        ? fill(REASON_WIDE, lang, { dataset: source.name, column: wide.col.name, n: wide.distinct })
        : fill(REASON_NONE, lang, { dataset: source.name }),
    };
  }
  const spec = crosstabSpecSchema.parse({
    datasetId: segDs.id,
    rows: { column: seg.columnKey },
    cols: { column: pick.col.key },
    measure: facts ? { kind: 'customers' } : { kind: 'count' },
    topCols: QUICK_TOP,
    ...(facts && key && factsKey ? { facts: { datasetId: facts.id, key: factsKey.key, rowsKey: key.key } } : {}),
  });
  const choice = facts
    ? fill(CHOICE_FACTS, lang, { dataset: facts.name, column: pick.col.name, key: key!.name, top: QUICK_TOP })
    : fill(CHOICE_SAME, lang, { column: pick.col.name, top: QUICK_TOP });
  return { spec, choice };
}

/**
 * The dataset the segmented customers were computed from: another dataset with the same customer
 * key column and at least as many rows (orders); the one the RFM source names first, else the largest.
 */
function sourceOrders(store: ProjectStore, segDs: DatasetInfo, key: ColumnInfo): DatasetInfo | null {
  const others = store.listDatasets().filter((d) => d.id !== segDs.id && d.rowCount >= segDs.rowCount && d.columns.some((c) => c.name === key.name && c.type === 'text'));
  const named = others.find((d) => segDs.source?.includes(`of ${d.name} `) || segDs.name === `RFM-${d.name}`);
  return named ?? [...others].sort((a, b) => b.rowCount - a.rowCount)[0] ?? null;
}

const CHOICE_FACTS = {
  zh: '偏好交叉表自动选择：订单数据「{dataset}」中的「{column}」，按「{key}」对应到客户，度量为客户数（去重），显示合计前 {top} 名的类别，其余归入「其他」。',
  en: 'Preference cross-tab chosen automatically: "{column}" of the orders "{dataset}", matched to customers by "{key}", measured in distinct customers, the top {top} categories shown and the rest gathered into "Other".',
};
const CHOICE_SAME = {
  zh: '偏好交叉表自动选择：本数据中的「{column}」，度量为客户数，显示合计前 {top} 名的类别，其余归入「其他」。',
  en: 'Preference cross-tab chosen automatically: "{column}" of this dataset, measured in customers, the top {top} categories shown and the rest gathered into "Other".',
};
const REASON_WIDE = {
  zh: '没有生成偏好交叉表：「{dataset}」中没有合适的类别列（「{column}」有 {n} 个不同的值，太多，无法直接比较）。可在「清洗」中用“关键词归类”把它归成几个类别（如 包含“编程词典” → 编程词典），再导出报告。',
  en: 'No preference cross-tab: "{dataset}" has no usable category column ("{column}" has {n} different values, too many to compare). Use "Keyword categories" in Cleaning to group it into a few categories (e.g. contains "编程词典" → 编程词典), then export the report again.',
};
const REASON_NONE = {
  zh: '没有生成偏好交叉表：「{dataset}」中没有文本类别列。可在报告对话框中选择类别所在的数据和列。',
  en: 'No preference cross-tab: "{dataset}" has no text category column. Choose the dataset and column holding the category in the report dialog.',
};
