import type { Locator, Page } from 'playwright-core';

/** The segmentation views (builder, summary, migration) by data-testid only. */
export class SegmentPage {
  constructor(readonly page: Page) {}

  get panel(): Locator {
    return this.page.locator('[data-testid="tab-panel"]:not([hidden])');
  }
  byTestId(id: string): Locator {
    return this.panel.locator(`[data-testid="${id}"]`);
  }

  /** Segment name → count shown in a segment table. */
  async counts(tableTestId: string): Promise<Map<string, number>> {
    const table = this.byTestId(tableTestId);
    await table.waitFor();
    const rows = await table.locator('[data-testid="segment-row"]').evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-segment') ?? '', (e.querySelector('[data-testid="segment-count"]')?.textContent ?? '').replace(/[,，\s]/g, '')]),
    );
    return new Map(rows.map(([name, n]) => [name!, Number(n)]));
  }

  async chooseMethod(method: string): Promise<void> {
    await this.byTestId('segment-method').selectOption(method);
  }

  async save(): Promise<string> {
    await this.byTestId('segment-save').click();
    const saved = this.byTestId('segment-saved');
    await saved.waitFor();
    return (await saved.getAttribute('data-segmentation-id')) ?? '';
  }

  /** Renames a segment in the summary's names table and saves. */
  async renameSegment(segment: string, name: string): Promise<void> {
    await this.panel.locator(`[data-testid="segment-rename"][data-segment="${segment}"]`).fill(name);
    await this.byTestId('segment-save-texts').click();
  }

  async matrixCell(from: string, to: string): Promise<Locator> {
    return this.panel.locator(`[data-testid="migration-cell"][data-from="${from}"][data-to="${to}"]`);
  }
}
