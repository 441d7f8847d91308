import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { Engine } from '../../../electron/engine/host/engine';
import type { CellValue } from '../../../shared/contract/json';
import { tempDir } from '../../helpers/temp';
import { reportFixture } from './report-fixture';

/**
 * The report reads like a consultant wrote it: one language per report (data excepted), local
 * dates, parameters in words, segments in the scheme's order, 执行建议 per segment. The report
 * before issue 21 failed each of these (English keys in 方法说明, "Kequn 客群" and （未分配） in the
 * English report, UTC ISO stamps, pinyin order, no 执行建议).
 */
const tmp = tempDir();
let engine: Engine;
let segmentationId: string;
let fixtureRows: CellValue[][];
const SCHEME = ['重要价值客户', '一般发展客户', '重要挽留客户', '一般挽留客户'];
const CATEGORIES = ['编程词典', '零基础学', '精彩编程200例', '项目开发实战'];
const data = new Set<string>();

beforeAll(async () => {
  ({ engine, segmentationId, rows: fixtureRows } = await reportFixture(tmp.dir));
  const store = engine.currentProject!;
  // Every customer of segment k buys category k, and everyone buys 通用: clear preferences.
  const orders: CellValue[][] = [];
  fixtureRows.forEach((r, i) => {
    orders.push([r[0]!, CATEGORIES[i % 4]!, 100], [r[0]!, '通用', 20]);
  });
  store.createDataset(
    {
      name: '订单',
      kind: 'import',
      source: '订单.xlsx / sheet1',
      columns: [
        { name: '客户编号', originalHeader: '客户编号', type: 'text' },
        { name: '产品类别', originalHeader: '产品类别', type: 'text' },
        { name: '金额', originalHeader: '金额', type: 'currency' },
      ],
    },
    orders,
  );
  for (const r of fixtureRows) for (const v of r) if (typeof v === 'string') data.add(v);
  for (const v of [...SCHEME, ...CATEGORIES, '通用', 'RFM 八类', 'RFM-测试', '订单', '订单.xlsx / sheet1', 'test', '客户编号', '客户名称', '首次购买', '产品类别', '细分', 'R', 'F', 'M']) data.add(v);
  for (const s of SCHEME) data.add(`${s}的建议行动`);
});
afterAll(() => {
  engine.dispose();
  tmp.cleanup();
});

/** Every text cell of every sheet (the customer list: its header and label columns only). */
function texts(path: string): { sheet: string; text: string }[] {
  const wb = XLSX.read(readFileSync(path));
  return wb.SheetNames.flatMap((sheet) =>
    XLSX.utils
      .sheet_to_json<unknown[]>(wb.Sheets[sheet]!, { header: 1, defval: null })
      .flat()
      .filter((v): v is string => typeof v === 'string')
      .map((text) => ({ sheet, text })),
  );
}

/** The text with every data value (names from the data, not written by the report) taken out. */
function withoutData(text: string): string {
  let out = text;
  for (const v of [...data].sort((a, b) => b.length - a.length)) out = out.split(v).join(' ');
  return out;
}

async function write(lang: 'zh' | 'en'): Promise<string> {
  const path = join(tmp.dir, `report-${lang}.xlsx`);
  await engine.createClient().call('exports.report', { segmentationId, path, lang });
  return path;
}

