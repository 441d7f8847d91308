import type { Locator, Page } from 'playwright-core';

/** The cleaning workbench and the metrics views, by data-testid only. */
export class CleanPage {
  constructor(readonly page: Page) {}

  byTestId(id: string): Locator {
    return this.page.locator(`[data-testid="tab-panel"]:not([hidden]) [data-testid="${id}"]`);
  }

  async chooseOperation(op: string): Promise<void> {
    await this.byTestId('clean-op').selectOption(op);
  }

  /** Ticks exactly these columns in the multi-column picker. */
  async pickColumns(names: string[]): Promise<void> {
    const boxes = this.byTestId('clean-columns').locator('input[type="checkbox"]');
    for (let i = 0; i < (await boxes.count()); i++) {
      const box = boxes.nth(i);
      const want = names.includes((await box.getAttribute('data-column')) ?? '');
      if ((await box.isChecked()) !== want) await box.click();
    }
  }

  async steps(): Promise<{ state: string }[]> {
    return this.byTestId('clean-step').evaluateAll((els) => els.map((e) => ({ state: e.getAttribute('data-state') ?? '' })));
  }
}
