import type { RuleScheme } from '../../../shared/contract/segment-schemes';

/**
 * The "3+1" real-estate scheme (seed 000, 七大类15小类): family life cycle × payment capability.
 * Payment capability comes from 支付房价比 (what the family can and will pay ÷ the local average
 * price, ×100), with the seed's bands per life cycle; a band's lower edge is where the next
 * capability starts (the seed's gaps go to the lower level). 富豪家庭 spans every life cycle
 * (ratio 300 and above) and is tested first. The seed names ten sub-segments outright; the five
 * it lists only by band (空巢 中等/较高, 多代 中等/较高, 富豪) are named by its own pattern
 * (栖居 = 较低, 小康 = 中等, 富贵 = 较高).
 */
const FAMILY = 'family';
const RATIO = 'ratio';

function sub(segment: string, family: string, minRatio: number | null, action: string) {
  return {
    segment,
    action,
    when: [
      { column: FAMILY, op: 'eq' as const, value: family },
      ...(minRatio === null ? [] : [{ column: RATIO, op: 'gte' as const, value: minRatio }]),
    ],
  };
}

export const REAL_ESTATE_SCHEME: RuleScheme = {
  name: '3+1 家庭生命周期 × 支付能力',
  rules: [
    { segment: '富豪家庭', action: '彰显尊崇地位，体现个人价值', when: [{ column: RATIO, op: 'gte', value: 300 }] },
    sub('单身贵族', '单身', 80, '享受栖居：独立舒适、社交娱乐、体现品味（支付房价比 80-250）'),
    sub('栖居单身', '单身', null, '基本栖居：拥有属于自己的独立空间（支付房价比 35-70）'),
    sub('小康两口', '两口', 100, '基本改善：两人更舒适的生活，迎接下一代（100-125）'),
    sub('栖居两口', '两口', null, '基本栖居（80-85）'),
    sub('富贵三口', '三口', 160, '多次改善、社会标志：就近重点学校，与地位相匹配（160-250）'),
    sub('小康三口', '三口', 115, '基本改善（115-150）'),
    sub('栖居三口', '三口', null, '基本栖居：满足一家三口独立生活，方便孩子就学（80-110）'),
    sub('小康两代', '两代', 140, '基本改善、健康养老：以小换大，方便照顾老人（140-150）'),
    sub('栖居两代', '两代', null, '基本栖居、健康养老（125-135）'),
    sub('富贵多代', '多代', 250, '多次改善、健康养老（250-300）'),
    sub('小康多代', '多代', 160, '多次改善、健康养老：几代同住，宽松的生活环境（160-200）'),
    sub('栖居多代', '多代', null, '基本改善、健康养老：改善居住条件（135-150）'),
    sub('富贵空巢', '空巢', 125, '健康养老、改善（125-250）'),
    sub('小康空巢', '空巢', null, '健康养老（80-110）'),
  ],
  defaultSegment: '未归类',
  defaultAction: '家庭生命周期不在七大类中：补充资料后再归类',
};
