/**
 * Strings of the change-type fields (type and day/month order), in their own namespace so the
 * order selector can grow without touching the rest of the cleaning view's strings.
 */
export const CHANGE_TYPE_NS = 'clean-change-type';

export const changeTypeStrings = {
  'zh-CN': {
    dateOrder: '日期顺序（形如 10/2/2017）',
    order: { auto: '自动（按本列证据）', mdy: '月/日/年', dmy: '日/月/年' },
    loading: '正在查看本列的日期…',
    none: '本列没有形如 10/2/2017 的日期，顺序不影响结果。',
    evidence: '本列形如 10/2/2017 的日期 {{cells}} 个：只能按月/日/年读的 {{mdy}} 个，只能按日/月/年读的 {{dmy}} 个，两种都说得通的 {{both}} 个。',
    autoReads: '自动：按{{order}}读取。',
    ambiguous: '无法判断顺序：没有一个日期的日或月大于 12。自动会按月/日/年读取，请选择正确的顺序。',
    conflict: '按{{order}}读取时，{{count}} 个单元格不是有效日期，将保留原文本。',
  },
  en: {
    dateOrder: 'Date order (dates like 10/2/2017)',
    order: { auto: 'Auto (from this column)', mdy: 'Month/day/year', dmy: 'Day/month/year' },
    loading: 'Looking at the dates in this column…',
    none: 'No dates like 10/2/2017 in this column: the order changes nothing.',
    evidence: '{{cells}} dates like 10/2/2017 in this column: {{mdy}} fit only month/day/year, {{dmy}} only day/month/year, {{both}} fit both.',
    autoReads: 'Auto reads them as {{order}}.',
    ambiguous: 'Ambiguous: no day or month is above 12. Auto reads month/day/year; choose the right order.',
    conflict: 'Read as {{order}}, {{count}} cells are not valid dates and keep their text.',
  },
};
