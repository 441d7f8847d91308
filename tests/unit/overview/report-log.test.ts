import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../electron/engine/host/engine';
import { REPORT_SHEETS } from '../../../shared/contract/exports';
import { tempDir } from '../../helpers/temp';
import { reportFixture } from '../report/report-fixture';

/** Written reports are recorded in the project and listed by project.overview (the workflow panel's 报告 step). */
const tmp = tempDir('kequn-report-log-');
let engine: Engine;
let segmentationId: string;
let datasetId: string;

beforeAll(async () => {
  ({ engine, segmentationId, datasetId } = await reportFixture(tmp.dir));
});
afterAll(() => {
  engine.dispose();
  tmp.cleanup();
});

describe('report log and project.overview', () => {
  it('lists nothing but the dataset and its segmentation before a report is written', async () => {
    const o = await engine.createClient().call('project.overview', {});
    expect(o.datasets.map((d) => [d.id, d.name, d.kind, d.rowCount, d.columns.length])).toEqual([[datasetId, 'RFM-测试', 'derived', 40, 7]]);
    expect(o.datasets[0]!.columns.slice(0, 3)).toEqual([
      { name: '客户编号', type: 'text' },
      { name: '客户名称', type: 'text' },
      { name: 'R', type: 'integer' },
    ]);
    expect(o.segmentations).toEqual([expect.objectContaining({ id: segmentationId, datasetId, segmentCount: 4, customers: 40 })]);
    expect(o.analyses).toEqual([]);
    expect(o.reports).toEqual([]);
  });

  it('records each written report with its sheets and language, in order', async () => {
    const client = engine.createClient();
    const first = join(tmp.dir, 'out', '一.xlsx');
    const second = join(tmp.dir, 'out', 'two.xlsx');
    await client.call('exports.report', { segmentationId, path: first, sheets: ['overview', 'customers'] });
    await client.call('exports.report', { segmentationId, path: second, lang: 'en' });
    const o = await client.call('project.overview', {});
    expect(o.reports.map((r) => [r.id, r.path, r.lang, r.sheets, r.customers])).toEqual([
      ['r1', first, 'zh', ['overview', 'customers'], 40],
      ['r2', second, 'en', [...REPORT_SHEETS], 40],
    ]);
    expect(Date.parse(o.reports[0]!.createdAt)).not.toBeNaN();
  });

  it('keeps the record when the segmentation is removed (the file is still on disk)', async () => {
    const client = engine.createClient();
    const seg = await client.call('segmentations.get', { segmentationId });
    await client.call('segmentations.remove', { segmentationId });
    const o = await client.call('project.overview', {});
    expect(o.segmentations).toEqual([]);
    expect(o.reports).toHaveLength(2);
    expect(o.reports[0]).toMatchObject({ segmentationId, segmentationName: seg.name });
  });

  it('a failed report records nothing', async () => {
    const client = engine.createClient();
    await expect(client.call('exports.report', { segmentationId: 'nope', path: join(tmp.dir, 'x.xlsx') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await client.call('project.overview', {})).reports).toHaveLength(2);
  });
});
