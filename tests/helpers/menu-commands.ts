import { join } from 'node:path';
import type { MenuCommand, MenuCommandType } from '../../shared/desktop-bridge';

export type MenuCommandOf<T extends MenuCommandType> = Extract<MenuCommand, { type: T }>;
export type MenuCommandSamples = { [T in MenuCommandType]: MenuCommandOf<T> };

/**
 * One example of every command the desktop shell can send to a window. The mapped type makes a
 * new command type a compile error here until it has a sample, and the tests that use this list
 * (main sends only these; the renderer reacts to each) then cover it.
 */
export function menuCommandSamples(dir: string): MenuCommandSamples {
  return {
    newProject: { type: 'newProject', path: join(dir, '新项目.kequn') },
    openProject: { type: 'openProject', path: join(dir, '项目.kequn') },
    saveProjectAs: { type: 'saveProjectAs', path: join(dir, '另存为.kequn') },
    importData: { type: 'importData', paths: [join(dir, '订单.csv')] },
    exportReport: { type: 'exportReport' },
    setLanguage: { type: 'setLanguage', language: 'en' },
    engineState: { type: 'engineState', state: 'restarting' },
  };
}

export const MENU_COMMAND_TYPES = Object.keys(menuCommandSamples('/')) as MenuCommandType[];
