import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/engine/cli/run-cli';
import { ProjectStore } from '../../../electron/engine/store/project-store';
import { tempDir } from '../../helpers/temp';

async function cli(args: string[]): Promise<{ code: number; json: Record<string, unknown> }> {
  let out = '';
  const outcome = await runCli([...args, '--json'], { stdout: (t) => (out += t), stderr: () => undefined });
  return { code: outcome.exitCode, json: JSON.parse(out) as Record<string, unknown> };
}

describe('kequn segment sub-commands', () => {
  const tmp = tempDir('kequn-segment-cli-');
  const project = join(tmp.dir, 'p.kequn');
  const P = ['--project', project, '--dataset', '客户'];

  beforeAll(() => {
    const store = ProjectStore.open(project, { create: true });
    store.createDataset(
      {
        name: '客户',
        kind: 'derived',
        source: 'test',
        columns: ['编号', 'R', 'F', 'M', '客龄(天)', '年龄', '职业', '年收入', '婚姻状况', '偏好'].map((name, i) => ({
          name,
          originalHeader: null,
          type: i === 0 || i >= 6 ? (i === 7 ? 'decimal' : 'text') : 'integer',
        })),
      },
      [
        ['a', 5, 9, 900, 400, 30, 'management', 120_000, 'married', '理财'],
        ['b', 200, 1, 50, 20, 70, 'retired', 20_000, 'single', null],
        ['c', 40, 3, 300, 300, 40, 'technician', 60_000, 'married', '基金'],
      ],
    );
    store.close();
  });
  afterAll(() => tmp.cleanup());

  it('scores, tiers and lifecycles with the documented output shape', async () => {
    const score = await cli(['segment', 'score', ...P, '--cuts-r', '10,30,100,300', '--preview']);
    expect(score.code).toBe(0);
    expect(score.json).toMatchObject({ scored: 3, columnKeys: null });
    const pareto = await cli(['segment', 'pareto', ...P, '--shares', '70,30', '--labels', '头部,其他']);
    expect(pareto.json.segments).toEqual([
      { name: '头部', count: 1, share: 1 / 3, revenueShare: 900 / 1250 },
      { name: '其他', count: 2, share: 2 / 3, revenueShare: 350 / 1250 },
    ]);
    expect(typeof pareto.json.gini).toBe('number');
    const life = await cli(['segment', 'lifecycle', ...P]);
    const counts = (life.json.segments as { name: string; count: number }[]).map((s) => [s.name, s.count]);
    expect(counts).toEqual([
      ['潜在客户', 0],
      ['新客户', 0],
      ['成熟客户', 2],
      ['衰退客户', 0],
      ['流失客户', 1],
    ]);
  });

  it('lists, applies and saves templates; applies tags and lists tagged customers', async () => {
    const list = await cli(['segment', 'template', 'list', '--project', project]);
    expect((list.json.templates as { id: string }[]).length).toBeGreaterThanOrEqual(5);
    const tags = await cli(['segment', 'template', 'apply', ...P, '--template', 'bank-labels']);
    expect(tags.code).toBe(0);
    const tagged = await cli(['segment', 'tagged', ...P, '--tag', '已婚']);
    expect(tagged.json.total).toBe(2);
    const all = await cli(['segment', 'tags', ...P]);
    expect((all.json.tags as { tag: string }[]).some((t) => t.tag === '60岁及以上')).toBe(true);
    const tagFile = join(tmp.dir, 'tags.json');
    writeFileSync(tagFile, JSON.stringify({ name: '自定', groups: [{ group: '价值', rules: [{ tag: '高价值', when: [{ column: 'M', op: 'gte', value: 500 }] }] }] }));
    const own = await cli(['segment', 'tags', ...P, '--scheme', tagFile]);
    expect(own.json).toMatchObject({ taggedCustomers: 1 });
    const rfm = await cli(['segment', 'template', 'apply', ...P, '--template', 'rfm8', '--map', 'r=R,f=F,m=M']);
    const id = (rfm.json.segmentation as { id: string }).id;
    const saved = await cli(['segment', 'template', 'save', '--project', project, '--name', '我的RFM', '--from', id]);
    expect(saved.json.template).toMatchObject({ kind: 'rfm8', builtIn: false });
  });

  it('migrates between two runs, lists a cell, and shows description cards', async () => {
    const a = (await cli(['segment', 'rfm8', ...P])).json.segmentation as { id: string };
    const b = (await cli(['segment', 'rfm8', ...P, '--threshold', 'median'])).json.segmentation as { id: string };
    const m = await cli(['segment', 'migrate', '--project', project, '--from', a.id, '--to', b.id]);
    expect(m.json.total).toBe(3);
    const cell = await cli(['segment', 'migrate', '--project', project, '--from', a.id, '--to', b.id, '--cell', '重要价值客户=>重要价值客户']);
    expect(cell.json.total).toBe(1);
    const cards = await cli(['segment', 'cards', '--project', project, '--segmentation', a.id, '--lang', 'en']);
    expect((cards.json.cards as { status: string }[])[0]!.status).toContain('customers');
  });

  it('exits 2 with coded errors for bad input', async () => {
    expect(await cli(['segment', 'nope', '--project', project])).toMatchObject({ code: 2, json: { error: { code: 'USAGE' } } });
    expect(await cli(['segment', 'rfm8', ...P, '--threshold', 'mode'])).toMatchObject({ code: 2, json: { error: { code: 'USAGE' } } });
    expect(await cli(['segment', 'rules', ...P, '--scheme', join(tmp.dir, 'missing.json')])).toMatchObject({ code: 2, json: { error: { code: 'FILE_NOT_FOUND' } } });
    const bad = join(tmp.dir, 'bad.json');
    writeFileSync(bad, '{ not json');
    expect(await cli(['segment', 'rules', ...P, '--scheme', bad])).toMatchObject({ code: 2, json: { error: { code: 'SEGMENT_INVALID' } } });
  });
});
