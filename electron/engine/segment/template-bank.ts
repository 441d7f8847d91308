import type { TagSet } from '../../../shared/contract/segment-schemes';

/** Bank label system (seed 000): age band, occupation, income level, family status, preference. */
export const BANK_TAG_SET: TagSet = {
  name: '银行客户标签',
  groups: [
    {
      group: '年龄段',
      rules: [
        { tag: '25岁以下', when: [{ column: 'age', op: 'lt', value: 25 }] },
        { tag: '25-34岁', when: [{ column: 'age', op: 'gte', value: 25 }, { column: 'age', op: 'lt', value: 35 }] },
        { tag: '35-44岁', when: [{ column: 'age', op: 'gte', value: 35 }, { column: 'age', op: 'lt', value: 45 }] },
        { tag: '45-59岁', when: [{ column: 'age', op: 'gte', value: 45 }, { column: 'age', op: 'lt', value: 60 }] },
        { tag: '60岁及以上', when: [{ column: 'age', op: 'gte', value: 60 }] },
      ],
    },
    {
      group: '职业',
      rules: [
        {
          fromColumn: 'job',
          map: {
            management: '管理人员',
            technician: '技术人员',
            entrepreneur: '企业主',
            'blue-collar': '蓝领',
            retired: '退休',
            'admin.': '行政文员',
            services: '服务业',
            'self-employed': '个体经营',
            unemployed: '无业',
            housemaid: '家政',
            student: '学生',
            unknown: '职业未知',
          },
        },
      ],
    },
    {
      group: '收入水平',
      rules: [
        { tag: '低收入', when: [{ column: 'income', op: 'lt', value: 50_000 }] },
        { tag: '中等收入', when: [{ column: 'income', op: 'gte', value: 50_000 }, { column: 'income', op: 'lte', value: 150_000 }] },
        { tag: '高收入', when: [{ column: 'income', op: 'gt', value: 150_000 }] },
      ],
    },
    {
      group: '家庭状况',
      rules: [{ fromColumn: 'family', map: { single: '单身', married: '已婚', divorced: '离异' } }],
    },
    {
      group: '偏好',
      rules: [{ fromColumn: 'preference', prefix: '偏好:' }],
    },
  ],
};
