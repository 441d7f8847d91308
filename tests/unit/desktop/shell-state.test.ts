import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RECENT_LIMIT, RecentProjects, addRecent, recentProjectsFile, removeRecent } from '../../../electron/main/recent-projects';
import { loadLanguage, saveLanguage, settingsFile } from '../../../electron/main/settings';
import {
  MIN_HEIGHT,
  MIN_WIDTH,
  defaultWindowState,
  fitToDisplays,
  loadWindowState,
  saveWindowState,
  windowStateFile,
  type Rect,
} from '../../../electron/main/window-state';
import { tempDir } from '../../helpers/temp';

const PRIMARY: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const RIGHT: Rect = { x: 1920, y: 0, width: 1280, height: 984 };

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

describe('window state', () => {
  it('first start: default size centred on the primary display', () => {
    expect(loadWindowState(tmp.dir, [PRIMARY])).toEqual({ bounds: { x: 320, y: 110, width: 1280, height: 820 }, maximized: false });
  });

  it('round-trips size, position and maximised through userData JSON', () => {
    const state = { bounds: { x: 2000, y: 50, width: 1000, height: 700 }, maximized: true };
    saveWindowState(tmp.dir, state);
    expect(JSON.parse(readFileSync(windowStateFile(tmp.dir), 'utf8'))).toEqual(state);
    expect(loadWindowState(tmp.dir, [PRIMARY, RIGHT])).toEqual(state);
  });

  it('a window saved on an unplugged monitor reopens centred on the primary one, still maximised', () => {
    saveWindowState(tmp.dir, { bounds: { x: 2000, y: 50, width: 1000, height: 700 }, maximized: true });
    expect(loadWindowState(tmp.dir, [PRIMARY])).toEqual({ ...defaultWindowState(PRIMARY), maximized: true });
  });

  it('clamps a partly visible or oversized window onto its display and keeps the minimum size', () => {
    const fitted = fitToDisplays({ bounds: { x: 1700, y: -40, width: 3000, height: 300 }, maximized: false }, [PRIMARY, RIGHT]);
    // Most of it lies on the right-hand display, so it lands there, as wide as that display.
    expect(fitted.bounds).toEqual({ x: 1920, y: 0, width: 1280, height: MIN_HEIGHT });
    const small = fitToDisplays({ bounds: { x: 10, y: 10, width: 200, height: 100 }, maximized: false }, [PRIMARY]);
    expect(small.bounds.width).toBe(MIN_WIDTH);
  });

  it('a damaged or foreign file falls back to the default', () => {
    writeFileSync(windowStateFile(tmp.dir), '{"bounds": "nope"');
    expect(loadWindowState(tmp.dir, [PRIMARY])).toEqual(defaultWindowState(PRIMARY));
    writeFileSync(windowStateFile(tmp.dir), JSON.stringify({ bounds: { x: 1.5, y: 0, width: 10, height: 10 }, maximized: 'yes' }));
    expect(loadWindowState(tmp.dir, [PRIMARY])).toEqual(defaultWindowState(PRIMARY));
  });
});

describe('recent projects', () => {
  const t0 = new Date('2026-01-01T00:00:00Z');

  it('most recent first, no duplicates, at most RECENT_LIMIT', () => {
    let list = addRecent([], '/p/a.kequn', t0, 'linux');
    list = addRecent(list, '/p/b.kequn', t0, 'linux');
    list = addRecent(list, '/p/a.kequn', t0, 'linux');
    expect(list.map((r) => r.path)).toEqual(['/p/a.kequn', '/p/b.kequn']);
    expect(list[0]!.name).toBe('a');
    for (let i = 0; i < 20; i++) list = addRecent(list, `/p/${i}.kequn`, t0, 'linux');
    expect(list).toHaveLength(RECENT_LIMIT);
    expect(list[0]!.path).toBe('/p/19.kequn');
    expect(removeRecent(list, '/p/19.kequn', 'linux')).toHaveLength(RECENT_LIMIT - 1);
  });

  it('treats paths case-insensitively on Windows and macOS only', () => {
    const list = addRecent([], '/p/客户.kequn', t0, 'win32');
    expect(addRecent(list, '/P/客户.KEQUN', t0, 'win32')).toHaveLength(1);
    expect(addRecent(list, '/P/客户.KEQUN', t0, 'linux')).toHaveLength(2);
  });

  it('persists in userData and drops files that no longer exist', () => {
    const a = join(tmp.dir, '客户分析.kequn');
    const b = join(tmp.dir, 'gone.kequn');
    writeFileSync(a, '');
    writeFileSync(b, '');
    const recent = new RecentProjects(tmp.dir);
    recent.add(b);
    recent.add(a);
    expect(existsSync(recentProjectsFile(tmp.dir))).toBe(true);
    expect(new RecentProjects(tmp.dir).all().map((r) => r.name)).toEqual(['客户分析', 'gone']);
    rmSync(b);
    expect(new RecentProjects(tmp.dir).all().map((r) => r.path)).toEqual([a]);
  });

  it('a damaged list reads as empty', () => {
    writeFileSync(recentProjectsFile(tmp.dir), '[{"path": 3}]');
    expect(new RecentProjects(tmp.dir).all()).toEqual([]);
  });
});

describe('menu language setting', () => {
  it('defaults to Chinese and remembers English', () => {
    expect(loadLanguage(tmp.dir)).toBe('zh-CN');
    saveLanguage(tmp.dir, 'en');
    expect(loadLanguage(tmp.dir)).toBe('en');
    writeFileSync(settingsFile(tmp.dir), '{"language":"fr"}');
    expect(loadLanguage(tmp.dir)).toBe('zh-CN');
  });
});
