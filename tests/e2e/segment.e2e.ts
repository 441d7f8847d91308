import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasSharedData } from '../helpers/shared-data';
import { cnOrdersRfm, writeRfmProject } from '../unit/segment/cn-orders-rfm';
import { CHROMIUM_SKIP_MESSAGE, hasChromium, startApp, type RunningApp } from './harness';
import { AppPage } from './pages/app-page';
import { SegmentPage } from './pages/segment-page';

if (!hasChromium) console.warn(CHROMIUM_SKIP_MESSAGE);

const EIGHT = ['重要价值客户', '重要发展客户', '重要保持客户', '重要挽留客户', '一般价值客户', '一般发展客户', '一般保持客户', '一般挽留客户'];

describe.skipIf(!hasChromium || !hasSharedData)('segmentation in Chromium on cn-orders/2018.xlsx', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kequn-e2e-segment-'));
  // Read in beforeAll: a skipped describe still runs its body, and the file may be absent.
  let buyers: ReturnType<typeof cnOrdersRfm> = [];
  let app: RunningApp;
  let shell: AppPage;
  let seg: SegmentPage;

  beforeAll(async () => {
    buyers = cnOrdersRfm();
    const path = join(dir, 'segment.kequn');
    writeRfmProject(path, buyers);
    app = await startApp({ projectPath: path });
    shell = new AppPage(app.page);
    seg = new SegmentPage(app.page);
    await shell.waitReady();
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('previews the eight RFM segments live and saves them', async () => {
    await shell.openDatasetView('客户RFM', 'segment-builder');
    const preview = await seg.counts('segment-preview');
    expect([...preview.keys()]).toEqual(EIGHT);
    expect([...preview.values()].reduce((a, b) => a + b, 0)).toBe(buyers.length);
    // Switching to the median re-runs the preview with other counts.
    await seg.byTestId('segment-threshold').selectOption('median');
    await expect.poll(async () => JSON.stringify([...(await seg.counts('segment-preview')).values()]), { timeout: 15_000 }).not.toBe(JSON.stringify([...preview.values()]));
    await seg.byTestId('segment-threshold').selectOption('mean');
    await expect.poll(async () => JSON.stringify([...(await seg.counts('segment-preview')).values()]), { timeout: 15_000 }).toBe(JSON.stringify([...preview.values()]));
    await seg.byTestId('segment-write-scores').click();
    await expect.poll(() => seg.byTestId('segment-scores-written').innerText()).toContain(buyers.length.toLocaleString('en-US'));
    const id = await seg.save();
    expect(id).toMatch(/^s\d+$/);
  });

  it('shows the summary with chart, renames a segment and keeps an edited card', async () => {
    await seg.byTestId('segment-open-summary').click();
    await seg.byTestId('segment-summary').waitFor();
    const counts = await seg.counts('segment-summary-table');
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(buyers.length);
    await seg.byTestId('segment-chart').waitFor();
    const cards = seg.byTestId('segment-card');
    await expect.poll(() => cards.count()).toBe(8);
    expect(await cards.first().locator('[data-testid="card-status"]').inputValue()).toContain('位客户');
    await seg.renameSegment('重要价值客户', '钻石客户');
    await expect.poll(async () => [...(await seg.counts('segment-summary-table')).keys()][0], { timeout: 15_000 }).toBe('钻石客户');
    const first = seg.byTestId('segment-card').first();
    await first.locator('[data-testid="card-needs"]').fill('每月专人回访');
    await seg.byTestId('segment-save-cards').click();
    await expect.poll(() => seg.byTestId('segment-card').first().getAttribute('data-edited')).toBe('true');
    await seg.byTestId('segment-template-name').fill('我的RFM方案');
    await seg.byTestId('segment-save-template').click();
    await seg.byTestId('segment-template-saved').waitFor();
  });

  it('previews a saved template and the real-estate template reports its missing columns', async () => {
    await shell.openDatasetView('客户RFM', 'segment-builder');
    await seg.chooseMethod('template');
    const picker = seg.byTestId('segment-template');
    await expect.poll(() => picker.locator('option').allInnerTexts()).toContain('我的RFM方案');
    await picker.selectOption({ label: '我的RFM方案' });
    const counts = await seg.counts('segment-preview');
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(buyers.length);
    await picker.selectOption('real-estate-3plus1');
    await expect.poll(() => seg.byTestId('error-banner').getAttribute('data-code'), { timeout: 15_000 }).toBe('SEGMENT_INVALID');
  });

  it('compares two segmentations in the migration view and lists the customers of a cell', async () => {
    await shell.openDatasetView('客户RFM', 'segment-builder');
    await seg.chooseMethod('rfm8');
    await seg.byTestId('segment-threshold').selectOption('median');
    await seg.byTestId('segment-name-input').fill('中位数RFM');
    await seg.save();
    await app.page.locator('[data-testid="project-view-item"][data-view-id="segment-migration"]').click();
    await seg.byTestId('migration-matrix').waitFor();
    const cells = seg.byTestId('migration-cell');
    const values = (await cells.allInnerTexts()).map((t) => Number(t.replace(/[,，\s]/g, '')));
    expect(values.reduce((a, b) => a + b, 0)).toBe(buyers.length);
    const cell = await seg.matrixCell('钻石客户', '重要价值客户');
    const n = Number((await cell.innerText()).replace(/[,，\s]/g, ''));
    expect(n).toBeGreaterThan(0);
    await cell.click();
    await seg.byTestId('migration-customers').waitFor();
    await expect.poll(() => seg.byTestId('migration-customer').count()).toBe(Math.min(n, 200));
  });

  it('applies a tag set and lists the customers carrying a tag', async () => {
    await shell.openDatasetView('客户RFM', 'segment-tags');
    await seg.byTestId('tags-apply').click();
    const row = seg.panel.locator('[data-testid="tag-row"][data-tag="复购"]');
    await row.waitFor();
    const repeat = buyers.filter((b) => b.f >= 2).length;
    expect(Number((await row.locator('[data-testid="tag-count"]').innerText()).replace(/[,，\s]/g, ''))).toBe(repeat);
    await row.locator('[data-testid="tag-open"]').click();
    await seg.byTestId('tag-customers').waitFor();
    await expect.poll(() => seg.byTestId('tag-customer').count()).toBe(Math.min(repeat, 200));
  });

  it('scores against custom cut points and reports invalid ones', async () => {
    await shell.openDatasetView('客户RFM', 'segment-builder');
    await seg.chooseMethod('rfm8');
    await seg.byTestId('segment-threshold').selectOption('score');
    await seg.byTestId('segment-cutsF').fill('1,2,3,5');
    await expect.poll(async () => [...(await seg.counts('segment-preview')).values()].reduce((a, b) => a + b, 0), { timeout: 15_000 }).toBe(buyers.length);
    await seg.byTestId('segment-cutsF').fill('5,3,2,1');
    await expect.poll(() => seg.byTestId('error-banner').getAttribute('data-code'), { timeout: 15_000 }).toBe('SEGMENT_INVALID');
  });
});
