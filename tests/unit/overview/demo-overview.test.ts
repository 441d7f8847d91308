import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { DEMO_CROSSTAB_NAME, DEMO_REPORT_NAME, DEMO_SEGMENTATION_NAME } from '../../../electron/engine/demo/demo-analyses';
import { DEMO_FILE_NAME, ensureDemoProject } from '../../../electron/engine/demo/demo-project';
import { Engine } from '../../../electron/engine/host/engine';
import type { ProjectOverview } from '../../../shared/contract/project-overview';
import { tempDir } from '../../helpers/temp';

/** The demo opens on a finished workflow, built through the contract; project.overview lists it. */
const tmp = tempDir('kequn-demo-overview-');
let engine: Engine;
let overview: ProjectOverview;
let buildMs = 0;
const labels: string[] = [];

beforeAll(async () => {
  const started = performance.now();
  const path = await ensureDemoProject(tmp.dir, (_d, _t, label) => labels.push(label));
  buildMs = performance.now() - started;
  engine = new Engine({ dataDir: tmp.dir, log: () => undefined });
  const client = engine.createClient();
  await client.call('project.open', { path });
  overview = await client.call('project.overview', {});
}, 120_000);
afterAll(() => {
  engine?.dispose();
  tmp.cleanup();
});

describe('the demo project', () => {
  it('is built under a temporary name and leaves only the project and its report behind', () => {
    // The test's engine has the project open, so SQLite's -wal/-shm files sit beside it.
    expect(readdirSync(tmp.dir).filter((f) => !/-(wal|shm)$/.test(f)).sort()).toEqual([DEMO_FILE_NAME, DEMO_REPORT_NAME].sort());
    expect(labels).toEqual(['data', 'data', 'rfm', 'segment', 'crosstab', 'report', 'done']);
    console.info(`demo built in ${Math.round(buildMs)} ms`);
  });

  it('has the customers, the orders and the RFM customers derived from the orders', () => {
    expect(overview.project.isDemo).toBe(true);
    expect(overview.datasets.map((d) => [d.name, d.kind])).toEqual([
      ['客户信息', 'demo'],
      ['订单明细', 'demo'],
      ['RFM-订单明细', 'derived'],
    ]);
    const customers = overview.datasets[0]!;
    const rfm = overview.datasets[2]!;
    expect(rfm.rowCount).toBeGreaterThan(0);
    expect(rfm.rowCount).toBeLessThanOrEqual(customers.rowCount);
    expect(rfm.source).toMatch(/^RFM of 订单明细/);
  });

  it('has one finished RFM-8 segmentation of every RFM customer', () => {
    expect(overview.segmentations).toHaveLength(1);
    const seg = overview.segmentations[0]!;
    expect(seg).toMatchObject({ name: DEMO_SEGMENTATION_NAME, method: 'rfm8', datasetId: overview.datasets[2]!.id });
    expect(seg.segmentCount).toBeGreaterThanOrEqual(6);
    expect(seg.customers).toBe(overview.datasets[2]!.rowCount);
  });

  it('has the saved preference cross-tab of segments × product category, joined to the orders', () => {
    expect(overview.analyses).toHaveLength(1);
    const a = overview.analyses[0]!;
    expect(a).toMatchObject({ kind: 'crosstab', name: DEMO_CROSSTAB_NAME, datasetId: overview.datasets[2]!.id });
    if (a.kind !== 'crosstab') throw new Error('not a cross-tab');
    // By column keys, as the cross-tab view saves them (so reopening it fills every choice).
    const key = (d: number, name: string): string => `c${overview.datasets[d]!.columns.findIndex((c) => c.name === name)}`;
    expect(a.spec.facts).toEqual({ datasetId: overview.datasets[1]!.id, key: key(1, '客户编号'), rowsKey: key(2, '客户编号') });
    expect(a.spec.cols).toEqual({ column: key(1, '产品类别') });
    expect(a.spec.measure).toEqual({ kind: 'customers' });
  });

  it('has the written report, recorded with its segmentation, and the workbook has the cross-tab sheet', () => {
    expect(overview.reports).toHaveLength(1);
    const r = overview.reports[0]!;
    expect(r).toMatchObject({ segmentationId: overview.segmentations[0]!.id, segmentationName: DEMO_SEGMENTATION_NAME, path: join(tmp.dir, DEMO_REPORT_NAME), lang: 'zh' });
    expect(r.customers).toBe(overview.segmentations[0]!.customers);
    expect(existsSync(r.path)).toBe(true);
    const wb = XLSX.read(readFileSync(r.path));
    expect(wb.SheetNames).toEqual(expect.arrayContaining(['概览', '细分画像', '客户名单']));
    expect(wb.SheetNames.some((n) => n.includes('偏好') || n.includes('交叉'))).toBe(true);
  });

  it('is found again without rebuilding it', async () => {
    const again: string[] = [];
    const path = await ensureDemoProject(tmp.dir, (_d, _t, label) => again.push(label));
    expect(path).toBe(join(tmp.dir, DEMO_FILE_NAME));
    expect(again).toEqual([]);
  });
});
