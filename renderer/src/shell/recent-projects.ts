/**
 * Recently opened project files (browser mode has no OS recent list), newest first, in
 * localStorage. The demo is left out: it has its own button.
 */
export interface RecentProject {
  path: string;
  name: string;
}

const KEY = 'kequn.recentProjects';
const MAX = 8;

export function loadRecentProjects(): RecentProject[] {
  try {
    const parsed: unknown = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed
      .filter((r): r is RecentProject => typeof r === 'object' && r !== null && typeof r.path === 'string' && typeof r.name === 'string')
      .slice(0, MAX);
  } catch {
    return [];
  }
}

export function rememberProject(project: RecentProject): void {
  const list = [project, ...loadRecentProjects().filter((r) => r.path !== project.path)].slice(0, MAX);
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(list));
  } catch {
    // Not remembered; nothing else depends on it.
  }
}
