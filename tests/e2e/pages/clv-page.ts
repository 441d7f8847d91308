import type { Locator, Page } from 'playwright-core';

/** The 客户价值预测 view by data-testid only. */
export class ClvPage {
  constructor(readonly page: Page) {}

  get panel(): Locator {
    return this.page.locator('[data-testid="tab-panel"]:not([hidden])');
  }
  byTestId(id: string): Locator {
    return this.panel.locator(`[data-testid="${id}"]`);
  }

  async selected(field: 'customer' | 'date' | 'amount' | 'unit'): Promise<string> {
    return this.byTestId(`clv-${field}`).inputValue();
  }

  async setPeriods(unit: 'day' | 'week' | 'month', calibrationEnd: string, holdoutEnd: string): Promise<void> {
    await this.byTestId('clv-unit').selectOption(unit);
    await this.byTestId('clv-calibration-end').fill(calibrationEnd);
    await this.byTestId('clv-holdout-end').fill(holdoutEnd);
  }

  /** Runs the fit and waits for the result of the new model; returns its id. */
  async fit(): Promise<string> {
    await this.byTestId('clv-run').click();
    await this.byTestId('clv-created').waitFor({ timeout: 120_000 });
    return (await this.byTestId('clv-result').getAttribute('data-model-id')) ?? '';
  }

  async tierRows(): Promise<number> {
    return this.panel.locator('[data-testid="clv-tier-row"]').count();
  }
}
