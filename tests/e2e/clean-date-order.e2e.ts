import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../electron/engine/store/project-store';
import { writeOneDatasetProject } from './fixture-project';
import { columnValues } from '../helpers/import-project';
import { CHROMIUM_SKIP_MESSAGE, hasChromium, startApp, type RunningApp } from './harness';
import { AppPage } from './pages/app-page';
import { CleanPage } from './pages/clean-page';

if (!hasChromium) console.warn(CHROMIUM_SKIP_MESSAGE);

/**
 * Issue 19: the cleaning view's 转换类型 form has the day/month order selector of the import
 * preview, with the column's evidence (cells only one order reads) and the ambiguous flag.
 */
describe.skipIf(!hasChromium)('change type: day/month order in the cleaning view', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kequn-e2e-date-order-'));
  const path = join(dir, 'dates.kequn');
  let app: RunningApp | null = null;
  let shell: AppPage;
  let clean: CleanPage;

  beforeAll(async () => {
    writeOneDatasetProject(path, '日期', [['美式', 'text'], ['两可', 'text']], [
        ['7/24/2018 15:03', '3/4/2018'],
        ['10/2/2017 10:56', '5/6/2018'],
        ['12/31/2018 0:00', '1/2/2019'],
      ], '日期.csv');
    app = await startApp({ projectPath: path, name: 'clean-date-order' });
    shell = new AppPage(app.page);
    clean = new CleanPage(app.page);
    await shell.waitReady();
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const evidence = () => clean.byTestId('clean-date-order-evidence');

  it('flags an ambiguous column and applies the order the user picks', async () => {
    await shell.openDatasetView('日期', 'clean');
    await clean.byTestId('clean-view').waitFor();
    await clean.chooseOperation('changeType');
    await clean.byTestId('clean-column').selectOption('两可');
    await clean.byTestId('clean-type').selectOption('date');
    await expect.poll(() => evidence().getAttribute('data-ambiguous')).toBe('true');
    expect(await evidence().getAttribute('data-both')).toBe('3');
    expect(await clean.byTestId('clean-date-order-ambiguous').innerText()).toContain('无法判断顺序');
    expect(await clean.byTestId('clean-date-order-select').inputValue()).toBe('auto');
    await clean.byTestId('clean-date-order-select').selectOption('dmy');
    await clean.byTestId('clean-preview-button').click();
    await expect.poll(() => clean.byTestId('clean-preview').getAttribute('data-affected')).toBe('3');
    // 3/4/2018 read day first: 3 April.
    expect(await clean.byTestId('clean-preview-row').first().locator('.k-clean__after').innerText()).toBe(String(Date.UTC(2018, 3, 3)));
    await clean.byTestId('clean-apply-button').click();
    await clean.byTestId('clean-applied').waitFor();
  });

  it('shows the evidence of a US column, and the cells a contrary order would lose', async () => {
    await clean.byTestId('clean-column').selectOption('美式');
    await clean.byTestId('clean-type').selectOption('datetime');
    await expect.poll(() => evidence().getAttribute('data-mdy')).toBe('2');
    expect(await evidence().getAttribute('data-dmy')).toBe('0');
    expect(await evidence().getAttribute('data-both')).toBe('1');
    expect(await evidence().getAttribute('data-auto')).toBe('mdy');
    expect(await evidence().innerText()).toContain('月/日/年');
    expect(await clean.byTestId('clean-date-order-ambiguous').count()).toBe(0);
    await clean.byTestId('clean-date-order-select').selectOption('dmy');
    await expect.poll(() => clean.byTestId('clean-date-order-conflict').getAttribute('data-count')).toBe('2');
    await clean.byTestId('clean-date-order-select').selectOption('auto');
    await expect.poll(() => clean.byTestId('clean-date-order-conflict').count()).toBe(0);
    // 应用 is possible only after a preview of the settings as they are.
    await clean.byTestId('clean-preview-button').click();
    await clean.byTestId('clean-preview').waitFor();
    await clean.byTestId('clean-apply-button').click();
    await clean.byTestId('clean-applied').waitFor();
    await expect.poll(() => clean.steps()).toEqual([{ state: 'applied' }, { state: 'applied' }]);
    await app!.close();
    app = null;
    const store = ProjectStore.open(path);
    try {
      const id = store.listDatasets().find((d) => d.name === '日期')!.id;
      expect(columnValues(store, id, '两可')).toEqual([Date.UTC(2018, 3, 3), Date.UTC(2018, 5, 5), Date.UTC(2019, 1, 1)]);
      expect(columnValues(store, id, '美式')).toEqual([Date.UTC(2018, 6, 24, 15, 3), Date.UTC(2017, 9, 2, 10, 56), Date.UTC(2018, 11, 31)]);
    } finally {
      store.close();
    }
  });
});
