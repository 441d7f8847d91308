/**
 * The desktop paths a user takes, end to end: a native menu item or a drop, main's dialog and
 * grant, the command through the real preload to the renderer's own subscriber, and then the
 * engine call the UI makes with what it got — against the real engine in the stand-in's utility
 * process. New project, import from the menu, drop, save as, open, and export of a report (the
 * renderer's own save-place code asks main's save dialog). Each step checks the file on disk.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootMain, findMenuItem, loadRendererModule, openNodePage, type BootedMain, type NodePage } from '../../helpers/electron-stand-in';
import { startDesktopRenderer, type DesktopRenderer } from '../../helpers/desktop-renderer';
import { tempDir } from '../../helpers/temp';
import { until } from '../../helpers/until';

const tmp = tempDir('kequn-desktop-paths-');
const files = join(tmp.dir, 'files');
const created = join(files, '新客户项目.kequn');
const copy = join(files, '客户项目-副本.kequn');
const menuWorkbook = join(files, '客户RFM.csv');
const droppedWorkbook = join(files, '拖入订单.csv');
const reportPath = join(files, '细分报告.xlsx');

let main: BootedMain;
let page: NodePage;
let r: DesktopRenderer;
let placeToWrite: (path: string, chosenInDialog: string | null, format: 'xlsx' | 'csv') => Promise<string | null>;

/** Clicks a File menu item of the current menu, as the user would. */
function click(id: string): void {
  const item = findMenuItem(main.menus.at(-1) ?? [], id);
  if (!item?.click) throw new Error(`no clickable menu item ${id}`);
  item.click();
}

beforeAll(async () => {
  mkdirSync(files, { recursive: true });
  const rows = Array.from({ length: 16 }, (_, i) => `KH${String(i + 1).padStart(2, '0')},${(i * 13) % 90},${1 + (i % 5)},${(120 + i * 41.5).toFixed(2)}`);
  writeFileSync(menuWorkbook, ['客户编号,R,F,M', ...rows].join('\n') + '\n');
  writeFileSync(droppedWorkbook, '订单号,客户,金额\nD1,张三,10.5\nD2,李四,20\nD3,张三,7\n');
  main = bootMain({ userData: join(tmp.dir, 'user-data'), platform: 'linux' });
  await main.becomeReady();
  page = openNodePage(main);
  r = await startDesktopRenderer(page);
  await r.connected();
  ({ placeToWrite } = await loadRendererModule<{ placeToWrite: typeof placeToWrite }>('features/report/save-place.ts'));
});

afterAll(async () => {
  r?.stop();
  await main?.quit();
  tmp.cleanup();
});

