import type { Locator } from 'playwright-core';
import type { AppPage } from './app-page';

/** The pivot and cross-tab views of the active tab, by data-testid. */
export class AnalysisPage {
  constructor(readonly app: AppPage) {}

  private get panel(): Locator {
    return this.app.activePanel;
  }
  private id(id: string): Locator {
    return this.panel.locator(`[data-testid="${id}"]`);
  }

  /** Picks an option of a <select> by its visible text. */
  async choose(testId: string, label: string): Promise<void> {
    await this.id(testId).selectOption({ label });
  }

  // Pivot
  get pivotTable(): Locator {
    return this.id('pivot-table');
  }
  pivotRow(path: string): Locator {
    return this.panel.locator(`[data-testid="pivot-row"][data-path="${path}"]`);
  }
  pivotCells(rowPath: string): Locator {
    return this.panel.locator(`[data-testid="pivot-cell"][data-row-path="${rowPath}"]`);
  }
  get drillPanel(): Locator {
    return this.id('drill-panel');
  }
  get drillCount(): Locator {
    return this.id('drill-count');
  }
  get drillRows(): Locator {
    return this.panel.locator('[data-testid="drill-row"]');
  }

  // Cross-tab
  get crosstabCells(): Locator {
    return this.panel.locator('[data-testid="crosstab-cell"]');
  }
  get chi2(): Locator {
    return this.id('crosstab-chi2');
  }
  get preferences(): Locator {
    return this.panel.locator('[data-testid="crosstab-preference"]');
  }
}
