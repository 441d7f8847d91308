/**
 * The tab list as plain data and the pure steps that change it, so the rules (one tab per view
 * and dataset, where focus goes when tabs close) are testable without React.
 */
export interface TabEntry {
  id: string;
  viewId: string;
  datasetId: string | null;
  /** Parsed by the view's own schema ({} for a view without params). */
  params: Record<string, unknown>;
  /** Overrides the default "<dataset> · <view title>" tab title. */
  title?: string;
  /** What tells two tabs of the same view and dataset apart ('' for almost every view). */
  key: string;
  /** Raised when the tab is reopened with other params: the view mounts afresh with them. */
  rev: number;
}

export interface TabsState {
  tabs: TabEntry[];
  active: string | null;
  /** The dataset of the last active dataset tab: what the ribbon acts on while a project view shows. */
  lastDatasetId: string | null;
}

export const EMPTY_TABS: TabsState = { tabs: [], active: null, lastDatasetId: null };

export interface TabOpening {
  viewId: string;
  datasetId: string | null;
  params: Record<string, unknown>;
  /** True when the caller passed params (a plain "open this view" keeps the tab's current ones). */
  hasParams: boolean;
  title?: string | undefined;
  key: string;
}

/** The open tab for this view, dataset and key, if any. */
export function findTab(state: TabsState, o: { viewId: string; datasetId: string | null; key: string }): TabEntry | undefined {
  return state.tabs.find((t) => t.viewId === o.viewId && t.datasetId === o.datasetId && t.key === o.key);
}

function withActive(state: TabsState, tabs: TabEntry[], active: string | null): TabsState {
  const shown = tabs.find((t) => t.id === active);
  return { tabs, active, lastDatasetId: shown?.datasetId ?? keepDataset(state, tabs) };
}

/** The remembered dataset survives only while some tab still shows it. */
function keepDataset(state: TabsState, tabs: TabEntry[]): string | null {
  return state.lastDatasetId !== null && tabs.some((t) => t.datasetId === state.lastDatasetId) ? state.lastDatasetId : null;
}

/**
 * Opens a tab, or focuses the one already showing this view and dataset. Reopening with other
 * params hands them to that tab (its view remounts with them) instead of adding a duplicate.
 */
export function openTabIn(state: TabsState, o: TabOpening, newId: string): { state: TabsState; id: string } {
  const existing = findTab(state, o);
  if (existing) {
    const changed = o.hasParams && JSON.stringify(existing.params) !== JSON.stringify(o.params);
    const retitled = o.title !== undefined && o.title !== existing.title;
    const tabs =
      changed || retitled
        ? state.tabs.map((t) =>
            t.id === existing.id ? { ...t, ...(changed ? { params: o.params, rev: t.rev + 1 } : {}), ...(retitled ? { title: o.title } : {}) } : t,
          )
        : state.tabs;
    return { state: withActive(state, tabs, existing.id), id: existing.id };
  }
  const tab: TabEntry = { id: newId, viewId: o.viewId, datasetId: o.datasetId, params: o.params, key: o.key, rev: 0, ...(o.title !== undefined ? { title: o.title } : {}) };
  return { state: withActive(state, [...state.tabs, tab], newId), id: newId };
}

/** Closes one tab; closing the active one focuses its right neighbour, else the left one (like a spreadsheet). */
export function closeTabIn(state: TabsState, tabId: string): TabsState {
  const index = state.tabs.findIndex((t) => t.id === tabId);
  if (index < 0) return state;
  const tabs = state.tabs.filter((t) => t.id !== tabId);
  const active = state.active === tabId ? (tabs[index]?.id ?? tabs[index - 1]?.id ?? null) : state.active;
  return withActive(state, tabs, active);
}

/** Keeps only the given tabs (close others, close to the right, close a dataset's tabs). */
export function keepTabs(state: TabsState, keep: (t: TabEntry, index: number) => boolean, focus?: string): TabsState {
  const tabs = state.tabs.filter(keep);
  if (tabs.length === state.tabs.length && focus === undefined) return state;
  const wanted = focus ?? state.active;
  const active = tabs.some((t) => t.id === wanted) ? wanted : (tabs[tabs.length - 1]?.id ?? null);
  return withActive(state, tabs, active);
}

export function closeOthersIn(state: TabsState, tabId: string): TabsState {
  return keepTabs(state, (t) => t.id === tabId, tabId);
}

/** Closes the tabs right of this one (Excel and browsers: "close tabs to the right"). */
export function closeToRightIn(state: TabsState, tabId: string): TabsState {
  const index = state.tabs.findIndex((t) => t.id === tabId);
  if (index < 0) return state;
  const activeIndex = state.tabs.findIndex((t) => t.id === state.active);
  return keepTabs(state, (_t, i) => i <= index, activeIndex > index ? tabId : undefined);
}

export function activateIn(state: TabsState, tabId: string): TabsState {
  return state.tabs.some((t) => t.id === tabId) ? withActive(state, state.tabs, tabId) : state;
}

/** The next (+1) or previous (-1) tab, wrapping around (Ctrl+PageDown / PageUp). */
export function cycleIn(state: TabsState, step: 1 | -1): TabsState {
  if (state.tabs.length === 0) return state;
  const i = state.tabs.findIndex((t) => t.id === state.active);
  const next = state.tabs[(i + step + state.tabs.length) % state.tabs.length];
  return next ? withActive(state, state.tabs, next.id) : state;
}
