import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_SKIP_MESSAGE, hasChromium, ROOT, startApp, type RunningApp } from './harness';
import { AppPage } from './pages/app-page';

if (!hasChromium) console.warn(CHROMIUM_SKIP_MESSAGE);

function cli(...args: string[]): unknown {
  const r = spawnSync(join(ROOT, 'node_modules', '.bin', 'node'), [join(ROOT, 'dist', 'engine', 'cli.mjs'), ...args, '--json'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`kequn ${args.join(' ')} failed: ${r.stdout}${r.stderr}`);
  return JSON.parse(r.stdout);
}

describe.skipIf(!hasChromium)('导出为 SQL in Chromium (demo project, RFM-8)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kequn-e2e-sql-'));
  let app: RunningApp;
  let ui: AppPage;
  let customers = 0;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const demo = cli('demo', '--dir', dir) as { project: string };
    const rfm = cli('rfm', '--project', demo.project, '--dataset', '订单明细', '--customer', '客户编号', '--date', '下单时间', '--amount', '金额') as { dataset: { rows: number } };
    customers = rfm.dataset.rows;
    cli('segment', 'rfm8', '--project', demo.project, '--dataset', 'RFM-订单明细');
    app = await startApp({ projectPath: demo.project, name: 'sql-export' });
    ui = new AppPage(app.page);
    app.page.on('pageerror', (e) => pageErrors.push(e.message));
    await ui.waitReady();
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const panel = (id: string) => ui.page.locator(`[data-testid="tab-panel"]:not([hidden]) [data-testid="${id}"]`);

  it('opens from the segmentation overview with the PostgreSQL statement of the saved RFM-8', async () => {
    await ui.page.locator('[data-testid="project-view-item"][data-view-id="segment-overview"]').click();
    await panel('open-sql-export').click();
    await panel('sql-export-view').waitFor();
    expect(await ui.activeViewId()).toBe('sql-export');
    await expect.poll(() => panel('sql-text').getAttribute('data-dialect')).toBe('postgres');
    const sql = await panel('sql-text').innerText();
    expect(sql).toContain('-- Kequn 客群 — RFM细分');
    expect(sql).toContain("'重要价值客户'");
    expect(sql).toContain('DOUBLE PRECISION');
    expect(await panel('sql-outputs').innerText()).toBe('customer_key, segment, r_score, f_score, m_score, rfm_code');
  });

  it('switches dialect and renames the warehouse table and columns', async () => {
    await panel('sql-dialect').selectOption('mysql');
    await expect.poll(() => panel('sql-text').getAttribute('data-dialect')).toBe('mysql');
    await panel('sql-table').fill('dw.orders');
    await panel('sql-export-view').locator('summary').click();
    await panel('sql-export-view').locator('[data-testid="sql-map"][data-column="客户编号"]').fill('cust_id');
    await expect.poll(() => panel('sql-text').innerText()).toContain('FROM `dw`.`orders` src');
    // The table and the column name are typed one after the other: each redraws the statement.
    await expect.poll(() => panel('sql-text').innerText()).toContain('src.`cust_id`');
    expect(await panel('sql-text').innerText()).toContain(' DIV ');
  });

  it('checks the SQL on the project data: every customer agrees', async () => {
    await panel('sql-check').click();
    await panel('sql-check-result').waitFor({ timeout: 60_000 });
    expect(await panel('sql-check-result').getAttribute('data-compared')).toBe(String(customers));
    expect(await panel('sql-check-result').getAttribute('data-agree')).toBe(String(customers));
    expect(await panel('sql-check-result').innerText()).toBe(`${customers.toLocaleString('en-US')} / ${customers.toLocaleString('en-US')} 位客户一致`);
    expect(pageErrors).toEqual([]);
  });
});
