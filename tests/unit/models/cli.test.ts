import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/engine/cli/run-cli';
import { hasSharedData, sharedFile, SKIP_MESSAGE } from '../../helpers/shared-data';
import { tempDir } from '../../helpers/temp';

async function cli(args: string[]): Promise<{ code: number; json: Record<string, unknown> }> {
  let out = '';
  const outcome = await runCli([...args, '--json'], { stdout: (t) => (out += t), stderr: () => undefined });
  return { code: outcome.exitCode, json: JSON.parse(out) as Record<string, unknown> };
}

async function help(command: string, lang: 'zh' | 'en'): Promise<string> {
  let out = '';
  await runCli([command, '--help', '--lang', lang], { stdout: (t) => (out += t), stderr: () => undefined });
  return out;
}

describe('model commands: complete --help in both languages', () => {
  for (const command of ['tree', 'kproto', 'hclust', 'factor']) {
    it(`kequn ${command} --help states its conventions in Chinese and English`, async () => {
      const zh = await help(command, 'zh');
      const en = await help(command, 'en');
      expect(zh).toContain(`kequn ${command}`);
      expect(zh).toMatch(/约定|默认/);
      expect(en).toMatch(/Convention|default/);
      // The English text (usage lines aside, which show Chinese examples) has no Chinese sentences.
      const prose = en.split('\n').filter((l) => !l.startsWith('kequn ')).join('\n');
      expect(prose).not.toMatch(/[\u4e00-\u9fff]{3,}/u);
    });
  }
});

if (!hasSharedData) console.warn(SKIP_MESSAGE);

/** The four models end to end through the CLI on the real bank file in ../shared/data. */
describe.skipIf(!hasSharedData)('models through kequn on ../shared/data/bank-marketing/bank.csv', () => {
  const tmp = tempDir('kequn-models-cli-');
  const P = ['--project', join(tmp.dir, 'bank.kequn')];
  afterAll(() => tmp.cleanup());

  it('import, segment, explain with a tree, apply its rules, cluster mixed data, Ward, factors, report', async () => {
    expect((await cli(['import', sharedFile('bank-marketing', 'bank.csv'), ...P])).code).toBe(0);
    const km = await cli(['kmeans', ...P, '--dataset', 'bank', '--columns', 'age,balance,duration,campaign', '--k', '4']);
    const seg = (km.json.segmentation as { id: string }).id;
    const scheme = join(tmp.dir, 'rules.json');
    const tree = await cli(['tree', ...P, '--segmentation', seg, '--columns', 'age,job,marital,education,balance,housing,loan,duration,campaign', '--scheme-out', scheme]);
    expect(tree.code).toBe(0);
    expect(tree.json.testAccuracy as number).toBeGreaterThan(0.9);
    const rules = tree.json.rules as { coverage: number; segment: string }[];
    const applied = await cli(['segment', 'rules', ...P, '--dataset', 'bank', '--scheme', scheme]);
    const counts = applied.json.segments as { name: string; count: number }[];
    // The rule scheme puts exactly the tree's leaf coverage into each segment.
    for (const c of counts) expect(c.count).toBe(rules.filter((r) => r.segment === c.name).reduce((s, r) => s + r.coverage, 0));
    const why = await cli(['tree', ...P, '--model', tree.json.model as string, '--why', '5']);
    expect((why.json.why as { steps: unknown[] }).steps.length).toBeGreaterThan(0);
    const kproto = await cli(['kproto', ...P, '--dataset', 'bank', '--numeric', 'age,balance,duration,campaign', '--categorical', 'job,marital,education', '--k', '4', '--restarts', '3']);
    expect((kproto.json.clusters as unknown[]).length).toBe(4);
    const ward = await cli(['hclust', ...P, '--dataset', 'bank', '--columns', 'age,balance,duration,campaign']);
    expect(ward.json.mode).toBe('exact');
    expect(ward.json.cophenetic as number).toBeGreaterThan(0);
    const factor = await cli(['factor', ...P, '--dataset', 'bank', '--columns', 'age,balance,day,duration,campaign,pdays,previous', '--factors', '3', '--names', '联系因子,活跃因子,价值因子', '--save']);
    expect(factor.json.names).toEqual(['联系因子', '活跃因子', '价值因子']);
    expect((factor.json.savedColumns as string[]).length).toBe(3);
    const report = await cli(['report', ...P, '--segmentation', seg, '--sheets', 'models', '--out', join(tmp.dir, 'r.xlsx')]);
    expect(report.json.sheets).toEqual(['模型说明']);
    expect(report.json.images).toBe(2);
  }, 120_000);
});
