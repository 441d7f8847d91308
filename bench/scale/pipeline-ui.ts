import type { Page } from 'playwright-core';
import { startApp } from '../../tests/e2e/harness';
import { AppPage } from '../../tests/e2e/pages/app-page';
import { ImportPage } from '../../tests/e2e/pages/import-page';
import { SegmentPage } from '../../tests/e2e/pages/segment-page';
import { COL } from './generate';

/**
 * import → RFM → RFM-8 → report as a user clicks through it in the browser UI (the engine's
 * browser mode in headless Chromium, a new project file): each stage timed from the click that
 * starts it until its result shows, with what its progress dialog said along the way.
 */
export interface UiStage {
  ms: number;
  /** Progress labels the dialog showed (distinct, in order; at most a few kept). */
  progress: string[];
  /** Longest time the dialog's label stayed the same while open (ms): how long the user saw no news. */
  longestSilenceMs: number;
}

export interface UiPipeline {
  stages: Record<'import' | 'rfm' | 'rfm8Preview' | 'rfm8Save' | 'report', UiStage>;
  rows: number;
  customers: number;
  segments: Record<string, number>;
  segmentationId: string;
  reportPath: string;
  consoleErrors: string[];
}

const PANEL = '[data-testid="tab-panel"]:not([hidden])';
const STAGE_TIMEOUT_MS = 20 * 60_000;

declare global {
  interface Window {
    __benchProgress?: { t: number; label: string }[];
    __benchProgressTimer?: number;
  }
}

/** Samples the progress dialog's label every 100 ms until collected. */
async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    if (window.__benchProgressTimer !== undefined) clearInterval(window.__benchProgressTimer);
    const seen: { t: number; label: string }[] = [];
    window.__benchProgress = seen;
    window.__benchProgressTimer = window.setInterval(() => {
      const label = document.querySelector('[data-testid="progress-dialog"] .k-progress__label')?.textContent ?? null;
      const last = seen[seen.length - 1];
      if (label === null) {
        if (last && last.label !== '') seen.push({ t: performance.now(), label: '' });
      } else if (!last || last.label !== label) seen.push({ t: performance.now(), label });
    }, 100);
  });
}

async function collectProgress(page: Page): Promise<Pick<UiStage, 'progress' | 'longestSilenceMs'>> {
  const seen = await page.evaluate(() => {
    if (window.__benchProgressTimer !== undefined) clearInterval(window.__benchProgressTimer);
    window.__benchProgressTimer = undefined;
    return window.__benchProgress ?? [];
  });
  let longest = 0;
  for (let i = 1; i < seen.length; i++) if (seen[i - 1]!.label !== '') longest = Math.max(longest, seen[i]!.t - seen[i - 1]!.t);
  const labels = seen.map((s) => s.label).filter((l) => l !== '');
  const kept = labels.length > 6 ? [...labels.slice(0, 3), '…', ...labels.slice(-3)] : labels;
  return { progress: kept, longestSilenceMs: Math.round(longest) };
}

/** Times `act` (a click) until `done` resolves, sampling the progress dialog meanwhile. */
async function stage(page: Page, act: () => Promise<void>, done: () => Promise<void>): Promise<UiStage> {
  await watchProgress(page);
  const t0 = performance.now();
  await act();
  await done();
  const ms = Math.round(performance.now() - t0);
  return { ms, ...(await collectProgress(page)) };
}

export async function runUiPipeline(projectPath: string, csv: string, reportPath: string): Promise<UiPipeline> {
  const app = await startApp({ projectPath });
  const page = app.page;
  page.setDefaultTimeout(STAGE_TIMEOUT_MS);
  try {
    const ui = new AppPage(page);
    await page.locator('[data-testid="app"][data-engine-state="connected"]').waitFor({ timeout: 120_000 });
    const stages = {} as UiPipeline['stages'];

    // Import: the import page with the file's path, preview, 导入.
    const imp = new ImportPage(page);
    await imp.open();
    await imp.previewPath(csv);
    stages.import = await stage(
      page,
      () => imp.run(),
      () => page.locator('[data-testid="dataset-item"]').first().waitFor({ timeout: STAGE_TIMEOUT_MS }),
    );
    const orders = page.locator('[data-testid="dataset-item"]').first();
    const ordersName = (await orders.getAttribute('data-dataset-name')) ?? '';
    const rows = Number((await page.locator(`${PANEL} [data-testid="grid"] [data-testid="grid-status"]`).getAttribute('data-total-rows', { timeout: STAGE_TIMEOUT_MS })) ?? NaN);

    // RFM: the dataset's RFM view, the same columns as the CLI run (returns excluded, F = orders).
    await ui.openDatasetView(ordersName, 'rfm');
    const rfmView = page.locator(`${PANEL} [data-testid="rfm-view"]`);
    await rfmView.waitFor();
    await rfmView.locator('[data-testid="rfm-customer"]').selectOption(COL.customer);
    await rfmView.locator('[data-testid="rfm-date"]').selectOption(COL.time);
    await rfmView.locator('[data-testid="rfm-amount"]').selectOption(COL.amount);
    await rfmView.locator('[data-testid="rfm-order"]').selectOption(COL.order);
    const result = rfmView.locator('[data-testid="rfm-result"]');
    stages.rfm = await stage(
      page,
      () => rfmView.locator('[data-testid="rfm-run"]').click(),
      () => result.waitFor({ timeout: STAGE_TIMEOUT_MS }),
    );
    const customers = Number(await result.getAttribute('data-rows'));
    const rfmName = await page
      .locator('[data-testid="dataset-item"]')
      .evaluateAll((els, name) => els.map((e) => e.getAttribute('data-dataset-name') ?? '').find((n) => n !== name && n.startsWith('RFM')) ?? '', ordersName);

    // RFM-8: the segment builder on the RFM customers: its live preview, then 保存.
    const seg = new SegmentPage(page);
    const t0 = performance.now();
    await ui.openDatasetView(rfmName, 'segment-builder');
    await seg.byTestId('segment-method').waitFor({ timeout: STAGE_TIMEOUT_MS });
    await seg.chooseMethod('rfm8');
    const segments = Object.fromEntries(await seg.counts('segment-preview'));
    stages.rfm8Preview = { ms: Math.round(performance.now() - t0), progress: [], longestSilenceMs: 0 };
    let segmentationId = '';
    stages.rfm8Save = await stage(
      page,
      () => seg.byTestId('segment-save').click(),
      async () => {
        await seg.byTestId('segment-saved').waitFor({ timeout: STAGE_TIMEOUT_MS });
        segmentationId = (await seg.byTestId('segment-saved').getAttribute('data-segmentation-id')) ?? '';
      },
    );

    // Report: the report view on that segmentation, written to the given path.
    await page.locator('[data-testid="project-view-item"][data-view-id="report"]').click();
    const view = page.locator(`${PANEL} [data-testid="report-view"]`);
    await view.waitFor({ timeout: STAGE_TIMEOUT_MS });
    await view.locator('[data-testid="report-segmentation"]').selectOption(segmentationId);
    await view.locator('[data-testid="report-path"]').fill(reportPath);
    stages.report = await stage(
      page,
      () => view.locator('[data-testid="report-write"]').click(),
      () => view.locator('[data-testid="written-file"]').waitFor({ timeout: STAGE_TIMEOUT_MS }),
    );
    return { stages, rows, customers, segments, segmentationId, reportPath, consoleErrors: app.consoleErrors() };
  } finally {
    await app.close();
  }
}
