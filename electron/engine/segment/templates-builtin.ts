import type { SegmentTemplate } from '../../../shared/contract/segment';
import type { JsonValue } from '../../../shared/contract/json';
import { BANK_TAG_SET } from './template-bank';
import { REAL_ESTATE_SCHEME } from './template-real-estate';

const json = (v: unknown): JsonValue => JSON.parse(JSON.stringify(v)) as JsonValue;

/**
 * Templates shipped with the app. A slot is a column role; applying a template maps each slot
 * to the user's column (or the first candidate name the dataset has).
 */
export const BUILTIN_TEMPLATES: SegmentTemplate[] = [
  {
    id: 'rfm8',
    builtIn: true,
    kind: 'rfm8',
    name: { zh: 'RFM 八类客户', en: 'RFM eight segments' },
    description: { zh: 'R、F、M 各按均值分高低，得到重要价值客户等八类', en: 'R, F and M high/low against the mean: the eight classic segments' },
    slots: [
      { slot: 'r', label: { zh: '最近购买间隔(天)', en: 'Recency (days)' }, candidates: ['R', '最近购买间隔', 'Recency'] },
      { slot: 'f', label: { zh: '购买次数', en: 'Frequency' }, candidates: ['F', '购买次数', '订单数', 'Frequency'] },
      { slot: 'm', label: { zh: '消费金额', en: 'Monetary' }, candidates: ['M', '消费金额', '金额', 'Monetary'] },
    ],
    definition: { threshold: 'mean' },
    createdAt: null,
  },
  {
    id: 'pareto-abc',
    builtIn: true,
    kind: 'pareto',
    name: { zh: '帕累托 ABC 价值分层', en: 'Pareto ABC value tiers' },
    description: { zh: '按金额从高到低累计：前 80% 为 A，其后 15% 为 B，最后 5% 为 C', en: 'Cumulative value share 80/15/5 → A/B/C' },
    slots: [{ slot: 'value', label: { zh: '金额或利润', en: 'Revenue or profit' }, candidates: ['M', '金额', '销售额', '利润', 'Monetary'] }],
    definition: { shares: [80, 15, 5], labels: ['A', 'B', 'C'] },
    createdAt: null,
  },
  {
    id: 'lifecycle-5',
    builtIn: true,
    kind: 'lifecycle',
    name: { zh: '客户生命周期五阶段', en: 'Customer lifecycle, five stages' },
    description: {
      zh: '潜在/新/成熟/衰退/流失：未购买为潜在；R>180 天为流失；客龄≤90 天为新；R>90 天或消费下降 30% 以上为衰退；其余为成熟',
      en: 'Prospect/new/mature/declining/churned by purchases, recency (180/90 days), tenure (90 days) and spend trend (−30%)',
    },
    slots: [
      { slot: 'recency', label: { zh: '最近购买间隔(天)', en: 'Recency (days)' }, candidates: ['R', '最近购买间隔'] },
      { slot: 'frequency', label: { zh: '购买次数', en: 'Frequency' }, candidates: ['F', '购买次数', '订单数'] },
      { slot: 'tenure', label: { zh: '客龄(天)', en: 'Tenure (days)' }, candidates: ['客龄(天)', '客龄'], optional: true },
      { slot: 'firstPurchase', label: { zh: '首次购买日期', en: 'First purchase' }, candidates: ['首次购买', '首次购买日期'], optional: true },
    ],
    definition: { newDays: 90, decliningDays: 90, churnDays: 180, declineRatio: 0.7 },
    createdAt: null,
  },
  {
    id: 'real-estate-3plus1',
    builtIn: true,
    kind: 'rules',
    name: { zh: '房地产 3+1 客户细分（七大类15小类）', en: 'Real estate 3+1 scheme (15 sub-segments)' },
    description: {
      zh: '家庭生命周期（单身/两口/三口/两代/多代/空巢，富豪家庭贯穿）× 支付能力（按支付房价比分较低/中等/较高）',
      en: 'Family life cycle × payment capability from the payment-to-price ratio',
    },
    slots: [
      { slot: 'family', label: { zh: '家庭生命周期', en: 'Family life cycle' }, candidates: ['家庭生命周期', '家庭结构', '家庭类型'] },
      { slot: 'ratio', label: { zh: '支付房价比', en: 'Payment-to-price ratio (×100)' }, candidates: ['支付房价比', '支付能力'] },
    ],
    definition: json(REAL_ESTATE_SCHEME),
    createdAt: null,
  },
  {
    id: 'bank-labels',
    builtIn: true,
    kind: 'tags',
    name: { zh: '银行客户标签体系', en: 'Bank customer labels' },
    description: { zh: '年龄段、职业、收入水平、家庭状况、偏好：一个客户可有多个标签', en: 'Age band, occupation, income level, family status, preference (non-exclusive tags)' },
    slots: [
      { slot: 'age', label: { zh: '年龄', en: 'Age' }, candidates: ['年龄', 'age'] },
      { slot: 'job', label: { zh: '职业', en: 'Occupation' }, candidates: ['职业', 'job'] },
      { slot: 'income', label: { zh: '年收入(元)', en: 'Annual income' }, candidates: ['年收入', '收入', 'income'] },
      { slot: 'family', label: { zh: '家庭状况', en: 'Family status' }, candidates: ['家庭状况', '婚姻状况', 'marital'] },
      { slot: 'preference', label: { zh: '偏好', en: 'Preference' }, candidates: ['偏好', '产品偏好', 'preference'] },
    ],
    definition: json(BANK_TAG_SET),
    createdAt: null,
  },
];
