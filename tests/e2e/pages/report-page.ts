import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';

/** The report view and the export dialog as a test sees them (data-testid selectors only). */
export class ReportPage {
  constructor(readonly page: Page) {}

  byTestId(id: string): Locator {
    return this.page.locator(`[data-testid="tab-panel"]:not([hidden]) [data-testid="${id}"], [data-testid="export-dialog"] [data-testid="${id}"]`).first();
  }

  sheet(sheet: string): Locator {
    return this.page.locator(`[data-testid="tab-panel"]:not([hidden]) [data-testid="report-sheet"][data-sheet="${sheet}"]`);
  }

  /** Clicks the written file's download link (browser mode) and returns the downloaded bytes. */
  async download(): Promise<Buffer> {
    const link = this.page.locator('[data-testid="written-download"]:visible').first();
    const [dl] = await Promise.all([this.page.waitForEvent('download', { timeout: 30_000 }), link.click()]);
    const path = await dl.path();
    return readFileSync(path);
  }
}
