import { join } from 'node:path';
import type { EngineClient } from '../../../shared/rpc/client';

/** Where the demo's finished report is written (next to the demo project, in KEQUN_HOME). */
export const DEMO_REPORT_NAME = '示例细分报告.xlsx';
export const DEMO_SEGMENTATION_NAME = 'RFM八类客户';
export const DEMO_CROSSTAB_NAME = '细分 × 产品类别偏好';

export type DemoStep = 'rfm' | 'segment' | 'crosstab' | 'report';

/**
 * The demo's finished workflow, built through the engine's own public contract (the same calls
 * the UI and the CLI make), so every view has something to show on first start: RFM of the
 * orders, the RFM-8 segmentation, the segment × product-category preference cross-tab (saved),
 * and the Excel report. `client` has the new demo project open.
 */
export async function buildDemoAnalyses(client: EngineClient, dataDir: string, onStep: (step: DemoStep) => void = () => undefined): Promise<void> {
  const datasets = await client.call('datasets.list', {});
  const orders = datasets.find((d) => d.name === '订单明细');
  if (!orders) throw new Error('demo: 订单明细 missing');
  onStep('rfm');
  const rfm = await client.call('metrics.rfm', { datasetId: orders.id, customer: '客户编号', date: '下单时间', amount: '金额', order: '订单编号' });
  onStep('segment');
  const seg = await client.call('segment.rfm8', { datasetId: rfm.dataset.id, name: DEMO_SEGMENTATION_NAME });
  if (!seg.segmentation) throw new Error('demo: the RFM-8 segmentation was not saved');
  onStep('crosstab');
  const segmentation = seg.segmentation;
  // Saved by column keys, as the cross-tab view saves them, so reopening fills every choice.
  const customers = await client.call('datasets.get', { datasetId: rfm.dataset.id });
  const keyOf = (cols: { key: string; name: string }[], name: string): string => {
    const key = cols.find((c) => c.name === name)?.key;
    if (!key) throw new Error(`demo: no column ${name}`);
    return key;
  };
  const crosstab = {
    datasetId: rfm.dataset.id,
    rows: { column: segmentation.columnKey },
    cols: { column: keyOf(orders.columns, '产品类别') },
    measure: { kind: 'customers' as const },
    facts: { datasetId: orders.id, key: keyOf(orders.columns, '客户编号'), rowsKey: keyOf(customers.columns, '客户编号') },
  };
  await client.call('pivots.save', { name: DEMO_CROSSTAB_NAME, datasetId: rfm.dataset.id, crosstab });
  onStep('report');
  await client.call('exports.report', {
    segmentationId: segmentation.id,
    path: join(dataDir, DEMO_REPORT_NAME),
    lang: 'zh',
    crosstab: { cols: crosstab.cols, measure: crosstab.measure, facts: crosstab.facts },
  });
}
