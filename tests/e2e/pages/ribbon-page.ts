import type { Locator, Page } from 'playwright-core';

/** The ribbon above the tabs: tabs of grouped buttons acting on the current dataset. */
export class RibbonPage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.locator('[data-testid="ribbon"]');
  }
  tab(id: string): Locator {
    return this.root.locator(`[data-testid="ribbon-tab"][data-ribbon-tab="${id}"]`);
  }
  /** A button of the ribbon tab now shown. */
  button(id: string): Locator {
    return this.root.locator(`[data-testid="ribbon-button"][data-command-id="${id}"]`);
  }
  get currentDataset(): Locator {
    return this.root.locator('[data-testid="ribbon-dataset"]');
  }

  async tabNames(): Promise<string[]> {
    return this.root.locator('[data-testid="ribbon-tab"]').allInnerTexts();
  }

  /** Shows a ribbon tab and presses one of its buttons. */
  async press(tabId: string, buttonId: string): Promise<void> {
    await this.tab(tabId).click();
    await this.button(buttonId).click();
  }

  async enabled(tabId: string, buttonId: string): Promise<boolean> {
    await this.tab(tabId).click();
    return this.button(buttonId).isEnabled();
  }
}

/** The workflow panel (project view) and the step list in the left column. */
export class WorkflowPage {
  constructor(readonly page: Page) {}

  private get panel(): Locator {
    return this.page.locator('[data-testid="tab-panel"]:not([hidden]) [data-testid="workflow-view"]');
  }
  get view(): Locator {
    return this.panel;
  }
  step(id: string): Locator {
    return this.panel.locator(`[data-testid="workflow-step"][data-step="${id}"]`);
  }
  /** Step id → status, as the panel shows them. */
  async statuses(): Promise<Record<string, string>> {
    const steps = this.panel.locator('[data-testid="workflow-step"]');
    await steps.first().waitFor();
    const pairs = await steps.evaluateAll((els) => els.map((e) => [e.getAttribute('data-step') ?? '', e.getAttribute('data-status') ?? '']));
    return Object.fromEntries(pairs);
  }
  /** Step id → status in the left column's step list. */
  async railStatuses(): Promise<Record<string, string>> {
    const steps = this.page.locator('[data-testid="workflow-rail-step"]');
    await steps.first().waitFor();
    const pairs = await steps.evaluateAll((els) => els.map((e) => [e.getAttribute('data-step') ?? '', e.getAttribute('data-status') ?? '']));
    return Object.fromEntries(pairs);
  }
  items(stepId: string): Locator {
    return this.step(stepId).locator('[data-testid="workflow-item"]');
  }
  async openRail(stepId: string): Promise<void> {
    await this.page.locator(`[data-testid="workflow-rail-step"][data-step="${stepId}"]`).click();
    await this.panel.waitFor();
  }
}
