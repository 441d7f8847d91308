/**
 * Desktop file access by grant, end to end in one process: the real main bundle (against the
 * electron stand-in) and a real engine as its utility process. The page (a client on the port
 * main hands the window) may use exactly the paths the user chose — in a dialog, by a drop, from
 * the recent list, or through the OS (argv, a second instance, macOS open-file) — and no other.
 */
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPC } from '../../../shared/desktop-ipc';
import type { MenuCommand } from '../../../shared/desktop-bridge';
import { Engine } from '../../../electron/engine/host/engine';
import { EngineProcess } from '../../../electron/main/engine-process';
import { APP_ENTRY_URL } from '../../../electron/main/security';
import { recentProjectsFile } from '../../../electron/main/recent-projects';
import { bootMain, bundleMain, type BootedMain, type MenuItem } from '../../helpers/electron-stand-in';
import { tempDir } from '../../helpers/temp';

const tmp = tempDir('kequn-desktop-grants-');
const files = join(tmp.dir, 'files');
const userData = join(tmp.dir, 'user-data');
const csv = (name: string): string => {
  const path = join(files, name);
  writeFileSync(path, '客户,金额\n张三,1\n李四,2\n');
  return path;
};

let main: BootedMain;
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

/** Waits until `check` passes (messages cross asynchronously, as between processes). */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

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

  main = bootMain(await bundleMain(), { userData, argv: ['/opt/kequn/kequn', paths.argvProject, paths.argvWorkbook], appEntryUrl: APP_ENTRY_URL });
  await main.becomeReady();
  main.windows[0]!.webContents.emit('did-finish-load');
  await main.invoke(IPC.requestEnginePort);
  await until(() => main.windows[0]!.webContents.ports.length === 1, 'the engine port');
});

afterAll(() => {
  main?.appEvents.emit('before-quit');
  tmp.cleanup();
});

