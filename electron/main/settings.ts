/** Shell settings that outlive a run (userData/settings.json): the UI language for native menus. */
import { join } from 'node:path';
import { z } from 'zod';
import type { UiLanguage } from '../../shared/desktop-bridge';
import { readJsonFile, writeJsonFile } from './json-file';

const schema = z.object({ language: z.enum(['zh-CN', 'en']) });

export function settingsFile(userData: string): string {
  return join(userData, 'settings.json');
}

/** Chinese unless the saved choice says otherwise: the app is Chinese-first. */
export function loadLanguage(userData: string): UiLanguage {
  const parsed = schema.safeParse(readJsonFile(settingsFile(userData)));
  return parsed.success ? parsed.data.language : 'zh-CN';
}

export function saveLanguage(userData: string, language: UiLanguage): void {
  writeJsonFile(settingsFile(userData), { language });
}
