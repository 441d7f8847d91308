/**
 * Window size, position and maximised state, kept in userData/window-state.json. Pure logic plus
 * file IO; the screen's work areas are passed in so the clamping is testable without Electron.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from './json-file';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const MIN_WIDTH = 900;
export const MIN_HEIGHT = 600;
export const DEFAULT_WIDTH = 1280;
export const DEFAULT_HEIGHT = 820;

const stateSchema = z.object({
  bounds: z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int(), height: z.number().int() }),
  maximized: z.boolean(),
});

export function windowStateFile(userData: string): string {
  return join(userData, 'window-state.json');
}

/** Centred default size on the primary work area. */
export function defaultWindowState(primary: Rect): WindowState {
  const width = Math.min(DEFAULT_WIDTH, primary.width);
  const height = Math.min(DEFAULT_HEIGHT, primary.height);
  return {
    bounds: {
      x: primary.x + Math.round((primary.width - width) / 2),
      y: primary.y + Math.round((primary.height - height) / 2),
      width,
      height,
    },
    maximized: false,
  };
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Puts saved bounds back on a screen that exists now: a window saved on a monitor that was
 * unplugged reopens on the display it overlaps most, or centred on the primary one.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0];
  if (!primary) return state;
  let best: Rect | null = null;
  let bestArea = 0;
  for (const area of workAreas) {
    const o = overlap(state.bounds, area);
    if (o > bestArea) {
      best = area;
      bestArea = o;
    }
  }
  // Less than a title bar's worth visible counts as off-screen.
  if (!best || bestArea < 100 * 40) return { ...defaultWindowState(primary), maximized: state.maximized };
  const width = Math.max(MIN_WIDTH, Math.min(state.bounds.width, best.width));
  const height = Math.max(MIN_HEIGHT, Math.min(state.bounds.height, best.height));
  const x = Math.min(Math.max(state.bounds.x, best.x), best.x + best.width - width);
  const y = Math.min(Math.max(state.bounds.y, best.y), best.y + best.height - height);
  return { bounds: { x, y, width, height }, maximized: state.maximized };
}

export function parseWindowState(raw: unknown): WindowState | null {
  const parsed = stateSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export function loadWindowState(userData: string, workAreas: readonly Rect[]): WindowState {
  const saved = parseWindowState(readJsonFile(windowStateFile(userData)));
  const primary = workAreas[0] ?? { x: 0, y: 0, width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT };
  return saved ? fitToDisplays(saved, workAreas) : defaultWindowState(primary);
}

export function saveWindowState(userData: string, state: WindowState): void {
  writeJsonFile(windowStateFile(userData), state);
}