describe('desktop paths through the menu, the preload and the renderer to the engine', () => {
  it('文件 › 新建项目: the save dialog, then the page creates the project where the user said', async () => {
    main.dialogs.save = created;
    click('new-project');
    await until(() => r.seen.openProject.length === 1, 'the newProject command at the renderer');
    expect(r.seen.openProject).toEqual([{ path: created, create: true }]);
    expect(main.dialogs.asked.at(-1)?.kind).toBe('save');
    expect((await r.client.call('project.open', { path: created, create: true })).path).toBe(created);
    expect(statSync(created).size).toBeGreaterThan(0);
  });

  it('文件 › 导入数据: the chosen workbook reaches the import subscriber and the engine imports it', async () => {
    main.dialogs.open = [menuWorkbook];
    click('import-data');
    await until(() => r.seen.imports.includes(menuWorkbook), 'the importData command at the import subscriber');
    expect(r.seen.imports).toEqual([menuWorkbook]);
    const imported = await r.client.call('import.run', { path: menuWorkbook });
    expect(imported.datasets).toHaveLength(1);
    expect(imported.datasets[0]!.rows).toBe(16);
  });

  it('a workbook dropped on the window goes through the preload bridge to the import subscriber, and imports', async () => {
    const before = r.seen.imports.length;
    expect(page.window.drop([droppedWorkbook]).defaultPrevented).toBe(true);
    await until(() => r.seen.imports.length > before, 'the dropped workbook at the import subscriber');
    expect(r.seen.imports.slice(before)).toEqual([droppedWorkbook]);
    const imported = await r.client.call('import.run', { path: droppedWorkbook });
    expect(imported.datasets[0]!.rows).toBe(3);
    expect((await r.client.call('datasets.list', {})).map((d) => d.rowCount).sort((a, b) => a - b)).toEqual([3, 16]);
  });

  it('文件 › 导出报告: the renderer asks main for the place, and the engine writes the report there only', async () => {
    const rfmId = (await r.client.call('datasets.list', {})).find((d) => d.rowCount === 16)!.id;
    const seg = (await r.client.call('segment.rfm8', { datasetId: rfmId, name: 'RFM 八类' })).segmentation!;
    click('export-report');
    await until(() => r.seen.exportReport === 1, 'the exportReport command at the renderer');
    // The report view's save step: a path typed on screen is not writable until the dialog names it.
    await expect(r.client.call('exports.report', { segmentationId: seg.id, path: reportPath })).rejects.toMatchObject({ code: 'PATH_NOT_GRANTED' });
    main.dialogs.save = null;
    expect(await placeToWrite(reportPath, null, 'xlsx')).toBeNull();
    main.dialogs.save = reportPath;
    const place = await placeToWrite(reportPath, null, 'xlsx');
    expect(place).toBe(reportPath);
    expect(main.dialogs.asked.at(-1)).toMatchObject({ kind: 'save' });
    const report = await r.client.call('exports.report', { segmentationId: seg.id, path: place! });
    expect(report.path).toBe(reportPath);
    expect(report.customers).toBe(16);
    // An xlsx is a zip file.
    expect(readFileSync(reportPath).subarray(0, 2).toString('latin1')).toBe('PK');
    // Chosen in the dialog already: no second question.
    const asked = main.dialogs.asked.length;
    expect(await placeToWrite(reportPath, reportPath, 'xlsx')).toBe(reportPath);
    expect(main.dialogs.asked).toHaveLength(asked);
  });

  it('文件 › 另存为: the copy holds both datasets; 文件 › 打开项目 opens the first file again', async () => {
    main.dialogs.save = copy;
    click('save-project-as');
    await until(() => r.seen.saveProjectAs.length === 1, 'the saveProjectAs command at the renderer');
    expect(r.seen.saveProjectAs).toEqual([copy]);
    expect((await r.client.call('project.saveAs', { path: copy })).path).toBe(copy);
    expect(existsSync(copy)).toBe(true);
    expect((await r.client.call('project.info', {})).path).toBe(copy);
    expect(await r.client.call('datasets.list', {})).toHaveLength(2);

    main.dialogs.open = [created];
    click('open-project');
    await until(() => r.seen.openProject.length === 2, 'the openProject command at the renderer');
    expect(r.seen.openProject.at(-1)).toEqual({ path: created, create: false });
    expect((await r.client.call('project.open', { path: created })).path).toBe(created);
    expect(await r.client.call('datasets.list', {})).toHaveLength(2);
    // Both files are on the recent list in the menu.
    const recent = findMenuItem(main.menus.at(-1)!, 'recent-projects')!.submenu!.map((m) => m.label ?? '');
    expect(recent.some((l) => l.includes(created))).toBe(true);
    expect(recent.some((l) => l.includes(copy))).toBe(true);
  });

  it('a cancelled dialog sends nothing to the page', async () => {
    const sent = main.windows[0]!.webContents.sent.length;
    main.dialogs.open = [];
    main.dialogs.save = null;
    click('import-data');
    click('open-project');
    click('save-project-as');
    click('new-project');
    await new Promise((res) => setTimeout(res, 100));
    expect(main.windows[0]!.webContents.sent).toHaveLength(sent);
  });
});
