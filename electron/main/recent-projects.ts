/**
 * The recent-projects list (most recent first, no duplicates, at most RECENT_LIMIT), kept in
 * userData/recent-projects.json. Files that no longer exist drop out when the list is read.
 */
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from './json-file';

export const RECENT_LIMIT = 10;

export interface RecentProject {
  path: string;
  name: string;
  openedAt: string;
}

const listSchema = z.array(z.object({ path: z.string().min(1), name: z.string(), openedAt: z.string() }));

export function recentProjectsFile(userData: string): string {
  return join(userData, 'recent-projects.json');
}

/** Case-insensitive on Windows and macOS, where the file systems usually are. */
function samePath(a: string, b: string, platform: NodeJS.Platform): boolean {
  return platform === 'linux' ? a === b : a.toLowerCase() === b.toLowerCase();
}

export function addRecent(
  list: readonly RecentProject[],
  path: string,
  now: Date = new Date(),
  platform: NodeJS.Platform = process.platform,
): RecentProject[] {
  const full = resolve(path);
  const entry: RecentProject = { path: full, name: basename(full).replace(/\.kequn$/i, ''), openedAt: now.toISOString() };
  return [entry, ...list.filter((r) => !samePath(r.path, full, platform))].slice(0, RECENT_LIMIT);
}

export function removeRecent(list: readonly RecentProject[], path: string, platform: NodeJS.Platform = process.platform): RecentProject[] {
  const full = resolve(path);
  return list.filter((r) => !samePath(r.path, full, platform));
}

export class RecentProjects {
  private list: RecentProject[];

  constructor(private readonly userData: string) {
    const parsed = listSchema.safeParse(readJsonFile(recentProjectsFile(userData)));
    this.list = (parsed.success ? parsed.data : []).filter((r) => existsSync(r.path)).slice(0, RECENT_LIMIT);
  }

  all(): readonly RecentProject[] {
    return this.list;
  }

  add(path: string): void {
    this.list = addRecent(this.list, path);
    this.save();
  }

  remove(path: string): void {
    this.list = removeRecent(this.list, path);
    this.save();
  }

  clear(): void {
    this.list = [];
    this.save();
  }

  private save(): void {
    writeJsonFile(recentProjectsFile(this.userData), this.list);
  }
}
