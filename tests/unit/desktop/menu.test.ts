import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { UiLanguage } from '../../../shared/desktop-bridge';
import { buildMenuTemplate, type MenuActions } from '../../../electron/main/menu';
import { MENU_LABELS } from '../../../electron/main/menu-labels';
import type { RecentProject } from '../../../electron/main/recent-projects';

function recorder(): { actions: MenuActions; log: string[] } {
  const log: string[] = [];
  const actions: MenuActions = {
    newProject: () => log.push('newProject'),
    openProject: () => log.push('openProject'),
    openRecent: (p) => log.push(`openRecent:${p}`),
    clearRecent: () => log.push('clearRecent'),
    saveProjectAs: () => log.push('saveProjectAs'),
    importData: () => log.push('importData'),
    exportReport: () => log.push('exportReport'),
    setLanguage: (l) => log.push(`setLanguage:${l}`),
    showAbout: () => log.push('showAbout'),
    openDataFolder: () => log.push('openDataFolder'),
    quit: () => log.push('quit'),
  };
  return { actions, log };
}

const RECENT: RecentProject[] = [{ path: '/p/华东客户.kequn', name: '华东客户', openedAt: '2026-01-01T00:00:00Z' }];

function build(language: UiLanguage, platform: NodeJS.Platform = 'win32', isPackaged = true, recent = RECENT) {
  const r = recorder();
  return { template: buildMenuTemplate({ language, recent, platform, isPackaged, actions: r.actions }), log: r.log };
}

function sub(item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] {
  return Array.isArray(item?.submenu) ? item.submenu : [];
}
function byId(items: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions | undefined {
  return items.find((i) => i.id === id);
}
function labels(items: MenuItemConstructorOptions[]): string[] {
  return items.filter((i) => i.type !== 'separator').map((i) => String(i.label));
}
function click(item: MenuItemConstructorOptions | undefined): void {
  (item?.click as (() => void) | undefined)?.();
}

describe('native menu', () => {
  it('Chinese: 文件 / 编辑 / 视图 / 帮助 with the file commands in order', () => {
    const { template } = build('zh-CN');
    expect(template.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助']);
    expect(labels(sub(template[0]))).toEqual(['新建项目…', '打开项目…', '最近项目', '项目另存为…', '导入数据…', '导出报告…', '退出']);
  });

  it('English: the same structure with English labels', () => {
    const { template } = build('en');
    expect(template.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(labels(sub(template[0]))).toEqual(['New Project…', 'Open Project…', 'Recent Projects', 'Save Project As…', 'Import Data…', 'Export Report…', 'Quit']);
  });

  it('both languages label every item, and the two templates have the same shape', () => {
    const keys = Object.keys(MENU_LABELS['zh-CN']).sort();
    expect(Object.keys(MENU_LABELS.en).sort()).toEqual(keys);
    for (const l of ['zh-CN', 'en'] as const) for (const k of keys) expect(MENU_LABELS[l][k as keyof (typeof MENU_LABELS)['en']]).not.toBe('');
    const shape = (t: MenuItemConstructorOptions[]): unknown => t.map((m) => [m.id ?? m.role ?? m.type, shape(sub(m))]);
    expect(shape(build('en').template)).toEqual(shape(build('zh-CN').template));
  });

  it('items call their actions; recent projects open by path', () => {
    const { template, log } = build('zh-CN');
    const file = sub(template[0]);
    for (const id of ['new-project', 'open-project', 'save-project-as', 'import-data', 'export-report', 'quit']) click(byId(file, id));
    const recent = sub(byId(file, 'recent-projects'));
    expect(recent[0]!.label).toContain('华东客户');
    click(recent[0]);
    click(byId(recent, 'clear-recent'));
    const language = sub(byId(sub(template[2]), 'language'));
    click(byId(language, 'language-en'));
    click(byId(sub(template[3]), 'about'));
    expect(log).toEqual([
      'newProject',
      'openProject',
      'saveProjectAs',
      'importData',
      'exportReport',
      'quit',
      'openRecent:/p/华东客户.kequn',
      'clearRecent',
      'setLanguage:en',
      'showAbout',
    ]);
  });

  it('an empty recent list shows a disabled placeholder', () => {
    const { template } = build('zh-CN', 'linux', true, []);
    const recent = sub(byId(sub(template[0]), 'recent-projects'));
    expect(recent).toEqual([expect.objectContaining({ label: '（无）', enabled: false })]);
  });

  it('the language radio follows the UI language', () => {
    for (const l of ['zh-CN', 'en'] as const) {
      const language = sub(byId(sub(build(l).template[2]), 'language'));
      expect(byId(language, 'language-zh')?.checked).toBe(l === 'zh-CN');
      expect(byId(language, 'language-en')?.checked).toBe(l === 'en');
    }
  });

  it('developer items only in development builds', () => {
    const roles = (packaged: boolean): unknown[] => sub(build('en', 'win32', packaged).template[2]).map((i) => i.role);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(true)).not.toContain('reload');
    expect(roles(false)).toContain('toggleDevTools');
  });

  it('macOS gets the app menu (with Quit there) and a Window menu', () => {
    const { template } = build('zh-CN', 'darwin');
    expect(template.map((m) => m.label)).toEqual(['客群 Kequn', '文件', '编辑', '视图', '窗口', '帮助']);
    expect(byId(sub(template[1]), 'quit')).toBeUndefined();
    expect(byId(sub(template[0]), 'quit')?.label).toBe('退出');
  });
});
