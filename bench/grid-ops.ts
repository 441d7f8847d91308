import type { Page } from 'playwright-core';

/**
 * Sorts and filters driven through the grid's column menu in Chromium, each timed from the click
 * that asks for it until the grid shows the new view's first rows, and each undone afterwards so
 * the next one starts from the dataset's natural order.
 */
export type GridOp =
  | { name: string; column: string; index: number; kind: 'sort'; dir: 'asc' | 'desc' }
  | { name: string; column: string; index: number; kind: 'filter'; condition: 'equals' | 'contains'; text: string }
  | { name: string; column: string; index: number; kind: 'filter'; condition: 'numberRange' | 'dateRange'; min: string; max: string };

export interface GridOpFigure {
  name: string;
  /** Click → the view's first rows drawn (the frame after the grid says ready). */
  ms: number;
  /** Alt+↓ → the column menu's value list (or date tree) loaded: what the user waits before choosing. */
  menuMs: number;
  filteredRows: number;
  /** The column's value in the first row of the new view (a check that the rows did change). */
  firstValue: string;
  /** Clearing the sort or filter again → natural order shown. */
  resetMs: number;
}

const PANEL = '[data-testid="tab-panel"]:not([hidden])';

declare global {
  interface Window {
    __benchT0?: number;
    __benchDone?: number;
  }
}

/**
 * Runs `act` and returns milliseconds from its first mousedown/keydown until the grid, having
 * left its ready state, is ready again, plus the frame that paints it. Watching the attribute
 * change (not just its value) cannot mistake the old view's readiness for the new one's.
 */
export async function timeViewChange(page: Page, act: () => Promise<void>): Promise<number> {
  await page.evaluate((panel) => {
    window.__benchT0 = undefined;
    window.__benchDone = undefined;
    const start = (): void => {
      window.__benchT0 ??= performance.now();
    };
    document.addEventListener('mousedown', start, { capture: true, once: true });
    document.addEventListener('keydown', start, { capture: true, once: true });
    let busy = false;
    const observer = new MutationObserver(() => {
      const ready = document.querySelector(`${panel} [data-testid="grid"]`)?.getAttribute('data-ready') === 'true';
      if (!ready) busy = true;
      else if (busy) {
        observer.disconnect();
        requestAnimationFrame(() => {
          window.__benchDone = performance.now() - (window.__benchT0 ?? performance.now());
        });
      }
    });
    observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
  }, PANEL);
  await act();
  await page.waitForFunction(() => window.__benchDone !== undefined, undefined, { polling: 'raf', timeout: 180_000 });
  return page.evaluate(() => Math.round((window.__benchDone ?? NaN) * 10) / 10);
}

/**
 * Makes a column current on the first row: focuses the grid with a click on the second screen
 * row (never the current cell: a click there opens its editor), Ctrl+Home, then ArrowRight
 * until the cell bar names the column.
 */
export async function selectColumn(page: Page, right: number, key: string): Promise<void> {
  const box = await page.locator(`${PANEL} [data-testid="grid-canvas"]`).boundingBox();
  if (!box) throw new Error('grid canvas not visible');
  await page.keyboard.press('Escape');
  await page.mouse.click(box.x + 120, box.y + 36 + 34 + 17);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Home');
  await page.locator(`${PANEL} [data-testid="cell-bar"][data-column-key="c0"][data-row="0"]`).waitFor({ timeout: 30_000 });
  const bar = page.locator(`${PANEL} [data-testid="cell-bar"][data-column-key="${key}"]`);
  for (let i = 0; i < right + 5 && (await bar.count()) === 0; i++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(60);
  }
  await bar.waitFor({ timeout: 10_000 });
}

/** Opens the current column's menu and waits until its value list (or date tree) has loaded. */
async function openMenu(page: Page, key: string): Promise<number> {
  const t0 = performance.now();
  await page.keyboard.press('Alt+ArrowDown');
  const menu = page.locator(`[data-testid="column-menu"][data-column-key="${key}"]`);
  await menu.waitFor({ timeout: 30_000 });
  await page.waitForFunction(
    (k) => {
      const m = document.querySelector(`[data-testid="column-menu"][data-column-key="${k}"]`);
      return m !== null && m.querySelector('[data-testid="menu-value"], [data-testid="date-year"]') !== null;
    },
    key,
    { timeout: 120_000 },
  );
  return Math.round(performance.now() - t0);
}

/** The current cell's value once its row (row 0, after selectColumn) has arrived. */
async function firstRowValue(page: Page): Promise<string> {
  const bar = page.locator(`${PANEL} [data-testid="cell-bar"][data-row="0"]:not([data-state="loading"]):not([data-state="none"])`);
  await bar.waitFor({ timeout: 60_000 });
  return bar.locator('[data-testid="cell-value"]').innerText();
}

/** One sort or filter from the natural order, then back to it. */
export async function runGridOp(page: Page, op: GridOp): Promise<GridOpFigure> {
  await selectColumn(page, op.index, op.column);
  const menuMs = await openMenu(page, op.column);
  let ms: number;
  if (op.kind === 'sort') {
    ms = await timeViewChange(page, () => page.locator(`[data-testid="menu-sort-${op.dir}"]`).click());
  } else {
    await page.locator('[data-testid="menu-condition"]').selectOption(op.condition);
    if ('text' in op) await page.locator('[data-testid="menu-text"]').fill(op.text);
    else {
      await page.locator('[data-testid="menu-min"]').fill(op.min);
      await page.locator('[data-testid="menu-max"]').fill(op.max);
    }
    ms = await timeViewChange(page, () => page.locator('[data-testid="menu-apply"]').click());
  }
  const filteredRows = Number(await page.locator(`${PANEL} [data-testid="grid-status"]`).getAttribute('data-filtered-rows'));
  // The cell bar shows the current column's value: move it there on row 0.
  await selectColumn(page, op.index, op.column);
  const firstValue = await firstRowValue(page);
  await page.keyboard.press('Alt+ArrowDown');
  await page.locator(`[data-testid="column-menu"][data-column-key="${op.column}"]`).waitFor({ timeout: 30_000 });
  const resetMs = await timeViewChange(page, () => page.locator(op.kind === 'sort' ? '[data-testid="menu-sort-clear"]' : '[data-testid="menu-clear"]').click());
  return { name: op.name, ms, menuMs, filteredRows, firstValue, resetMs };
}
