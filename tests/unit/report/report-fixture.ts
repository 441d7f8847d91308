import { join } from 'node:path';
import { Engine } from '../../../electron/engine/host/engine';
import { saveSegmentation } from '../../../electron/engine/store/segmentation-store';
import type { CellValue } from '../../../shared/contract/json';

export const INJECTIONS = ['=HYPERLINK("http://example.invalid","x")', '+cmd|/c calc', '@SUM(1)', '-2+3', '\tTAB', '＝全角'];

/**
 * A small customer dataset with RFM columns, a date, dangerous text values, and a saved
 * four-segment segmentation: enough for every report sheet.
 */
export async function reportFixture(dir: string): Promise<{ engine: Engine; datasetId: string; segmentationId: string; rows: CellValue[][] }> {
  const engine = new Engine({ dataDir: join(dir, 'home'), log: () => undefined });
  const store = await engine.openProject(join(dir, 'report.kequn'), { create: true });
  const rows: CellValue[][] = [];
  for (let i = 0; i < 40; i++) {
    rows.push([
      `KH${String(i + 1).padStart(3, '0')}`,
      i < INJECTIONS.length ? INJECTIONS[i]! : `客户${i + 1}`,
      (i * 7) % 90,
      1 + (i % 6),
      Math.round((100 + i * 37.5) * 100) / 100,
      Date.UTC(2024, i % 12, 1 + (i % 28)),
    ]);
  }
  const ds = store.createDataset(
    {
      name: 'RFM-测试',
      kind: 'derived',
      source: 'test',
      columns: [
        { name: '客户编号', originalHeader: '客户编号', type: 'text' },
        { name: '客户名称', originalHeader: '客户名称', type: 'text' },
        { name: 'R', originalHeader: null, type: 'integer' },
        { name: 'F', originalHeader: null, type: 'integer' },
        { name: 'M', originalHeader: null, type: 'currency' },
        { name: '首次购买', originalHeader: null, type: 'date' },
      ],
    },
    rows,
  );
  const names = ['重要价值客户', '一般发展客户', '重要挽留客户', '一般挽留客户'];
  const labels = rows.map((_, i) => names[i % 4]!);
  const seg = saveSegmentation(store, {
    datasetId: ds.id,
    method: 'rfm8',
    name: 'RFM 八类',
    columnName: '细分',
    labels,
    definition: { threshold: 'mean', columns: { r: 'R', f: 'F', m: 'M' }, seed: null },
    segments: names.map((name) => ({ name, count: 10, share: 0.25, revenueShare: null, means: {}, action: `${name}的建议行动` })),
  });
  return { engine, datasetId: ds.id, segmentationId: seg.id, rows };
}
