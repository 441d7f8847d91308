import type { Page } from 'playwright-core';
import { startApp } from '../tests/e2e/harness';

/**
 * The grid in headless Chromium against the real engine (the built CLI's browser mode) on the
 * benchmark project: first paint after opening the dataset, frame times during a scripted fast
 * scroll, jump to the last row, a sort and a filter on indexed columns.
 */
const READY = '[data-testid="tab-panel"]:not([hidden]) [data-testid="grid"][data-ready="true"]';

declare global {
  interface Window {
    __benchT0?: number;
  }
}

/** Arms a timer that starts at the next user input the test sends (click or key). */
async function armTimer(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.__benchT0 = undefined;
    const start = (): void => {
      window.__benchT0 ??= performance.now();
    };
    document.addEventListener('mousedown', start, { capture: true, once: true });
    document.addEventListener('keydown', start, { capture: true, once: true });
  });
}

/** Milliseconds from the armed input until `done` holds, plus the frame that paints it. */
async function elapsedUntil(page: Page, done: () => boolean): Promise<number> {
  await page.waitForFunction(done, undefined, { polling: 'raf', timeout: 60_000 });
  return page.evaluate(
    () => new Promise<number>((ok) => requestAnimationFrame(() => ok(Math.round((performance.now() - (window.__benchT0 ?? 0)) * 10) / 10))),
  );
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]!;
}

/** Makes a column current: clicks the first cell of the top screen row, then ArrowRight until the cell bar names it. */
async function selectColumn(page: Page, box: { x: number; y: number }, right: number, key: string): Promise<void> {
  await page.mouse.click(box.x + 120, box.y + 36 + 17);
  await page.locator('[data-testid="cell-bar"][data-column-key="c0"]').waitFor({ timeout: 10_000 });
  const bar = page.locator(`[data-testid="cell-bar"][data-column-key="${key}"]`);
  for (let i = 0; i < right + 5 && (await bar.count()) === 0; i++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(60);
  }
  await bar.waitFor({ timeout: 10_000 });
}

export async function runBrowserBench(projectPath: string, rows: number): Promise<Record<string, unknown>> {
  const app = await startApp({ projectPath });
  const figures: Record<string, unknown> = {};
  try {
    const page = app.page;
    const t0 = Date.now();
    await page.locator(READY).waitFor({ timeout: 120_000 });
    figures.appStartToGridReadyMs = Date.now() - t0;

    // First paint after opening: close the tab, then open the dataset from the list.
    await page.locator('[data-testid="tab-close"]').first().click();
    await page.locator('[data-testid="tab"]').waitFor({ state: 'detached' });
    await armTimer(page);
    await page.locator('[data-testid="dataset-item"]').first().click();
    figures.openToFirstPaintMs = await elapsedUntil(page, () => document.querySelector('[data-testid="tab-panel"]:not([hidden]) [data-testid="grid"][data-ready="true"]') !== null);

    // Fast scroll: 3 rounds of 300 frames, each frame moving 3,000 rows (the whole million in
    // ~330 frames), bouncing at the ends. Rounds are reported apart: on a shared machine one
    // round can be hit by other work.
    const rounds: number[][] = [];
    for (let round = 0; round < 3; round++) {
      rounds.push(
        await page.evaluate(async () => {
          const scroller = document.querySelector('[data-testid="tab-panel"]:not([hidden]) .dvn-scroller') as HTMLElement | null;
          if (!scroller) throw new Error('grid scroller not found');
          const deltas: number[] = [];
          let last = performance.now();
          let dir = 1;
          for (let i = 0; i < 301; i++) {
            await new Promise<void>((ok) => requestAnimationFrame(() => ok()));
            const now = performance.now();
            if (i > 0) deltas.push(now - last);
            last = now;
            const next = scroller.scrollTop + dir * 34 * 3000;
            if (next >= scroller.scrollHeight - scroller.clientHeight || next <= 0) dir = -dir;
            scroller.scrollTop = Math.max(0, next);
          }
          return deltas;
        }),
      );
    }
    const r1 = (v: number): number => Math.round(v * 10) / 10;
    const stats = rounds.map((d) => [...d].sort((a, b) => a - b)).map((d) => ({ p50: r1(percentile(d, 0.5)), p95: r1(percentile(d, 0.95)), max: r1(d[d.length - 1]!) }));
    figures.scrollRounds = stats;
    figures.scrollFrameP95Ms = Math.min(...stats.map((x) => x.p95));
    const all = rounds.flat().sort((a, b) => a - b);
    figures.scrollFrameP95AllRoundsMs = r1(percentile(all, 0.95));

    // Jump to the last row: Ctrl+End from the first cell, until the last row's cells are drawn.
    const box = (await page.locator('[data-testid="tab-panel"]:not([hidden]) [data-testid="grid-canvas"]').boundingBox())!;
    await page.keyboard.press('Control+Home');
    await page.mouse.click(box.x + 120, box.y + 36 + 17);
    await page.waitForFunction(() => document.querySelector('[data-testid="cell-bar"]')?.getAttribute('data-state') === 'value');
    await armTimer(page);
    await page.keyboard.press('Control+End');
    figures.jumpToLastRowMs = await elapsedUntil(page, () => {
      const bar = document.querySelector('[data-testid="cell-bar"]');
      return bar?.getAttribute('data-state') === 'value' && bar.getAttribute('data-row') === String(Number(document.querySelector('[data-testid="grid-status"]')?.getAttribute('data-filtered-rows')) - 1);
    });
    figures.lastRowValue = await page.locator('[data-testid="cell-value"]').innerText();

    // Sort on an indexed column (消费金额, c3): from its menu, until the new first rows are drawn.
    await page.keyboard.press('Control+Home');
    await selectColumn(page, box, 3, 'c3');
    await page.keyboard.press('Alt+ArrowDown');
    await page.locator('[data-testid="column-menu"][data-column-key="c3"] [data-testid="menu-sort-desc"]').waitFor();
    await armTimer(page);
    await page.locator('[data-testid="menu-sort-desc"]').click();
    figures.sortIndexedMs = await elapsedUntil(page, () => document.querySelector('[data-testid="tab-panel"]:not([hidden]) [data-testid="grid"][data-ready="true"]') !== null);

    // Filter on an indexed column (订单数, c4 between 10 and 20), on top of the sort.
    await selectColumn(page, box, 4, 'c4');
    await page.keyboard.press('Alt+ArrowDown');
    await page.locator('[data-testid="column-menu"][data-column-key="c4"]').waitFor();
    await page.locator('[data-testid="menu-condition"]').selectOption('numberRange');
    await page.locator('[data-testid="menu-min"]').fill('10');
    await page.locator('[data-testid="menu-max"]').fill('20');
    await armTimer(page);
    await page.locator('[data-testid="menu-apply"]').click();
    figures.filterIndexedMs = await elapsedUntil(page, () => document.querySelector('[data-testid="tab-panel"]:not([hidden]) [data-testid="grid"][data-ready="true"]') !== null);
    figures.filteredRows = Number(await page.locator('[data-testid="grid-status"]').getAttribute('data-filtered-rows'));
    figures.totalRows = rows;
    return figures;
  } finally {
    await app.close();
  }
}
