/**
 * Desktop smoke test with Playwright's Electron support: start the real app (main, preload,
 * engine utility process, renderer) on a fresh project, import a workbook through the File menu
 * command path (main → preload → page → engine), see the dataset listed, and check the file.
 * Runs where Electron can be downloaded: `npm run test:electron` (CI: .github/workflows/desktop.yml).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { ProjectStore } from '../../electron/engine/store/project-store';
import { tempDir } from '../helpers/temp';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tmp = tempDir('kequn-electron-');
const projectPath = join(tmp.dir, '冒烟测试.kequn');
const workbookPath = join(tmp.dir, '客户名单.xlsx');

let app: ElectronApplication;
let page: Page;

beforeAll(async () => {
  ProjectStore.open(projectPath, { create: true }).close();
  const sheet = XLSX.utils.aoa_to_sheet([
    ['客户编号', '客户名称', '城市', '累计金额'],
    ['C001', '上海华东贸易有限公司', '上海', 12800.5],
    ['C002', '北京远景科技', '北京', 860],
    ['C003', '广州南粤商行', '广州', 4300],
  ]);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, '客户名单');
  XLSX.writeFile(book, workbookPath);

  // The project path on the command line is how a double-click opens a project on Windows/Linux.
  app = await electron.launch({
    args: [root, projectPath],
    cwd: root,
    env: { ...process.env, KEQUN_USER_DATA: join(tmp.dir, 'user-data'), ELECTRON_ENABLE_LOGGING: '1' },
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

afterAll(async () => {
  await app?.close();
  tmp.cleanup();
});

describe('desktop app', () => {
  it('opens a secure window on our page with Chinese menus', async () => {
    expect(page.url()).toBe('kequn://app/index.html');
    // The page has the bridge and nothing of Node.
    expect(await page.evaluate(() => Object.keys((window as unknown as { kequnDesktop: object }).kequnDesktop).sort())).toEqual(
      ['onFilesDropped', 'onMenuCommand', 'openProjectDialog', 'openWorkbookDialog', 'platform', 'saveProjectDialog', 'saveReportDialog', 'setLanguage'],
    );
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    const menus = await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.items.map((i) => i.label) ?? []);
    expect(menus).toEqual(expect.arrayContaining(['文件', '编辑', '视图', '帮助']));
  });

  it('opens the project given on the command line', async () => {
    await expect.poll(() => page.getByText('冒烟测试').count(), { timeout: 30_000 }).toBeGreaterThan(0);
  });

  it('imports a workbook handed over by a second start (double-click) and lists the dataset', async () => {
    // Through main, so main grants the path to the engine (a path sent straight to the page would
    // be refused: the desktop engine uses only paths the user chose). Not packaged: argv[1] is the app folder.
    await app.evaluate(({ app: electronApp }, path) => {
      electronApp.emit('second-instance', {}, [process.execPath, '.', path], process.cwd());
    }, workbookPath);
    // The import view opens with the path filled in and previews it; the user confirms.
    await page.getByTestId('import-preview-table').waitFor({ timeout: 60_000 });
    await page.getByTestId('import-run').click();
    await expect.poll(() => page.getByText('客户名单').count(), { timeout: 60_000 }).toBeGreaterThan(0);
  });

  it('the import is in the project file', async () => {
    await expect
      .poll(
        () => {
          const store = ProjectStore.open(projectPath);
          try {
            return store.listDatasets().map((d) => d.rowCount);
          } finally {
            store.close();
          }
        },
        { timeout: 30_000 },
      )
      .toEqual([3]);
  });
});
