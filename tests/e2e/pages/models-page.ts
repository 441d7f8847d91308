import type { Locator, Page } from 'playwright-core';

/** The model views (tree, k-prototypes, Ward, factors) by data-testid only. */
export class ModelsPage {
  constructor(readonly page: Page) {}

  get panel(): Locator {
    return this.page.locator('[data-testid="tab-panel"]:not([hidden])');
  }
  byTestId(id: string): Locator {
    return this.panel.locator(`[data-testid="${id}"]`);
  }

  async check(testId: string, columns: string[]): Promise<void> {
    for (const c of columns) await this.panel.locator(`[data-testid="${testId}"][data-column="${c}"]`).check();
  }

  async waitFor(testId: string): Promise<Locator> {
    const l = this.byTestId(testId);
    await l.waitFor({ timeout: 60_000 });
    return l;
  }
}
