import { COLUMN_TYPE_LABELS } from '../../i18n/column-types';

export const overviewStrings = {
  'zh-CN': {
    title: '数据概览',
    heading: '{{name}}',
    summary: '{{rows}} 行 · {{columns}} 列',
    source: '来源：{{source}}',
    col: { index: '#', name: '列名', originalHeader: '原始表头', type: '类型', format: '格式', invalid: '无效值', missing: '缺失值' },
    type: COLUMN_TYPE_LABELS['zh-CN'],
    generated: '（生成列）',
    noColumns: '此数据集没有列',
  },
  en: {
    title: 'Overview',
    heading: '{{name}}',
    summary: '{{rows}} rows · {{columns}} columns',
    source: 'Source: {{source}}',
    col: {
      index: '#',
      name: 'Column',
      originalHeader: 'Original header',
      type: 'Type',
      format: 'Format',
      invalid: 'Invalid',
      missing: 'Missing',
    },
    type: COLUMN_TYPE_LABELS.en,
    generated: '(generated)',
    noColumns: 'This dataset has no columns',
  },
};
