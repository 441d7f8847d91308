import type { Locator, Page } from 'playwright-core';

/** The import view (project view "import") as a test drives it. */
export class ImportPage {
  constructor(readonly page: Page) {}

  private byTestId(id: string): Locator {
    return this.page.locator(`[data-testid="tab-panel"]:not([hidden]) [data-testid="${id}"]`);
  }

  async open(): Promise<void> {
    await this.page.locator('[data-testid="project-view-item"][data-view-id="import"]').click();
    await this.byTestId('import-view').waitFor();
  }

  async previewPath(path: string): Promise<void> {
    await this.byTestId('import-path').fill(path);
    await this.byTestId('import-preview-button').click();
    await this.byTestId('import-preview-table').waitFor();
  }

  async uploadFile(path: string): Promise<void> {
    await this.byTestId('import-file-input').setInputFiles(path);
    await this.byTestId('import-preview-table').waitFor();
  }

  columnNames(): Promise<string[]> {
    return this.byTestId('import-column-name').allInnerTexts();
  }

  async columnTypes(): Promise<string[]> {
    return this.byTestId('import-column-type').evaluateAll((els) => els.map((e) => (e as HTMLSelectElement).value));
  }

  /** The preview's cells of one column, as shown. */
  async columnCells(index: number): Promise<string[]> {
    return this.page.locator('[data-testid="tab-panel"]:not([hidden]) [data-testid="import-preview-table"] tbody tr').evaluateAll(
      (rows, i) => rows.map((r) => (r.querySelectorAll('[data-testid="import-cell"]')[i] as HTMLElement | undefined)?.innerText ?? ''),
      index,
    );
  }

  async setColumnType(index: number, type: string): Promise<void> {
    await this.byTestId('import-column-type').nth(index).selectOption(type);
  }

  get sheetSelect(): Locator {
    return this.byTestId('import-sheet');
  }

  get warnings(): Locator {
    return this.byTestId('import-warnings');
  }

  async run(): Promise<void> {
    await this.byTestId('import-run').click();
  }
}
