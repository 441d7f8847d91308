import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../shared/contract/json';
import { simulateTransactions } from '../../electron/engine/clv/simulate';
import { ProjectStore } from '../../electron/engine/store/project-store';
import { CHROMIUM_SKIP_MESSAGE, hasChromium, startApp, type RunningApp } from './harness';
import { AppPage } from './pages/app-page';
import { ClvPage } from './pages/clv-page';

if (!hasChromium) console.warn(CHROMIUM_SKIP_MESSAGE);

const START = Date.UTC(1997, 0, 1) / 86_400_000;

/** A shop's orders drawn from the published CDNOW parameters (weeks), 2,000 customers. */
function writeProject(path: string): void {
  const store = ProjectStore.open(path, { create: true });
  const rows: CellValue[][] = [];
  simulateTransactions(
    { customers: 2000, bgnbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, gammaGamma: { p: 6.25, q: 3.74, gamma: 15.44 }, seed: 4, unitDays: 7, acquisitionDays: 84, endDay: 546 },
    (c, d, a) => rows.push([`会员${c}`, (START + d) * 86_400_000, a]),
  );
  store.createDataset(
    {
      name: '订单',
      kind: 'import',
      source: null,
      columns: [
        { name: '买家会员名', originalHeader: '买家会员名', type: 'text' },
        { name: '订单付款时间', originalHeader: '订单付款时间', type: 'date' },
        { name: '买家实际支付金额', originalHeader: '买家实际支付金额', type: 'decimal' },
      ],
    },
    rows,
  );
  store.close();
}

describe.skipIf(!hasChromium)('客户价值预测 in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kequn-e2e-clv-'));
  let app: RunningApp;
  let shell: AppPage;
  let clv: ClvPage;

  beforeAll(async () => {
    const path = join(dir, 'clv.kequn');
    writeProject(path);
    app = await startApp({ projectPath: path, name: 'clv' });
    shell = new AppPage(app.page);
    clv = new ClvPage(app.page);
    await shell.waitReady();
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('guesses the RFM columns, fits with a holdout and shows parameters, validation, four charts and the tables', async () => {
    await shell.openDatasetView('订单', 'clv');
    await clv.byTestId('clv-run').waitFor();
    expect(await clv.selected('customer')).toBe('买家会员名');
    expect(await clv.selected('date')).toBe('订单付款时间');
    expect(await clv.selected('amount')).toBe('买家实际支付金额');
    expect(await clv.selected('unit')).toBe('day');
    await clv.setPeriods('week', '1997-09-30', '1998-06-30');
    const id = await clv.fit();
    expect(id).toMatch(/^clv\d+$/);
    expect(await clv.byTestId('clv-result').getAttribute('data-customers')).toBe('2000');
    expect(await clv.byTestId('clv-bgnbd').getAttribute('data-converged')).toBe('true');
    expect(await clv.byTestId('clv-validation').innerText()).toContain('MAE');
    for (const chart of ['tracking', 'frequency', 'palive', 'tiers']) await clv.byTestId(`clv-chart-${chart}`).locator('canvas').first().waitFor();
    expect(await clv.tierRows()).toBe(5);
    expect(await clv.panel.locator('[data-testid="clv-cross"] tbody tr').count()).toBe(8);
    expect(await clv.panel.locator('[data-testid="clv-top"] tbody tr').count()).toBe(20);
    await clv.byTestId('clv-tracking-mode').selectOption('incremental');
    await clv.byTestId('clv-chart-tracking').locator('canvas').first().waitFor();
    expect(app.consoleErrors()).toEqual([]);
  });

  it('opens the customer dataset the fit wrote, and the saved model is listed for the dataset', async () => {
    await clv.byTestId('clv-open-dataset').click();
    await expect.poll(() => shell.activeViewId()).toBe('grid');
    await shell.openDatasetView('订单', 'clv');
    await clv.byTestId('clv-models').waitFor();
    expect(await clv.panel.locator('[data-testid="clv-models"] option').count()).toBe(1);
    await clv.byTestId('clv-result').waitFor();
  });
});
