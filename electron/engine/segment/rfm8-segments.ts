/** The eight RFM segments (DOMAIN.md): R/F/M high or low, with the default recommended action. */
export interface RfmCell {
  name: string;
  r: boolean;
  f: boolean;
  m: boolean;
  action: string;
  actionEn: string;
}

export const RFM8_SEGMENTS: readonly RfmCell[] = [
  { name: '重要价值客户', r: true, f: true, m: true, action: '最好的客户：保持并奖励（专属权益、优先服务）', actionEn: 'Best customers: keep and reward' },
  { name: '重要发展客户', r: true, f: false, m: true, action: '近期购买、价值高但次数少：提高购买频次', actionEn: 'Recent, high value, infrequent: raise frequency' },
  { name: '重要保持客户', r: false, f: true, m: true, action: '购买频繁、价值高但已有一段时间未购买：立即主动联系', actionEn: 'Frequent and valuable but lapsing: reach out now' },
  { name: '重要挽留客户', r: false, f: false, m: true, action: '价值高但正在流失：重点挽回', actionEn: 'Valuable but leaving: win back' },
  { name: '一般价值客户', r: true, f: true, m: false, action: '活跃但消费低：向上销售、推荐高价商品', actionEn: 'Active, low spend: up-sell' },
  { name: '一般发展客户', r: true, f: false, m: false, action: '新客或偶尔购买：培育与引导复购', actionEn: 'New or occasional: nurture' },
  { name: '一般保持客户', r: false, f: true, m: false, action: '价值低且逐渐流失：低成本维系', actionEn: 'Low value, lapsing: low-cost retention' },
  { name: '一般挽留客户', r: false, f: false, m: false, action: '价值低且已流失：最低优先级', actionEn: 'Low value, lost: lowest priority' },
];

/** Cells indexed by r·4 + f·2 + m (1 = 高), for a lookup per customer without searching. */
const BY_BITS: readonly RfmCell[] = Array.from({ length: 8 }, (_, bits) => RFM8_SEGMENTS.find((c) => c.r === (bits >> 2 === 1) && c.f === ((bits >> 1) % 2 === 1) && c.m === (bits % 2 === 1))!);

export function rfmCellOf(r: boolean, f: boolean, m: boolean): RfmCell {
  return BY_BITS[(r ? 4 : 0) + (f ? 2 : 0) + (m ? 1 : 0)]!;
}
