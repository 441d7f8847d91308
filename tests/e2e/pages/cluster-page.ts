import type { Locator, Page } from 'playwright-core';

/** The cluster analysis view by data-testid only. */
export class ClusterPage {
  constructor(readonly page: Page) {}

  get panel(): Locator {
    return this.page.locator('[data-testid="tab-panel"]:not([hidden])');
  }
  byTestId(id: string): Locator {
    return this.panel.locator(`[data-testid="${id}"]`);
  }

  async includedFeatures(): Promise<string[]> {
    await this.byTestId('cluster-features').waitFor();
    return this.panel.locator('[data-testid="cluster-feature"]').evaluateAll((rows) =>
      rows.filter((r) => (r.querySelector('[data-testid="cluster-feature-include"]') as HTMLInputElement | null)?.checked).map((r) => r.getAttribute('data-column') ?? ''),
    );
  }

  async transformOf(column: string): Promise<string> {
    return this.panel.locator(`[data-testid="cluster-feature"][data-column="${column}"] [data-testid="cluster-feature-transform"]`).inputValue();
  }

  async setTransform(column: string, chain: string): Promise<void> {
    await this.panel.locator(`[data-testid="cluster-feature"][data-column="${column}"] [data-testid="cluster-feature-transform"]`).selectOption(chain);
  }

  async scan(kMin: number, kMax: number): Promise<void> {
    await this.byTestId('cluster-kmin').fill(String(kMin));
    await this.byTestId('cluster-kmax').fill(String(kMax));
    await this.byTestId('cluster-scan').click();
    await this.byTestId('cluster-advisor').waitFor({ timeout: 60_000 });
  }

  async run(): Promise<string> {
    await this.byTestId('cluster-run').click();
    const result = this.byTestId('cluster-result');
    await result.waitFor({ timeout: 60_000 });
    return (await result.getAttribute('data-segmentation-id')) ?? '';
  }

  async clusterNames(): Promise<string[]> {
    return this.panel.locator('[data-testid="cluster-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-cluster-name') ?? ''));
  }

  async rename(id: number, name: string): Promise<void> {
    const row = this.panel.locator(`[data-testid="cluster-row"][data-cluster-id="${id}"]`);
    await row.locator('[data-testid="cluster-name"]').fill(name);
    await row.locator('[data-testid="cluster-save-name"]').click();
  }

  async score(target: string): Promise<Locator> {
    await this.byTestId('cluster-score-target').selectOption({ label: target });
    await this.byTestId('cluster-score-run').click();
    const result = this.byTestId('cluster-score-result');
    await result.waitFor({ timeout: 60_000 });
    return result;
  }
}
