import type { TabInfo } from '../app/workspace';

/**
 * The open tabs of each project, kept in localStorage so that reopening a project (or reloading
 * the page) shows the same views, as reopening a workbook shows its sheets.
 */
export interface SavedTab {
  viewId: string;
  datasetId: string | null;
  /** As the view last had them; parsed again by the view's schema when restored. */
  params?: Record<string, unknown>;
  title?: string;
  active: boolean;
}

const PREFIX = 'kequn.tabs:';
const MAX_TABS = 30;

function isSavedTab(v: unknown): v is SavedTab {
  if (typeof v !== 'object' || v === null) return false;
  const t = v as Record<string, unknown>;
  return (
    typeof t.viewId === 'string' &&
    (t.datasetId === null || typeof t.datasetId === 'string') &&
    (t.params === undefined || (typeof t.params === 'object' && t.params !== null && !Array.isArray(t.params))) &&
    (t.title === undefined || typeof t.title === 'string') &&
    typeof t.active === 'boolean'
  );
}

export function loadTabs(projectPath: string): SavedTab[] {
  try {
    const raw = globalThis.localStorage?.getItem(PREFIX + projectPath);
    if (!raw) return [];
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter(isSavedTab).slice(0, MAX_TABS) : [];
  } catch {
    return []; // unreadable storage or old format: start fresh
  }
}

export function saveTabs(projectPath: string, tabs: readonly TabInfo[], activeTabId: string | null): void {
  const saved: SavedTab[] = tabs.slice(0, MAX_TABS).map((t) => ({
    viewId: t.viewId,
    datasetId: t.datasetId,
    ...(Object.keys(t.params).length > 0 ? { params: t.params } : {}),
    ...(t.title ? { title: t.title } : {}),
    active: t.id === activeTabId,
  }));
  try {
    globalThis.localStorage?.setItem(PREFIX + projectPath, JSON.stringify(saved));
  } catch {
    // Storage full or unavailable: tabs just are not restored next time.
  }
}
