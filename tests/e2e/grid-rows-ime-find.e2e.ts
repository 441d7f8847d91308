import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../shared/contract/json';
import { writeOneDatasetProject } from './fixture-project';
import { CHROMIUM_SKIP_MESSAGE, hasChromium, startApp, type RunningApp } from './harness';
import { GridPage } from './pages/grid-page';

if (!hasChromium) console.warn(CHROMIUM_SKIP_MESSAGE);

const N = 3000;
/** Buyer names 买家1…买家3000, a city and an amount: find's target is row 856, far below the first screen. */
function rows(): CellValue[][] {
  return Array.from({ length: N }, (_, i) => [`买家${i + 1}`, ['北京', '上海', '广州'][i % 3]!, (i + 1) * 10]);
}

describe.skipIf(!hasChromium)('grid in Chromium: find lands on the match, insert rows, typing through an input method', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kequn-e2e-grid-rows-'));
  let app: RunningApp;
  let grid: GridPage;

  beforeAll(async () => {
    const path = join(dir, 'rows.kequn');
    writeOneDatasetProject(path, '订单', [['买家', 'text'], ['城市', 'text'], ['金额', 'decimal']], rows());
    app = await startApp({ projectPath: path });
    grid = new GridPage(app.page, [140, 140, 110], 52);
    await grid.waitReady();
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The view rows on screen now, [first, last], as the grid reports its visible region. */
  const shownRows = async (): Promise<[number, number]> => {
    const [first, count] = ((await grid.canvas.getAttribute('data-visible-rows')) ?? '0:0').split(':').map(Number) as [number, number];
    return [first, first + count - 1];
  };
  const valueAt = async (col: number, row: number): Promise<{ value: string; state: string }> => {
    await grid.clickCell(col, row);
    await expect.poll(async () => (await grid.current()).row, { timeout: 10_000 }).toBe(row);
    const c = await grid.current();
    return { value: c.value, state: c.state };
  };
  const notice = () => grid.root.locator('[data-testid="grid-notice"]');

  it('the first Enter in find scrolls to the matching row and selects it', async () => {
    await grid.clickCell(0, 0);
    await app.page.keyboard.press('Control+f');
    const input = app.page.locator('[data-testid="find-input"]');
    await input.fill('买家856');
    await input.press('Enter');
    await expect.poll(async () => (await grid.current()).row, { timeout: 10_000 }).toBe(855);
    expect(await grid.current()).toMatchObject({ column: 'c0', value: '买家856' });
    // On screen, not only selected: the drawn rows include it, well away from the original report's 1675–1693.
    await expect
      .poll(async () => {
        const [first, last] = await shownRows();
        return first <= 855 && 855 <= last;
      }, { timeout: 10_000 })
      .toBe(true);
    await app.page.locator('[data-testid="find-close"]').click();
    await grid.clickCell(0, 1);
    await app.page.keyboard.press('Control+Home');
    await expect.poll(async () => (await grid.current()).row, { timeout: 10_000 }).toBe(0);
  });

  it('inserts a row above from the cell menu and below from the row-number menu; each is an undoable step', async () => {
    const menu = await grid.rightClickCell(0, 2);
    await menu.locator('[data-testid="menu-item"][data-item-id="insert-above"]').click();
    await expect.poll(() => grid.filteredRows(), { timeout: 15_000 }).toBe(N + 1);
    await expect.poll(() => notice().innerText(), { timeout: 15_000 }).toContain('已插入 1 行');
    expect(await valueAt(0, 2)).toEqual({ value: '（缺失）', state: 'missing' });
    expect((await valueAt(0, 3)).value).toBe('买家3');

    // Right-click on the row number of view row 4 (买家4): its row menu.
    const box = await grid.canvas.boundingBox();
    await app.page.mouse.click(box!.x + 20, box!.y + 36 + 4 * 34 + 17, { button: 'right' });
    const rowMenu = app.page.locator('[data-testid="row-menu"]');
    await rowMenu.waitFor();
    expect(await rowMenu.innerText()).toContain('第 5 行');
    await rowMenu.locator('[data-testid="menu-item"][data-item-id="insert-below"]').click();
    await expect.poll(() => grid.filteredRows(), { timeout: 15_000 }).toBe(N + 2);
    expect((await valueAt(0, 4)).value).toBe('买家4');
    expect((await valueAt(0, 5)).state).toBe('missing');
    expect((await valueAt(0, 6)).value).toBe('买家5');

    await app.page.keyboard.press('Control+z');
    await expect.poll(() => grid.filteredRows(), { timeout: 15_000 }).toBe(N + 1);
    await app.page.keyboard.press('Control+z');
    await expect.poll(() => grid.filteredRows(), { timeout: 15_000 }).toBe(N);
    expect((await valueAt(0, 2)).value).toBe('买家3');
  });

  it('a composition (input method) on the grid opens the cell editor and keeps the composed text', async () => {
    await valueAt(1, 1);
    // The input method starts composing on the grid: the editor opens over the current cell, focused.
    await app.page.evaluate(() => document.activeElement?.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true, data: '' })));
    const editor = app.page.locator('[data-testid="grid-ime-editor"]');
    await editor.waitFor();
    expect(await editor.getAttribute('data-row')).toBe('1');
    expect(await editor.evaluate((el) => el === document.activeElement)).toBe(true);
    await app.page.keyboard.insertText('深圳');
    await app.page.keyboard.press('Enter');
    await expect.poll(() => notice().innerText(), { timeout: 15_000 }).toContain('已修改 城市');
    await expect.poll(async () => (await valueAt(1, 1)).value, { timeout: 15_000 }).toBe('深圳');

    // A composition that ends where it began (the text arrives with compositionend) is kept too.
    await valueAt(0, 3);
    await app.page.evaluate(() => {
      const el = document.activeElement;
      el?.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true, data: '' }));
      el?.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: '中文名' }));
    });
    await editor.waitFor();
    await expect.poll(() => editor.inputValue()).toBe('中文名');
    await app.page.keyboard.press('Enter');
    await expect.poll(async () => (await valueAt(0, 3)).value, { timeout: 15_000 }).toBe('中文名');

    // Esc leaves the cell as it was.
    await app.page.evaluate(() => document.activeElement?.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true, data: '' })));
    await editor.waitFor();
    await app.page.keyboard.insertText('不要');
    await app.page.keyboard.press('Escape');
    await editor.waitFor({ state: 'detached' });
    // The cell stays selected: read it from the cell bar. (Clicking it again right after the click
    // above would be a double click, which opens the grid's own editor and takes Ctrl+Z.)
    expect(await grid.current()).toMatchObject({ row: 3, value: '中文名' });
    // The grid takes focus back as the editor closes; Ctrl+Z is the grid's key.
    await expect.poll(() => app!.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('data-grid-canvas');
    await app.page.keyboard.press('Control+z');
    await expect.poll(async () => (await grid.current()).value, { timeout: 15_000 }).toBe('买家4');
  });
});
