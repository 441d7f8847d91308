/**
 * Every command main can send to a window has a subscriber in the renderer. The real main bundle,
 * booted against the electron stand-in with the real engine, is driven through every menu item
 * (both languages), files from the OS, a drop on the window and an engine restart, while a page
 * runs the real preload and the renderer's own subscribers. The commands main sends must be
 * exactly the sampled ones (tests/helpers/menu-commands.ts, which a new command type cannot
 * skip), and each must reach its subscriber. That the app mounts those subscribers and the UI
 * reacts is checked in Chromium (tests/e2e/desktop-mode.e2e.ts).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MenuCommand, MenuCommandType } from '../../../shared/desktop-bridge';
import { IPC } from '../../../shared/desktop-ipc';
import { bootMain, clickableItems, openNodePage, type BootedMain, type NodePage } from '../../helpers/electron-stand-in';
import { startDesktopRenderer, type DesktopRenderer } from '../../helpers/desktop-renderer';
import { MENU_COMMAND_TYPES, type MenuCommandOf } from '../../helpers/menu-commands';
import { tempDir } from '../../helpers/temp';
import { until } from '../../helpers/until';

const tmp = tempDir('kequn-menu-commands-');
const project = join(tmp.dir, '客户.kequn');
const workbook = join(tmp.dir, '订单.csv');
const dropped = join(tmp.dir, '拖入.csv');
const saved = join(tmp.dir, '另存.kequn');
let b: BootedMain;
let page: NodePage;
let r: DesktopRenderer;
const states: string[] = [];

beforeAll(async () => {
  writeFileSync(project, '');
  writeFileSync(workbook, '客户,金额\n张三,1\n');
  writeFileSync(dropped, '客户,金额\n李四,2\n');
  b = bootMain({ userData: join(tmp.dir, 'user-data'), argv: ['/opt/kequn/kequn', project, workbook], platform: 'linux' });
  await b.becomeReady();
  page = openNodePage(b);
  r = await startDesktopRenderer(page);
  await r.connected();
  r.connection.onChange(() => states.push(r.connection.state()));
});

afterAll(async () => {
  r?.stop();
  await b?.quit();
  tmp.cleanup();
});

const sentCommands = (): MenuCommand[] => b.windows[0]!.webContents.sent.filter(([c]) => c === IPC.menuCommand).map(([, p]) => p as MenuCommand);

/** Dialog answers per menu item: a project where a project is asked for, a workbook for import. */
function answerFor(id: string | undefined): void {
  b.dialogs.open = id === 'import-data' ? [workbook] : [project];
  b.dialogs.save = saved;
}

describe('menu commands: what main sends is what the renderer handles', () => {
  it('main sends exactly the sampled command types, from menus, OS files, drops and engine restarts', async () => {
    // Every item of the menu in both languages (the language items switch it), dialogs answering.
    for (let round = 0; round < 2; round++) {
      for (const item of clickableItems(b.menus.at(-1) ?? [])) {
        answerFor(item.id);
        item.click?.();
        await new Promise((res) => setTimeout(res, 20));
      }
    }
    b.appEvents.emit('second-instance', {}, ['/opt/kequn/kequn', workbook], tmp.dir);
    b.appEvents.emit('open-file', { preventDefault: () => undefined }, project);
    expect(page.window.drop([dropped, project]).defaultPrevented).toBe(true);
    const epoch = r.connection.epoch();
    b.engine().crash(1);
    await r.connected(epoch + 1);
    await until(() => sentCommands().some((c) => c.type === 'engineState' && c.state === 'running'), 'engineState running');

    const types = [...new Set(sentCommands().map((c) => c.type))].sort();
    expect(types).toEqual([...MENU_COMMAND_TYPES].sort());
    // Dropped workbooks travel on their own channel (onFilesDropped in the renderer); projects open.
    await until(() => b.windows[0]!.webContents.sent.some(([c]) => c === IPC.filesDropped), 'the dropped workbook');
    expect(b.windows[0]!.webContents.sent).toContainEqual([IPC.filesDropped, { paths: [dropped] }]);
  });

  it('each command type main sent reached a renderer subscriber', async () => {
    await until(() => r.seen.imports.includes(dropped), 'the drop at the import subscriber');
    const sent = sentCommands();
    const last = <T extends MenuCommandType>(type: T): MenuCommandOf<T> => sent.filter((c): c is MenuCommandOf<T> => c.type === type).at(-1)!;
    // One check per type: a type added to MenuCommand without a check here fails to compile.
    const checks: { [T in MenuCommandType]: (c: MenuCommandOf<T>) => void } = {
      newProject: (c) => expect(r.seen.openProject).toContainEqual({ path: c.path, create: true }),
      openProject: (c) => expect(r.seen.openProject).toContainEqual({ path: c.path, create: false }),
      saveProjectAs: (c) => expect(r.seen.saveProjectAs).toContain(c.path),
      importData: (c) => expect(r.seen.imports).toEqual(expect.arrayContaining(c.paths)),
      exportReport: () => expect(r.seen.exportReport).toBe(sent.filter((c) => c.type === 'exportReport').length),
      setLanguage: () => expect(r.seen.setLanguage).toEqual(sent.filter((c) => c.type === 'setLanguage').map((c) => (c as MenuCommandOf<'setLanguage'>).language)),
      engineState: () => expect(states).toEqual(expect.arrayContaining(['reconnecting', 'connected'])),
    };
    for (const type of MENU_COMMAND_TYPES) (checks[type] as (c: MenuCommand) => void)(last(type));
    // The argv workbook, the menu's and the second start's, and the drop: all at the import subscriber.
    expect(r.seen.imports.filter((p) => p === workbook).length).toBeGreaterThanOrEqual(3);
  });
});
