/**
 * Desktop file access by grant, end to end: the real main bundle against the electron stand-in,
 * the real engine as its utility process, and a page running the real preload and the renderer's
 * engine connection. The page may use exactly the paths the user chose — in a dialog, by a drop,
 * from the recent list, or through the OS (argv, a second instance, macOS open-file) — and no other.
 */
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPC } from '../../../shared/desktop-ipc';
import type { MenuCommand } from '../../../shared/desktop-bridge';
import { Engine } from '../../../electron/engine/host/engine';
import { EngineProcess } from '../../../electron/main/engine-process';
import { recentProjectsFile } from '../../../electron/main/recent-projects';
import { bootMain, findMenuItem, openNodePage, type BootedMain, type NodePage } from '../../helpers/electron-stand-in';
import { startDesktopRenderer, type DesktopRenderer } from '../../helpers/desktop-renderer';
import { tempDir } from '../../helpers/temp';
import { until } from '../../helpers/until';

const tmp = tempDir('kequn-desktop-grants-');
const files = join(tmp.dir, 'files');
const userData = join(tmp.dir, 'user-data');
const csv = (name: string): string => {
  const path = join(files, name);
  writeFileSync(path, '客户,金额\n张三,1\n李四,2\n');
  return path;
};

let main: BootedMain;
let page: NodePage;
let r: DesktopRenderer;
const paths = {
  argvProject: join(files, '双击打开.kequn'),
  recentProject: join(files, '最近.kequn'),
  argvWorkbook: '',
  secondInstance: '',
  openFile: '',
  dialogWorkbook: '',
  dropped: '',
  notChosen: '',
};

const commands = (): MenuCommand[] => main.windows[0]!.webContents.sent.filter(([c]) => c === IPC.menuCommand).map(([, p]) => p as MenuCommand);

beforeAll(async () => {
  mkdirSync(files, { recursive: true });
  mkdirSync(userData, { recursive: true });
  paths.argvWorkbook = csv('订单-双击.csv');
  paths.secondInstance = csv('订单-第二次启动.csv');
  paths.openFile = csv('订单-访达.csv');
  paths.dialogWorkbook = csv('订单-对话框.csv');
  paths.dropped = csv('订单-拖入.csv');
  paths.notChosen = csv('没有选过.csv');
  // Two real project files, made by an engine that may use any path (as the CLI is).
  const maker = new Engine({ dataDir: join(tmp.dir, 'maker'), log: () => undefined });
  const c = maker.createClient();
  await c.call('project.open', { path: paths.argvProject, create: true });
  await c.call('project.open', { path: paths.recentProject, create: true });
  c.close();
  maker.dispose();
  // The recent list main keeps (from an earlier session).
  writeFileSync(recentProjectsFile(userData), JSON.stringify([{ path: paths.recentProject, name: '最近', openedAt: new Date().toISOString() }]));

  main = bootMain({ userData, argv: ['/opt/kequn/kequn', paths.argvProject, paths.argvWorkbook] });
  await main.becomeReady();
  page = openNodePage(main);
  r = await startDesktopRenderer(page);
  await r.connected();
});

afterAll(async () => {
  r?.stop();
  await main?.quit();
  tmp.cleanup();
});

