import { execFileSync } from 'node:child_process';

/** Fonts that carry Chinese glyphs, in order of preference, for report chart images. */
export const CJK_FONT_CANDIDATES = ['Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'WenQuanYi Micro Hei', 'SimHei'];

let fontCache: { family: string; cjkAvailable: boolean } | null = null;

/** Finds an installed CJK font family (fc-list on Linux; common names elsewhere). */
export function detectCjkFont(): { family: string; cjkAvailable: boolean } {
  if (fontCache) return fontCache;
  let installed = '';
  try {
    installed = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8', timeout: 3000, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    installed = '';
  }
  const found = CJK_FONT_CANDIDATES.find((f) => installed.includes(f));
  const onWindowsOrMac = process.platform === 'win32' || process.platform === 'darwin';
  fontCache = found
    ? { family: found, cjkAvailable: true }
    : { family: process.platform === 'darwin' ? 'PingFang SC' : 'Microsoft YaHei', cjkAvailable: onWindowsOrMac };
  return fontCache;
}