describe('desktop: the engine uses only paths the user chose', () => {
  it('refuses a path nobody chose, for reading, writing and as a project', async () => {
    const page = main.pageClient();
    await expect(page.call('import.preview', { path: paths.notChosen })).rejects.toMatchObject({ code: 'PATH_NOT_GRANTED' });
    await expect(page.call('project.open', { path: join(files, '别处.kequn'), create: true })).rejects.toMatchObject({ code: 'PATH_NOT_GRANTED' });
    expect(existsSync(join(files, '别处.kequn'))).toBe(false);
  });

  it('file association: the project and workbook on the command line', async () => {
    expect(commands()).toEqual(
      expect.arrayContaining([
        { type: 'openProject', path: paths.argvProject },
        { type: 'importData', paths: [paths.argvWorkbook] },
      ]),
    );
    const page = main.pageClient();
    expect((await page.call('project.open', { path: paths.argvProject })).path).toBe(paths.argvProject);
    expect((await page.call('import.preview', { path: paths.argvWorkbook })).rows).toHaveLength(2);
    // A workbook granted for reading is not a place to write to.
    const ds = (await page.call('import.run', { path: paths.argvWorkbook })).datasets[0]!;
    await expect(page.call('exports.dataset', { datasetId: ds.id, path: paths.argvWorkbook, format: 'csv' })).rejects.toMatchObject({ code: 'PATH_NOT_GRANTED' });
  });

  it('a second instance and macOS open-file hand their workbooks over with a grant', async () => {
    main.appEvents.emit('second-instance', {}, ['/opt/kequn/kequn', paths.secondInstance], tmp.dir);
    main.appEvents.emit('open-file', { preventDefault: () => undefined }, paths.openFile);
    await until(() => commands().filter((c) => c.type === 'importData').length === 3, 'two more importData commands');
    const page = main.pageClient();
    expect((await page.call('import.preview', { path: paths.secondInstance })).rows).toHaveLength(2);
    expect((await page.call('import.preview', { path: paths.openFile })).rows).toHaveLength(2);
  });

  it('the open dialog: the page gets the path only once the engine may read it', async () => {
    main.dialogs.open = [paths.dialogWorkbook];
    expect(await main.invoke(IPC.openWorkbookDialog)).toEqual([paths.dialogWorkbook]);
    // No waiting here: the grant is in force when the dialog's answer arrives.
    expect((await main.pageClient().call('import.preview', { path: paths.dialogWorkbook })).rows).toHaveLength(2);
  });

  it('the save dialog: exports go where it said, and nowhere else', async () => {
    const page = main.pageClient();
    const ds = (await page.call('datasets.list', {}))[0]!;
    const chosen = join(files, '导出.csv');
    main.dialogs.save = chosen;
    expect(await main.invoke(IPC.saveReportDialog, { defaultName: '导出.csv', format: 'csv' })).toBe(chosen);
    expect((await page.call('exports.dataset', { datasetId: ds.id, path: chosen, format: 'csv' })).rows).toBeGreaterThan(0);
    expect(existsSync(chosen)).toBe(true);
    const beside = join(files, '导出-2.csv');
    await expect(page.call('exports.dataset', { datasetId: ds.id, path: beside, format: 'csv' })).rejects.toMatchObject({ code: 'PATH_NOT_GRANTED' });
    expect(existsSync(beside)).toBe(false);
  });

  it('a drop on the window: workbooks reach the page after their grant', async () => {
    await main.invoke(IPC.dropFiles, [paths.dropped]);
    const sent = main.windows[0]!.webContents.sent;
    await until(() => sent.some(([c, p]) => c === IPC.filesDropped && JSON.stringify(p).includes(paths.dropped)), 'the dropped files');
    expect((await main.pageClient().call('import.preview', { path: paths.dropped })).rows).toHaveLength(2);
  });

  it('the recent list: a project there opens once the user picks it from the menu', async () => {
    const page = main.pageClient();
    await expect(page.call('project.open', { path: paths.recentProject })).rejects.toMatchObject({ code: 'PATH_NOT_GRANTED' });
    const file = main.menus.at(-1)!.find((m) => m.id === 'file')!;
    const recent = file.submenu!.find((m) => m.id === 'recent-projects')!.submenu!;
    const item = recent.find((m: MenuItem) => m.label?.includes(paths.recentProject))!;
    item.click!();
    await until(() => commands().some((c) => c.type === 'openProject' && c.path === paths.recentProject), 'the openProject command');
    expect((await page.call('project.open', { path: paths.recentProject })).path).toBe(paths.recentProject);
  });

  it('the new-project dialog grants the place for a new project file; save-as too', async () => {
    const page = main.pageClient();
    const created = join(files, '新项目.kequn');
    main.dialogs.save = created;
    expect(await main.invoke(IPC.saveProjectDialog, '新项目.kequn')).toBe(created);
    expect((await page.call('project.open', { path: created, create: true })).path).toBe(created);
    const copy = join(files, '副本.kequn');
    main.dialogs.save = copy;
    await main.invoke(IPC.saveProjectDialog, '副本.kequn');
    expect((await page.call('project.saveAs', { path: copy })).path).toBe(copy);
  });

  it('after an engine crash the new engine has every grant again, and still refuses the rest', async () => {
    const before = main.children.length;
    main.children.at(-1)!.crash(3);
    await until(() => main.children.length === before + 1 && main.windows[0]!.webContents.ports.length === 2, 'the restarted engine and its port');
    const page = main.pageClient();
    expect((await page.call('import.preview', { path: paths.dialogWorkbook })).rows).toHaveLength(2);
    expect((await page.call('project.open', { path: paths.recentProject })).path).toBe(paths.recentProject);
    await expect(page.call('import.preview', { path: paths.notChosen })).rejects.toMatchObject({ code: 'PATH_NOT_GRANTED' });
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
