import type { Locator, Page } from 'playwright-core';

export interface CurrentCell {
  /** Column key of the current cell. */
  column: string;
  /** View row (from 0). */
  row: number;
  state: string;
  value: string;
}

/**
 * The grid view as a test sees it. The canvas has no DOM cells, so a test moves the current
 * cell (clicks, keys) and reads it back from the cell bar (Excel's name box + formula bar).
 */
export class GridPage {
  constructor(
    readonly page: Page,
    /** Column widths in display order, as the grid sizes them by default. */
    private readonly widths: number[],
    private readonly markerWidth: number,
  ) {}

  get root(): Locator {
    return this.page.locator('[data-testid="tab-panel"]:not([hidden]) [data-testid="grid"]');
  }
  get status(): Locator {
    return this.root.locator('[data-testid="grid-status"]');
  }
  get canvas(): Locator {
    return this.root.locator('[data-testid="grid-canvas"]');
  }

  async waitReady(): Promise<void> {
    await this.page.locator('[data-testid="tab-panel"]:not([hidden]) [data-testid="grid"][data-ready="true"]').waitFor();
  }

  async filteredRows(): Promise<number> {
    return Number(await this.status.getAttribute('data-filtered-rows'));
  }

  /** The current cell once its row has arrived from the engine. */
  async current(): Promise<CurrentCell> {
    const bar = this.root.locator('[data-testid="cell-bar"]');
    await this.root
      .locator('[data-testid="cell-bar"]:not([data-state="loading"]):not([data-state="none"])')
      .waitFor({ timeout: 15_000 })
      .catch(async (e: unknown) => {
        // Say what the bar showed instead: which cell, and whether its row never arrived.
        throw new Error(`cell bar never showed a loaded cell: ${await bar.evaluate((el) => el.outerHTML)}`, { cause: e });
      });
    return {
      column: (await bar.getAttribute('data-column-key')) ?? '',
      row: Number(await bar.getAttribute('data-row')),
      state: (await bar.getAttribute('data-state')) ?? '',
      value: await bar.locator('[data-testid="cell-value"]').innerText(),
    };
  }

  async currentValue(): Promise<string> {
    return (await this.current()).value;
  }

  /** Clicks a data cell of the first screen (header 36 px, rows 34 px, as Glide draws them). */
  async clickCell(col: number, row: number): Promise<void> {
    const box = await this.canvas.boundingBox();
    if (!box) throw new Error('grid canvas not visible');
    const x = box.x + this.markerWidth + this.widths.slice(0, col).reduce((a, b) => a + b, 0) + 12;
    const y = box.y + 36 + row * 34 + 17;
    await this.page.mouse.click(x, y);
  }

  /** Right-clicks a data cell of the first screen; the cell menu opens. */
  async rightClickCell(col: number, row: number): Promise<Locator> {
    const box = await this.canvas.boundingBox();
    if (!box) throw new Error('grid canvas not visible');
    const x = box.x + this.markerWidth + this.widths.slice(0, col).reduce((a, b) => a + b, 0) + 12;
    const y = box.y + 36 + row * 34 + 17;
    await this.page.mouse.click(x, y, { button: 'right' });
    const menu = this.page.locator('[data-testid="cell-menu"]');
    await menu.waitFor();
    return menu;
  }

  /** Right-clicks a column header; the column menu opens. */
  async rightClickHeader(col: number, columnKey: string): Promise<Locator> {
    const box = await this.canvas.boundingBox();
    if (!box) throw new Error('grid canvas not visible');
    const x = box.x + this.markerWidth + this.widths.slice(0, col).reduce((a, b) => a + b, 0) + 20;
    await this.page.mouse.click(x, box.y + 18, { button: 'right' });
    const menu = this.page.locator(`[data-testid="column-menu"][data-column-key="${columnKey}"]`);
    await menu.waitFor();
    return menu;
  }

  /** Opens the column menu of the current cell's column (Excel's Alt+↓), once that column is current. */
  async openColumnMenu(columnKey: string): Promise<Locator> {
    await this.root.locator(`[data-testid="cell-bar"][data-column-key="${columnKey}"]`).waitFor({ timeout: 10_000 });
    await this.page.keyboard.press('Alt+ArrowDown');
    const menu = this.page.locator(`[data-testid="column-menu"][data-column-key="${columnKey}"]`);
    await menu.waitFor({ timeout: 10_000 });
    return menu;
  }
}
