import type { CellValue } from '../../../shared/contract/json';
import type { NewColumn } from '../store/project-store';
import { SeededRandom } from './random';

/**
 * A deterministic Chinese customer + order book for the demo project: enterprise, individual and
 * government customers across regions and industries, with Pareto-like skew in spend, churned and
 * new customers, and segment-dependent product preferences, so that RFM, clustering and TGI all
 * show something real.
 */
export interface DemoTable {
  name: string;
  columns: NewColumn[];
  rows: CellValue[][];
}

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);
const END = Date.UTC(2025, 11, 31);

const REGIONS: Record<string, string[]> = {
  华东: ['上海', '杭州', '南京', '苏州', '宁波', '合肥', '济南', '青岛'],
  华北: ['北京', '天津', '石家庄', '太原'],
  华南: ['广州', '深圳', '东莞', '佛山', '厦门', '福州'],
  华中: ['武汉', '长沙', '郑州', '南昌'],
  西南: ['成都', '重庆', '昆明', '贵阳'],
  西北: ['西安', '兰州', '乌鲁木齐'],
  东北: ['沈阳', '大连', '哈尔滨', '长春'],
};
const REGION_WEIGHTS = [34, 18, 22, 10, 9, 3, 4];
const INDUSTRIES = ['制造业', '批发零售', '信息技术', '金融', '教育', '医疗', '建筑地产', '物流'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鑫宇浩然子涵梓轩欣怡雨桐晨曦俊杰';
const COMPANY_WORDS = ['华创', '恒信', '联科', '盛达', '鼎新', '瑞丰', '宏图', '嘉禾', '中润', '天成', '博远', '金桥', '同力', '汇通', '星辰', '立信'];
const COMPANY_TAILS = ['科技有限公司', '贸易有限公司', '实业有限公司', '信息技术有限公司', '制造有限公司', '商贸有限公司'];
const GOV = ['市教育局', '区人民医院', '市税务局', '区政务服务中心', '市图书馆', '市第一中学'];
const CATEGORIES = ['办公用品', '家具', '电子产品', '耗材', '软件服务', '礼品'];
const PRODUCTS: Record<string, [string, number][]> = {
  办公用品: [['A4复印纸', 25], ['中性笔(盒)', 18], ['文件夹', 12], ['订书机', 30], ['白板', 260]],
  家具: [['办公椅', 680], ['办公桌', 1280], ['文件柜', 950], ['会议桌', 3600]],
  电子产品: [['笔记本电脑', 5600], ['显示器', 1300], ['打印机', 1800], ['投影仪', 3200], ['平板电脑', 2900]],
  耗材: [['硒鼓', 380], ['墨盒', 160], ['色带', 45]],
  软件服务: [['办公软件授权', 1200], ['云存储年费', 2400], ['IT运维服务', 8800]],
  礼品: [['茶叶礼盒', 420], ['定制保温杯', 88], ['节日礼包', 260]],
};
const CHANNELS = ['线上商城', '门店', '电话销售', '大客户经理'];

type CustomerType = '企业' | '个人' | '政府';

interface Customer {
  id: string;
  type: CustomerType;
  joined: number;
  leftAt: number;
  activity: number;
  prefs: number[];
}

export function generateDemo(seed = 20240101, customerCount = 3000, targetOrders = 50_000): DemoTable[] {
  const rnd = new SeededRandom(seed);
  const regionNames = Object.keys(REGIONS);
  const customers: Customer[] = [];
  const customerRows: CellValue[][] = [];
  for (let i = 0; i < customerCount; i++) {
    const type = rnd.weighted<CustomerType>(['企业', '个人', '政府'], [55, 38, 7]);
    const region = rnd.weighted(regionNames, REGION_WEIGHTS);
    const city = rnd.pick(REGIONS[region] ?? ['上海']);
    const id = `KH${String(i + 1).padStart(5, '0')}`;
    // Most customers joined before the period; a fifth are new during it.
    const joined = rnd.next() < 0.8 ? START - rnd.int(30, 1500) * DAY : START + rnd.int(0, 700) * DAY;
    const leftAt = rnd.next() < 0.25 ? Math.max(joined, START) + rnd.int(60, 600) * DAY : END + DAY;
    const activity = Math.exp(rnd.normal() * 1.1) * (type === '企业' ? 1.4 : type === '政府' ? 1.1 : 0.6);
    const prefs =
      type === '企业' ? [30, 18, 20, 16, 12, 4] : type === '政府' ? [26, 22, 18, 14, 16, 4] : [10, 3, 40, 10, 7, 30];
    customers.push({ id, type, joined, leftAt, activity, prefs });
    const name =
      type === '企业'
        ? `${city}${rnd.pick(COMPANY_WORDS)}${rnd.pick(COMPANY_TAILS)}`
        : type === '政府'
          ? `${city}${rnd.pick(GOV)}`
          : `${rnd.pick([...SURNAMES])}${rnd.pick([...GIVEN])}${rnd.next() < 0.5 ? rnd.pick([...GIVEN]) : ''}`;
    const isPerson = type === '个人';
    customerRows.push([
      id,
      name,
      type,
      isPerson ? null : rnd.pick(INDUSTRIES),
      region,
      city,
      isPerson ? rnd.pick(['男', '女']) : null,
      isPerson ? rnd.int(20, 65) : null,
      Math.floor(joined / DAY) * DAY,
      rnd.weighted(['AAA', 'AA', 'A', 'B'], [15, 35, 35, 15]),
    ]);
  }
  const totalActivity = customers.reduce((a, c) => a + c.activity, 0);
  const orderRows: CellValue[][] = [];
  let orderNo = 0;
  for (const c of customers) {
    const from = Math.max(c.joined, START);
    const to = Math.min(c.leftAt, END);
    if (to <= from) continue;
    const n = Math.max(1, Math.round((c.activity / totalActivity) * targetOrders * (rnd.next() * 0.6 + 0.7)));
    for (let k = 0; k < n; k++) {
      const category = rnd.weighted(CATEGORIES, c.prefs);
      const [product, basePrice] = rnd.pick(PRODUCTS[category] ?? [['A4复印纸', 25]]);
      const qty = c.type === '个人' ? rnd.int(1, 3) : rnd.int(1, 20);
      const price = Math.round(basePrice * (0.9 + rnd.next() * 0.2) * 100) / 100;
      const discount = rnd.weighted([0, 0.05, 0.1, 0.15], [60, 20, 15, 5]);
      const amount = Math.round(qty * price * (1 - discount) * 100) / 100;
      const when = from + Math.floor(rnd.next() * (to - from));
      const returned = rnd.next() < 0.03;
      orderNo += 1;
      orderRows.push([
        `DD${String(orderNo).padStart(6, '0')}`,
        c.id,
        Math.floor(when / 60_000) * 60_000,
        category,
        product,
        qty,
        price,
        discount,
        returned ? -amount : amount,
        c.type === '个人' ? rnd.weighted(CHANNELS, [55, 35, 10, 0]) : rnd.weighted(CHANNELS, [20, 10, 30, 40]),
        returned ? '已退货' : '已完成',
      ]);
    }
  }
  orderRows.sort((a, b) => (a[2] as number) - (b[2] as number));
  orderRows.forEach((r, i) => (r[0] = `DD${String(i + 1).padStart(6, '0')}`));
  return [
    {
      name: '客户信息',
      columns: [
        col('客户编号', 'text'),
        col('客户名称', 'text'),
        col('客户类型', 'text'),
        col('行业', 'text'),
        col('地区', 'text'),
        col('城市', 'text'),
        col('性别', 'text'),
        col('年龄', 'integer'),
        col('注册日期', 'date', 'yyyy-mm-dd'),
        col('信用等级', 'text'),
      ],
      rows: customerRows,
    },
    {
      name: '订单明细',
      columns: [
        col('订单编号', 'text'),
        col('客户编号', 'text'),
        col('下单时间', 'datetime', 'yyyy-mm-dd hh:mm'),
        col('产品类别', 'text'),
        col('产品名称', 'text'),
        col('数量', 'integer'),
        col('单价', 'currency', '¥#,##0.00'),
        col('折扣', 'percent', '0%'),
        col('金额', 'currency', '¥#,##0.00'),
        col('渠道', 'text'),
        col('订单状态', 'text'),
      ],
      rows: orderRows,
    },
  ];
}

function col(name: string, type: NewColumn['type'], format: string | null = null): NewColumn {
  return { name, originalHeader: name, type, format };
}
