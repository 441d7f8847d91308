import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/engine/cli/run-cli';
import { hasSharedData } from '../../helpers/shared-data';
import { tempDir } from '../../helpers/temp';
import { cnOrdersRfm, writeRfmProject } from './cn-orders-rfm';

async function cli(args: string[]): Promise<{ code: number; json: unknown }> {
  let out = '';
  const outcome = await runCli([...args, '--json'], { stdout: (t) => (out += t), stderr: () => undefined });
  return { code: outcome.exitCode, json: JSON.parse(out) as unknown };
}

describe.skipIf(!hasSharedData)('RFM-8 on cn-orders/2018.xlsx through the CLI', () => {
  const tmp = tempDir('kequn-segment-cli-');
  const project = join(tmp.dir, 'orders.kequn');
  let customers = 0;
  let revenue = 0;

  beforeAll(() => {
    const buyers = cnOrdersRfm();
    customers = buyers.length;
    revenue = buyers.reduce((a, b) => a + b.m, 0);
    writeRfmProject(project, buyers);
  });
  afterAll(() => tmp.cleanup());

  it('prints the segmentation id and eight segments whose counts sum to the customers', async () => {
    // Paid rows only: fewer buyers than the 1,439 of the whole export, and most of the revenue.
    expect(customers).toBeGreaterThan(1000);
    expect(customers).toBeLessThanOrEqual(1439);
    expect(revenue).toBeLessThanOrEqual(219_511.61 + 0.01);
    const { code, json } = await cli(['segment', 'rfm8', '--project', project, '--dataset', '客户RFM']);
    expect(code).toBe(0);
    const r = json as { segmentation: { id: string }; segments: { name: string; count: number; share: number; revenueShare: number }[] };
    expect(Object.keys(r)).toEqual(['segmentation', 'segments']);
    expect(r.segmentation).toEqual({ id: expect.stringMatching(/^s\d+$/) as unknown as string });
    expect(r.segments).toHaveLength(8);
    expect(Object.keys(r.segments[0]!)).toEqual(['name', 'count', 'share', 'revenueShare']);
    expect(r.segments.reduce((a, s) => a + s.count, 0)).toBe(customers);
    expect(r.segments.reduce((a, s) => a + s.revenueShare, 0)).toBeCloseTo(1, 9);
    // Repeat buyers exist, so the frequent-and-valuable cell is not empty.
    expect(r.segments[0]!.name).toBe('重要价值客户');
    expect(r.segments[0]!.count).toBeGreaterThan(0);
  });

  it('runs the median variant, a rule scheme file, and the migration between them', async () => {
    const median = (await cli(['segment', 'rfm8', '--project', project, '--dataset', '客户RFM', '--threshold', 'median', '--name', '中位数'])).json as { segmentation: { id: string } };
    const schemeFile = join(tmp.dir, 'scheme.json');
    writeFileSync(
      schemeFile,
      JSON.stringify({ name: '复购', rules: [{ segment: '复购客户', when: [{ column: 'F', op: 'gte', value: 2 }] }], defaultSegment: '单次客户' }),
    );
    const rules = await cli(['segment', 'rules', '--project', project, '--dataset', '客户RFM', '--scheme', schemeFile]);
    expect(rules.code).toBe(0);
    const seg = rules.json as { segmentation: { id: string }; segments: { name: string; count: number }[] };
    expect(seg.segments.map((s) => s.name)).toEqual(['复购客户', '单次客户']);
    expect(seg.segments[0]!.count + seg.segments[1]!.count).toBe(customers);
    const m = await cli(['segment', 'migrate', '--project', project, '--from', median.segmentation.id, '--to', seg.segmentation.id]);
    const matrix = m.json as { counts: number[][]; total: number };
    expect(matrix.total).toBe(customers);
    expect(matrix.counts.flat().reduce((a, b) => a + b, 0)).toBe(customers);
  });

  it('exits 2 with a coded JSON error for a bad scheme', async () => {
    const bad = join(tmp.dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ name: 'x', rules: [{ segment: 'a', when: [{ column: '无此列', op: 'gt', value: 1 }] }], defaultSegment: 'b' }));
    const r = await cli(['segment', 'rules', '--project', project, '--dataset', '客户RFM', '--scheme', bad]);
    expect(r.code).toBe(2);
    expect(r.json).toMatchObject({ error: { code: 'SEGMENT_INVALID' } });
  });
});
