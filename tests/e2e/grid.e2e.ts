import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../shared/contract/json';
import { ProjectStore } from '../../electron/engine/store/project-store';
import { CHROMIUM_SKIP_MESSAGE, hasChromium, startApp, type RunningApp } from './harness';
import { GridPage } from './pages/grid-page';

if (!hasChromium) console.warn(CHROMIUM_SKIP_MESSAGE);

const N = 5000;
const CITIES = ['北京', '上海', '广州', '深圳', '杭州'];
/** Deterministic rows: id, name, city, amount (every 500th invalid, every 97th missing), orders. */
function rows(): CellValue[][] {
  const out: CellValue[][] = [];
  for (let i = 1; i <= N; i++) {
    const amount = i % 500 === 0 ? '待核实' : i % 97 === 0 ? null : ((i * 7919) % 100000) / 10;
    out.push([`C${String(i).padStart(5, '0')}`, `客户${i}号`, CITIES[(i * 31) % 5]!, amount, (i * 13) % 40]);
  }
  return out;
}

describe.skipIf(!hasChromium)('grid in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kequn-e2e-grid-'));
  const data = rows();
  let app: RunningApp;
  let grid: GridPage;

  beforeAll(async () => {
    const path = join(dir, 'grid.kequn');
    const store = ProjectStore.open(path, { create: true });
    store.createDataset(
      {
        name: '客户表',
        kind: 'import',
        source: 'e2e',
        columns: [
          { name: '编号', originalHeader: '客户编号', type: 'text' },
          { name: '姓名', originalHeader: '客户姓名', type: 'text' },
          { name: '城市', originalHeader: '城市', type: 'text' },
          { name: '金额', originalHeader: '消费金额', type: 'currency', format: '¥#,##0.00' },
          { name: '订单数', originalHeader: '订单数', type: 'integer' },
        ],
      },
      data,
    );
    store.close();
    app = await startApp({ projectPath: path });
    await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin });
    grid = new GridPage(app.page, [140, 140, 140, 110, 110], 52);
    const logs: string[] = [];
    app.page.on('console', (m) => logs.push(m.text()));
    app.page.on('pageerror', (e) => logs.push(e.message));
    await grid.waitReady().catch((e: unknown) => {
      // The page's console and the engine's stderr say why the grid never became ready.
      console.log(logs.join('\n'), app.engineLog());
      throw e;
    });
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens the dataset in the grid with formatted cells and the row count in the status bar', async () => {
    await grid.clickCell(0, 0);
    expect(await grid.current()).toMatchObject({ column: 'c0', row: 0, value: 'C00001', state: 'value' });
    await app.page.keyboard.press('ArrowRight');
    expect(await grid.currentValue()).toBe('客户1号');
    await app.page.keyboard.press('ArrowRight');
    await app.page.keyboard.press('ArrowRight');
    // Amount 7919 % 100000 / 10 = 791.9, shown as money.
    expect(await grid.currentValue()).toBe('¥791.90');
    expect(await grid.filteredRows()).toBe(N);
    await expect.poll(() => app.page.locator('[data-testid="status-selection"]').innerText(), { timeout: 10_000 }).toContain('5,000 行');
  });

  it('marks missing and invalid cells', async () => {
    // Id 97 has a missing amount, id 500 an invalid one ('待核实').
    await app.page.keyboard.press('Control+f');
    const input = app.page.locator('[data-testid="find-input"]');
    for (const [id, state, value] of [
      ['C00097', 'missing', '（缺失）'],
      ['C00500', 'invalid', '待核实'],
    ] as const) {
      await input.fill(id);
      await input.press('Enter');
      await expect.poll(async () => (await grid.current()).value, { timeout: 10_000 }).toBe(id);
      await grid.canvas.locator('canvas').first().focus();
      for (let i = 0; i < 3; i++) await app.page.keyboard.press('ArrowRight');
      expect(await grid.current()).toMatchObject({ column: 'c3', state, value });
      await app.page.keyboard.press('Control+f');
    }
    await input.press('Escape');
    await expect.poll(() => input.count(), { timeout: 10_000 }).toBe(0);
  });

  it('scrolls with the wheel and jumps to the last row with Ctrl+End', async () => {
    const box = await grid.canvas.boundingBox();
    await app.page.mouse.move(box!.x + 200, box!.y + 200);
    await app.page.mouse.wheel(0, 34 * 1000);
    await app.page.waitForTimeout(300);
    await grid.clickCell(0, 0);
    const top = await grid.current();
    expect(top.row).toBeGreaterThan(500);
    expect(top.value).toBe(`C${String(top.row + 1).padStart(5, '0')}`);
    await app.page.keyboard.press('Control+End');
    await expect.poll(async () => (await grid.current()).row, { timeout: 10_000 }).toBe(N - 1);
    expect(await grid.current()).toMatchObject({ column: 'c4', value: String(((N * 13) % 40).toLocaleString('en-US')) });
    await app.page.keyboard.press('Control+Home');
    await expect.poll(async () => (await grid.current()).value, { timeout: 10_000 }).toBe('C00001');
    await app.page.keyboard.press('PageDown');
    await expect.poll(async () => (await grid.current()).row, { timeout: 10_000 }).toBeGreaterThan(5);
  });

  it('sorts by a column from its menu (descending like Excel: invalid text first, missing last)', async () => {
    await grid.clickCell(3, 0);
    const menu = await grid.openColumnMenu('c3');
    await menu.locator('[data-testid="menu-sort-desc"]').click();
    await grid.waitReady();
    await expect.poll(() => grid.status.innerText(), { timeout: 10_000 }).toContain('排序：金额');
    const invalid = data.filter((r) => typeof r[3] === 'string');
    const max = Math.max(...data.map((r) => r[3]).filter((v): v is number => typeof v === 'number'));
    const top = data.find((r) => r[3] === max)!;
    await grid.clickCell(0, 0);
    await expect.poll(() => grid.currentValue(), { timeout: 10_000 }).toBe(invalid[0]![0]);
    for (let i = 0; i < invalid.length; i++) await app.page.keyboard.press('ArrowDown');
    await expect.poll(() => grid.currentValue(), { timeout: 10_000 }).toBe(top[0]);
    await app.page.keyboard.press('Control+End');
    await expect.poll(async () => (await grid.current()).row, { timeout: 10_000 }).toBe(N - 1);
    await app.page.keyboard.press('ArrowLeft');
    expect(await grid.current()).toMatchObject({ column: 'c3', state: 'missing' });
    await app.page.locator('[data-testid="grid-clear-sort"]').click();
    await grid.waitReady();
    await grid.clickCell(0, 0);
    await expect.poll(() => grid.currentValue(), { timeout: 10_000 }).toBe('C00001');
  });

  it('filters by values from the searchable list and shows filtered/total counts', async () => {
    await grid.clickCell(2, 0);
    const menu = await grid.openColumnMenu('c2');
    const values = menu.locator('[data-testid="menu-value"]');
    await expect.poll(() => values.count(), { timeout: 10_000 }).toBe(5);
    const expected = data.filter((r) => r[2] === '北京').length;
    expect(await menu.locator('[data-testid="menu-value"][data-value="\\"北京\\""]').innerText()).toContain(expected.toLocaleString('en-US'));
    await menu.locator('[data-testid="menu-search"]').fill('北');
    await expect.poll(() => values.count(), { timeout: 10_000 }).toBe(1);
    await menu.locator('[data-testid="menu-apply"]').click();
    await expect.poll(() => grid.filteredRows(), { timeout: 10_000 }).toBe(expected);
    const status = app.page.locator('[data-testid="status-selection"]');
    await expect.poll(() => status.innerText(), { timeout: 10_000 }).toContain(`筛选后 ${expected.toLocaleString('en-US')} / 5,000 行`);
    await grid.waitReady();
    await grid.clickCell(2, 0);
    expect(await grid.currentValue()).toBe('北京');
  });

  it('copies a selection as tab-separated text with Chinese intact', async () => {
    // Still filtered to 北京: the first two rows, columns 编号..城市.
    const beijing = data.filter((r) => r[2] === '北京');
    await grid.clickCell(0, 0);
    await app.page.keyboard.press('Shift+ArrowRight');
    await app.page.keyboard.press('Shift+ArrowRight');
    await app.page.keyboard.press('Shift+ArrowDown');
    await app.page.keyboard.press('Control+c');
    const expected = beijing
      .slice(0, 2)
      .map((r) => r.slice(0, 3).join('\t'))
      .join('\r\n');
    await expect.poll(() => app.page.evaluate(() => navigator.clipboard.readText()), { timeout: 10_000 }).toBe(expected);
    await app.page.locator('[data-testid="grid-clear-filters"]').click();
    await expect.poll(() => grid.filteredRows(), { timeout: 10_000 }).toBe(N);
  });

  it('finds a value with Ctrl+F and moves to it, next and previous', async () => {
    await grid.waitReady();
    await grid.clickCell(0, 0);
    await app.page.keyboard.press('Control+f');
    const input = app.page.locator('[data-testid="find-input"]');
    await input.fill('客户4321号');
    await input.press('Enter');
    await expect.poll(async () => (await grid.current()).row, { timeout: 10_000 }).toBe(4320);
    expect(await grid.current()).toMatchObject({ column: 'c1', value: '客户4321号' });
    await input.fill('待核实');
    await input.press('Enter');
    // From row 4320 the next invalid amount is id 4500 (view row 4499), the previous one id 4000.
    await expect.poll(async () => (await grid.current()).row, { timeout: 10_000 }).toBe(4499);
    await input.press('Shift+Enter');
    await expect.poll(async () => (await grid.current()).row, { timeout: 10_000 }).toBe(3999);
    expect(await grid.current()).toMatchObject({ column: 'c3', state: 'invalid' });
    await input.fill('不存在的内容');
    await input.press('Enter');
    await expect.poll(() => app.page.locator('[data-testid="find-message"]').innerText(), { timeout: 10_000 }).toContain('未找到');
  });

  it('shows column statistics with a histogram, and hides and shows columns', async () => {
    await grid.waitReady();
    await grid.clickCell(3, 0);
    const menu = await grid.openColumnMenu('c3');
    await menu.locator('[data-testid="menu-stats"]').click();
    const panel = app.page.locator('[data-testid="stats-panel"][data-column-key="c3"]');
    await panel.waitFor({ timeout: 10_000 });
    const amounts = data.map((r) => r[3]);
    const missing = amounts.filter((v) => v === null).length;
    const invalid = amounts.filter((v) => typeof v === 'string').length;
    await expect.poll(() => panel.locator('[data-testid="stat-missing"] dd').innerText(), { timeout: 10_000 }).toBe(String(missing));
    expect(await panel.locator('[data-testid="stat-invalid"] dd').innerText()).toBe(String(invalid));
    expect(await panel.locator('[data-testid="stat-rows"] dd').innerText()).toBe('5,000');
    expect(Number(await panel.locator('[data-testid="stats-histogram"]').getAttribute('data-bins'))).toBe(20);
    expect(await panel.locator('[data-testid="stats-histogram"] canvas').count()).toBeGreaterThan(0);

    // Hide 编号: the first shown column becomes 姓名; show it again.
    await app.page.locator('[data-testid="grid-columns"] summary').click();
    const toggle = app.page.locator('[data-testid="grid-column-toggle"][data-column-key="c0"] input');
    await toggle.uncheck();
    await app.page.locator('[data-testid="grid-columns"] summary').click();
    await grid.clickCell(0, 0);
    await app.page.keyboard.press('Control+Home');
    await expect.poll(async () => (await grid.current()).row, { timeout: 10_000 }).toBe(0);
    expect(await grid.current()).toMatchObject({ column: 'c1', value: '客户1号' });
    await app.page.locator('[data-testid="grid-columns"] summary').click();
    await toggle.check();
    await app.page.locator('[data-testid="grid-columns"] summary').click();
    await grid.clickCell(0, 0);
    expect(await grid.current()).toMatchObject({ column: 'c0', value: 'C00001' });
  });

  it('shows the original header text and type when hovering a header', async () => {
    const box = (await grid.canvas.boundingBox())!;
    await app.page.mouse.move(box.x + 52 + 140 * 3 + 30, box.y + 18);
    const tip = app.page.locator('[data-testid="header-tip"]');
    await tip.waitFor();
    expect(await tip.innerText()).toContain('原始表头：消费金额');
    expect(await tip.innerText()).toContain('类型：金额');
    expect(await tip.innerText()).toContain('无效值 10 个');
  });
});
