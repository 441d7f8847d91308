import type { Locator, Page } from 'playwright-core';

/** The app frame as a test sees it: stable data-testid selectors only, no CSS classes. */
export class AppPage {
  constructor(readonly page: Page) {}

  byTestId(id: string): Locator {
    return this.page.locator(`[data-testid="${id}"]`);
  }

  get app(): Locator {
    return this.byTestId('app');
  }
  get projectName(): Locator {
    return this.byTestId('project-name');
  }
  get datasetItems(): Locator {
    return this.byTestId('dataset-item');
  }
  datasetItem(name: string): Locator {
    return this.page.locator(`[data-testid="dataset-item"][data-dataset-name="${name}"]`);
  }
  get tabs(): Locator {
    return this.byTestId('tab');
  }
  get activePanel(): Locator {
    return this.page.locator('[data-testid="tab-panel"]:not([hidden])');
  }
  get engineState(): Locator {
    return this.byTestId('engine-state');
  }
  get statusRows(): Locator {
    return this.byTestId('status-rows');
  }
  get errorBanner(): Locator {
    return this.byTestId('error-banner');
  }

  /** Waits until the engine socket is up and the project's datasets are listed. */
  async waitReady(): Promise<void> {
    await this.page.locator('[data-testid="app"][data-engine-state="connected"]').waitFor();
    await this.datasetItems.first().waitFor();
  }

  async datasetNames(): Promise<string[]> {
    return this.page.locator('[data-testid="dataset-item"]').evaluateAll((els) =>
      els.map((e) => e.getAttribute('data-dataset-name') ?? ''),
    );
  }

  async openDataset(name: string): Promise<void> {
    await this.datasetItem(name).click();
  }

  /** Column names shown by the dataset-overview view in the active tab. */
  async overviewColumnNames(): Promise<string[]> {
    const table = this.activePanel.locator('[data-testid="overview-columns"]');
    await table.waitFor();
    return table.locator('[data-testid="overview-column-name"]').allInnerTexts();
  }

  /** Opens a registered dataset view through the dataset's ⋯ menu (works whatever the default view is). */
  async openDatasetView(name: string, viewId: string): Promise<void> {
    // The ⋯ button shows on hover (or for the active dataset), as a user would find it.
    await this.datasetItem(name).hover();
    await this.page.locator(`[data-testid="dataset-menu-button"][data-dataset-name="${name}"]`).click();
    await this.page.locator(`[data-testid="dataset-menu"] [data-testid="menu-item"][data-item-id="${viewId}"]`).click();
  }

  /** Chooses an action (rename, remove) or view from a dataset's ⋯ menu. */
  async datasetMenu(name: string, itemId: string): Promise<void> {
    // The ⋯ button shows on hover (or for the active dataset), as a user would find it.
    await this.datasetItem(name).hover();
    await this.page.locator(`[data-testid="dataset-menu-button"][data-dataset-name="${name}"]`).click();
    await this.page.locator(`[data-testid="dataset-menu"] [data-testid="menu-item"][data-item-id="${itemId}"]`).click();
  }

  async activeViewId(): Promise<string | null> {
    return this.activePanel.getAttribute('data-view-id');
  }

  async switchLanguage(lang: 'zh' | 'en'): Promise<void> {
    await this.byTestId(lang === 'en' ? 'lang-en' : 'lang-zh').click();
  }

  async openProjectByPath(path: string): Promise<void> {
    await this.byTestId('open-project').click();
    await this.byTestId('project-path-input').fill(path);
    await this.byTestId('project-path-submit').click();
  }

  async closeActiveTab(): Promise<void> {
    await this.page.locator('[data-testid="tab"][aria-selected="true"] [data-testid="tab-close"]').click();
  }
}
