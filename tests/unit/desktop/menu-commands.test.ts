/**
 * Every command main can send to a window is one the renderer subscribes to. Main's side is
 * checked here: the real main bundle, booted against the electron stand-in, is driven through
 * every menu item, files from the OS, a drop and an engine restart, and the commands it sends
 * must be exactly the sampled ones (tests/helpers/menu-commands.ts). The renderer's side is
 * checked by tests/e2e/desktop-mode.e2e.ts, which sends each sample through the preload stand-in
 * and sees the UI react.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MenuCommand } from '../../../shared/desktop-bridge';
import { IPC } from '../../../shared/desktop-ipc';
import { APP_ENTRY_URL } from '../../../electron/main/security';
import { bootMain, buildMainBundle, type FakeMenuItem } from '../../helpers/main-stand-in';
import { MENU_COMMAND_TYPES } from '../../helpers/menu-commands';
import { tempDir } from '../../helpers/temp';

const tmp = tempDir('kequn-menu-commands-');
afterAll(() => tmp.cleanup());
let code = '';
beforeAll(async () => {
  code = await buildMainBundle();
});

const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

function clickable(items: FakeMenuItem[]): FakeMenuItem[] {
  return items.flatMap((i) => [...(i.click ? [i] : []), ...clickable(i.submenu ?? [])]);
}

describe('menu commands: what main sends is what the renderer handles', () => {
  it('sends exactly the sampled command types, from menus, OS files, drops and engine restarts', async () => {
    const project = join(tmp.dir, '客户.kequn');
    const workbook = join(tmp.dir, '订单.xlsx');
    writeFileSync(project, '');
    writeFileSync(workbook, '');
    const b = bootMain(code, { lock: true, userDataRoot: tmp.dir, argv: ['/opt/kequn/kequn', project, workbook], openPaths: [workbook], savePath: join(tmp.dir, '另存.kequn') });
    await b.becomeReady();
    const win = b.windows[0]!;
    win.webContents.emit('did-finish-load');

    // Every item of the menu in both languages (the language items switch it), with dialogs answering.
    for (let round = 0; round < 2; round++) {
      for (const item of clickable(b.menus.at(-1) ?? [])) {
        item.click?.();
        await settle();
      }
    }
    // A second start with files, a drop onto the window, and an engine crash and restart.
    b.appEvents.emit('second-instance', {}, ['/opt/kequn/kequn', workbook], tmp.dir);
    const event = { sender: { id: win.webContents.id }, senderFrame: { url: APP_ENTRY_URL, parent: null } };
    await b.ipcHandlers.get(IPC.dropFiles)!(event, [workbook, project]);
    b.children[0]!.emit('exit', 1);
    await new Promise((r) => setTimeout(r, 400));
    b.children[1]!.emit('message', { type: 'ready' });

    const commands = win.webContents.sent.filter(([channel]) => channel === IPC.menuCommand).map(([, c]) => c as MenuCommand);
    const types = [...new Set(commands.map((c) => c.type))].sort();
    expect(types).toEqual([...MENU_COMMAND_TYPES].sort());
    expect(commands).toContainEqual({ type: 'importData', paths: [workbook] });
    expect(commands).toContainEqual({ type: 'engineState', state: 'running' });
    // Dropped workbooks travel on their own channel (onFilesDropped in the renderer).
    expect(win.webContents.sent).toContainEqual([IPC.filesDropped, { paths: [workbook] }]);
    b.appEvents.emit('before-quit');
  });
});