describe('the report reads like a consultant wrote it', () => {
  it('the Chinese report has no English words of its own', async () => {
    const path = await write('zh');
    // Names, measures and units that stay as they are in Chinese documents.
    const allowed = new Set(['TGI', 'RFM', 'Excel', 'Cramér', 'V', 'p', 'z', 'R', 'F', 'M']);
    const english = texts(path)
      .flatMap(({ sheet, text }) => (withoutData(text).match(/[A-Za-zÀ-ÖØ-öø-ÿ]+/g) ?? []).filter((w) => !allowed.has(w)).map((w) => `${sheet}: ${w} in "${text}"`));
    expect(english).toEqual([]);
  });

  it('the English report has no Chinese of its own', async () => {
    const path = await write('en');
    const chinese = texts(path)
      .filter(({ text }) => /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/.test(withoutData(text)))
      .map(({ sheet, text }) => `${sheet}: ${text}`);
    expect(chinese).toEqual([]);
  });

  it('writes local dates in words, never a UTC ISO stamp', async () => {
    const before = new Date();
    const path = await write('zh');
    const all = texts(path).map((x) => x.text);
    expect(all.filter((t) => /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(t))).toEqual([]);
    const wb = XLSX.read(readFileSync(path));
    const overview = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['概览']!, { header: 1 });
    const generated = String(overview.find((r) => r[0] === '生成时间')?.[1]);
    const m = /^(\d{4})年(\d{1,2})月(\d{1,2})日 (\d{2}):(\d{2})$/.exec(generated);
    expect(m, generated).not.toBeNull();
    const local = new Date(Number(m![1]), Number(m![2]) - 1, Number(m![3]), Number(m![4]), Number(m![5]));
    // Local wall-clock time of the machine (not UTC): within a minute of when it was written.
    expect(Math.abs(local.getTime() - before.getTime())).toBeLessThan(120_000);
  });

  it('explains the method in sentences, parameters in words', async () => {
    const path = await write('zh');
    const wb = XLSX.read(readFileSync(path));
    const method = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['方法说明']!, { header: 1 }).map((r) => String(r[0] ?? ''));
    expect(method.join('\n')).not.toMatch(/definition\.|segmentation\.|\bcuts\b|\bthreshold\b/);
    expect(method.some((s) => s.includes('与全体客户的均值比较'))).toBe(true);
    expect(method.some((s) => /^数据：「RFM-测试」，共 40 行/.test(s))).toBe(true);
    expect(method.every((s) => s === '' || s === '方法说明' || /[。：]$|。$/.test(s) || s.endsWith('。'))).toBe(true);
  });

  it('lists segments in the scheme’s order, not pinyin order, in the cross-tab', async () => {
    const path = await write('zh');
    const wb = XLSX.read(readFileSync(path));
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['偏好交叉表']!, { header: 1 });
    const header = rows.findIndex((r) => r[0] === '细分');
    expect(rows.slice(header + 1, header + 5).map((r) => r[0])).toEqual(SCHEME);
    // Pinyin order would put 一般… first: the scheme's order is really a choice here.
    expect([...SCHEME].sort(new Intl.Collator('zh-CN').compare)).not.toEqual(SCHEME);
    // The quick report says what it chose.
    expect(rows.some((r) => typeof r[0] === 'string' && r[0].includes('自动选择：订单数据「订单」中的「产品类别」'))).toBe(true);
  });

  it('gives each segment an 执行建议 block: who to contact, what to offer (its preferences), how', async () => {
    const path = await write('zh');
    const wb = XLSX.read(readFileSync(path));
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['执行建议']!, { header: 1 });
    SCHEME.forEach((segment, k) => {
      const at = rows.findIndex((r) => r[0] === segment);
      expect(at, segment).toBeGreaterThan(0);
      const block = rows.slice(at + 1, at + 8);
      const field = (label: string): string => String(block.find((r) => r[0] === label)?.[1] ?? '');
      expect(field('联系谁')).toMatch(/^本细分共 10 位客户（占 25\.0%）。「M」最高的 5 位：KH\d{3}/);
      expect(field('提供什么')).toBe(`偏好 ${CATEGORIES[k]}（TGI 400）：优先推荐这些类别。`);
      expect(field('怎么做')).toBe(`${segment}的建议行动`);
      expect(field('负责人')).toContain('请填写');
    });
  });

  it('labels a comparison of two periods as periods, in either language', async () => {
    const store = engine.currentProject!;
    const { saveSegmentation } = await import('../../../electron/engine/store/segmentation-store');
    // Next month's customers: the same ids in another dataset, segmented again.
    const next = store.createDataset(
      { name: 'RFM-二月', kind: 'derived', source: 'test', columns: [{ name: '客户编号', originalHeader: null, type: 'text' }] },
      fixtureRows.slice(0, 30).map((r) => [r[0]!]),
    );
    const later = saveSegmentation(store, {
      datasetId: next.id,
      method: 'rules',
      name: '二月方案',
      columnName: '细分',
      labels: Array.from({ length: 30 }, (_, i) => SCHEME[(i + 1) % 4]!),
      definition: { scheme: { name: '二月', rules: [], defaultSegment: '一般发展客户' } },
      segments: SCHEME.map((name) => ({ name, count: 0, share: 0, revenueShare: null, means: {}, action: null })),
    });
    for (const v of ['RFM-二月', '二月方案', '二月']) data.add(v);
    for (const lang of ['zh', 'en'] as const) {
      const path = join(tmp.dir, `periods-${lang}.xlsx`);
      const r = await engine.createClient().call('exports.report', { segmentationId: later.id, path, lang, sheets: ['migration'], compareWith: segmentationId });
      expect(r.sheets).toEqual([lang === 'zh' ? '迁移' : 'Migration']);
      const rows = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(readFileSync(path)).Sheets[r.sheets[0]!]!, { header: 1 });
      expect(rows[0]![0]).toBe(lang === 'zh' ? '客户迁移：上期「RFM 八类」→ 本期「二月方案」' : 'Customer migration: earlier "RFM 八类" → later "二月方案"');
      const header = rows.find((x) => x[0] === (lang === 'zh' ? '上期 \\ 本期' : 'Earlier \\ later'));
      expect(header).toBeDefined();
      // Ten customers of the first file are not in the second.
      expect(header).toContain(lang === 'zh' ? '（已不在）' : '(no longer present)');
      const all = texts(path);
      if (lang === 'en') expect(all.filter(({ text }) => /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/.test(withoutData(text)))).toEqual([]);
    }
  });
});