describe('desktop: the engine uses only paths the user chose', () => {
  it('refuses a path nobody chose, for reading, writing and as a project', async () => {
    await expect(r.client.call('import.preview', { path: paths.notChosen })).rejects.toMatchObject({ code: 'PATH_NOT_GRANTED' });
    await expect(r.client.call('project.open', { path: join(files, '别处.kequn'), create: true })).rejects.toMatchObject({ code: 'PATH_NOT_GRANTED' });
    expect(existsSync(join(files, '别处.kequn'))).toBe(false);
  });

  it('file association: the project and workbook on the command line', async () => {
    expect(commands()).toEqual(expect.arrayContaining([{ type: 'openProject', path: paths.argvProject }]));
    await until(() => r.seen.imports.includes(paths.argvWorkbook), 'the argv workbook at the import subscriber');
    expect(r.seen.openProject).toContainEqual({ path: paths.argvProject, create: false });
    expect((await r.client.call('project.open', { path: paths.argvProject })).path).toBe(paths.argvProject);
    expect((await r.client.call('import.preview', { path: paths.argvWorkbook })).rows).toHaveLength(2);
    // A workbook granted for reading is not a place to write to.
    const ds = (await r.client.call('import.run', { path: paths.argvWorkbook })).datasets[0]!;
    await expect(r.client.call('exports.dataset', { datasetId: ds.id, path: paths.argvWorkbook, format: 'csv' })).rejects.toMatchObject({ code: 'PATH_NOT_GRANTED' });
  });

  it('a second instance and macOS open-file hand their workbooks over with a grant', async () => {
    main.appEvents.emit('second-instance', {}, ['/opt/kequn/kequn', paths.secondInstance], tmp.dir);
    main.appEvents.emit('open-file', { preventDefault: () => undefined }, paths.openFile);
    await until(() => r.seen.imports.includes(paths.secondInstance) && r.seen.imports.includes(paths.openFile), 'two more workbooks to import');
    expect((await r.client.call('import.preview', { path: paths.secondInstance })).rows).toHaveLength(2);
    expect((await r.client.call('import.preview', { path: paths.openFile })).rows).toHaveLength(2);
  });

  it('the open dialog: the page gets the path only once the engine may read it', async () => {
    main.dialogs.open = [paths.dialogWorkbook];
    expect(await page.bridge.openWorkbookDialog()).toEqual([paths.dialogWorkbook]);
    // No waiting here: the grant is in force when the dialog's answer arrives.
    expect((await r.client.call('import.preview', { path: paths.dialogWorkbook })).rows).toHaveLength(2);
  });

  it('the save dialog: exports go where it said, and nowhere else', async () => {
    const ds = (await r.client.call('datasets.list', {}))[0]!;
    const chosen = join(files, '导出.csv');
    main.dialogs.save = chosen;
    expect(await page.bridge.saveReportDialog({ defaultName: '导出.csv', format: 'csv' })).toBe(chosen);
    expect((await r.client.call('exports.dataset', { datasetId: ds.id, path: chosen, format: 'csv' })).rows).toBeGreaterThan(0);
    expect(existsSync(chosen)).toBe(true);
    const beside = join(files, '导出-2.csv');
    await expect(r.client.call('exports.dataset', { datasetId: ds.id, path: beside, format: 'csv' })).rejects.toMatchObject({ code: 'PATH_NOT_GRANTED' });
    expect(existsSync(beside)).toBe(false);
  });

  it('a drop on the window: workbooks reach the page after their grant', async () => {
    page.window.drop([paths.dropped]);
    await until(() => r.seen.imports.includes(paths.dropped), 'the dropped workbook at the import subscriber');
    expect((await r.client.call('import.preview', { path: paths.dropped })).rows).toHaveLength(2);
  });

  it('the recent list: a project there opens once the user picks it from the menu', async () => {
    await expect(r.client.call('project.open', { path: paths.recentProject })).rejects.toMatchObject({ code: 'PATH_NOT_GRANTED' });
    const recent = findMenuItem(main.menus.at(-1)!, 'recent-projects')!.submenu!;
    const item = recent.find((m) => m.label?.includes(paths.recentProject))!;
    item.click!();
    await until(() => r.seen.openProject.some((c) => c.path === paths.recentProject), 'the openProject command');
    expect((await r.client.call('project.open', { path: paths.recentProject })).path).toBe(paths.recentProject);
  });

  it('the new-project dialog grants the place for a new project file; save-as too', async () => {
    const created = join(files, '新项目.kequn');
    main.dialogs.save = created;
    expect(await page.bridge.saveProjectDialog('新项目.kequn')).toBe(created);
    expect((await r.client.call('project.open', { path: created, create: true })).path).toBe(created);
    const copy = join(files, '副本.kequn');
    main.dialogs.save = copy;
    await page.bridge.saveProjectDialog('副本.kequn');
    expect((await r.client.call('project.saveAs', { path: copy })).path).toBe(copy);
  });

  it('after an engine crash the new engine has every grant again, and still refuses the rest', async () => {
    const epoch = r.connection.epoch();
    main.engine().crash(3);
    await r.connected(epoch + 1);
    expect((await r.client.call('import.preview', { path: paths.dialogWorkbook })).rows).toHaveLength(2);
    expect((await r.client.call('project.open', { path: paths.recentProject })).path).toBe(paths.recentProject);
    await expect(r.client.call('import.preview', { path: paths.notChosen })).rejects.toMatchObject({ code: 'PATH_NOT_GRANTED' });
  });
});

describe('EngineProcess.grant', () => {
  /** A scripted utility process: records what main posts, answers only when told. */
  function scripted() {
    const timers: (() => void)[] = [];
    const posted: unknown[] = [];
    let child: (EventEmitter & { postMessage(m: unknown): void; kill(): boolean; pid: number }) | null = null;
    const proc = new EngineProcess({
      modulePath: '/app/dist/engine/utility.mjs',
      userData: '/u',
      fork: () => {
        const c = Object.assign(new EventEmitter(), { pid: 1, postMessage: (m: unknown) => posted.push(m), kill: () => true });
        child = c;
        return c;
      },
      createChannel: () => ({ port1: {} as never, port2: {} as never }),
      schedule: (fn) => timers.push(fn),
    });
    return { proc, posted, timers, child: () => child! };
  }

  it('once a page is connected, resolves only when the engine confirms; an unanswered grant gives up after the timeout', async () => {
    const s = scripted();
    s.proc.start();
    s.proc.attach({ id: 1, isDestroyed: () => false, postEnginePort: () => undefined });
    s.proc.reconnect(1);
    let done = false;
    const granted = s.proc.grant('/w/a.xlsx', 'read').then(() => (done = true));
    await new Promise((r) => setImmediate(r));
    expect(done).toBe(false);
    expect(s.posted).toEqual([{ type: 'connect' }, { type: 'grant', id: 1, path: '/w/a.xlsx', access: 'read' }]);
    s.child().emit('message', { type: 'granted', id: 1 });
    await granted;
    const lost = s.proc.grant('/w/b.xlsx', 'read');
    for (const t of s.timers.splice(0)) t();
    await expect(lost).resolves.toBeUndefined();
  });

  it('before any page is connected the grant needs no round trip; a new engine gets all of them first', async () => {
    const s = scripted();
    await s.proc.grant('/p/a.kequn', 'project');
    s.proc.start();
    await s.proc.grant('/w/a.csv', 'read');
    expect(s.posted).toEqual([
      { type: 'grant', id: 0, path: '/p/a.kequn', access: 'project' },
      { type: 'grant', id: 0, path: '/w/a.csv', access: 'read' },
    ]);
  });
});
