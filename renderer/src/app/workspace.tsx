import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  activateIn,
  closeOthersIn,
  closeTabIn,
  closeToRightIn,
  cycleIn,
  EMPTY_TABS,
  keepTabs,
  openTabIn,
  type TabEntry,
  type TabsState,
} from './tab-state';
import { getView, type ViewId, type ViewParamsIn } from './view-registry';

/** Opening a view: its id, the dataset (null for project views), and params typed by that view. */
export type OpenTabRequest = {
  [V in ViewId]: { viewId: V; datasetId: string | null; params?: ViewParamsIn<V>; title?: string };
}[ViewId];

export type TabInfo = TabEntry;

export interface Workspace {
  tabs: readonly TabInfo[];
  activeTabId: string | null;
  /** The dataset the ribbon acts on: the active tab's, or the last one shown while a project view is active. */
  currentDatasetId: string | null;
  /**
   * Opens a view, or focuses the tab already showing this view and dataset (one tab per view and
   * dataset; new params are handed to that tab). Returns the tab's id.
   */
  openTab: (req: OpenTabRequest) => string;
  /** Opens a tab saved earlier (localStorage): its params are parsed again and dropped when they no longer fit. */
  reopenTab: (saved: { viewId: ViewId; datasetId: string | null; params?: unknown; title?: string }) => string;
  closeTab: (tabId: string) => void;
  activateTab: (tabId: string) => void;
  /** Closes every tab (the project changed: its datasets are gone). */
  closeAll: () => void;
  /** Closes every tab but this one. */
  closeOtherTabs: (tabId: string) => void;
  /** Closes the tabs to the right of this one. */
  closeTabsToRight: (tabId: string) => void;
  /** Activates the next (+1) or previous (-1) tab, wrapping around. */
  cycleTab: (step: 1 | -1) => void;
  /** Closes the tabs of these datasets (they were removed). */
  closeDatasetTabs: (datasetIds: readonly string[]) => void;
  /** Per-tab selection text for the status bar ("已选 3 行", "求和 ¥1,234"); null clears it. */
  setSelectionText: (tabId: string, text: string | null) => void;
  selectionText: (tabId: string | null) => string | null;
}

const WorkspaceContext = createContext<Workspace | null>(null);

let nextTab = 1;

/** Params as the view's schema reads them; params that do not fit are dropped (the view starts plain). */
function parseParams(viewId: string, raw: unknown): Record<string, unknown> {
  const view = getView(viewId);
  if (!view) return {};
  const parsed = view.parse(raw);
  if (parsed) return parsed;
  console.warn(`[kequn] params for view "${viewId}" do not fit its schema; opening it without them`);
  return view.parse({}) ?? {};
}

export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<TabsState>(EMPTY_TABS);
  const [selection, setSelection] = useState<Record<string, string>>({});

  // Mirrors the latest tabs so openTab can answer with an id synchronously (updaters run later).
  const latest = useRef<TabsState>(state);
  latest.current = state;

  const open = useCallback((viewId: ViewId, datasetId: string | null, rawParams: unknown, title: string | undefined): string => {
    const params = parseParams(viewId, rawParams);
    const opening = { viewId, datasetId, params, hasParams: rawParams !== undefined, title, key: getView(viewId)?.tabKey(params) ?? '' };
    const planned = openTabIn(latest.current, opening, `tab-${nextTab}`);
    if (planned.id === `tab-${nextTab}`) nextTab++;
    const id = planned.id;
    // Applied again on the state the updater sees, so two opens in one event both land.
    setState((s) => openTabIn(s, opening, id).state);
    latest.current = planned.state;
    return id;
  }, []);
  const openTab = useCallback((req: OpenTabRequest): string => open(req.viewId, req.datasetId, req.params, req.title), [open]);
  const reopenTab = useCallback(
    (saved: { viewId: ViewId; datasetId: string | null; params?: unknown; title?: string }): string => open(saved.viewId, saved.datasetId, saved.params, saved.title),
    [open],
  );

  const closeTab = useCallback((tabId: string) => {
    setState((s) => closeTabIn(s, tabId));
    setSelection(({ [tabId]: _gone, ...rest }) => rest);
  }, []);

  const activateTab = useCallback((tabId: string) => setState((s) => activateIn(s, tabId)), []);
  const closeAll = useCallback(() => {
    setState(EMPTY_TABS);
    setSelection({});
  }, []);
  const closeOtherTabs = useCallback((tabId: string) => {
    setState((s) => closeOthersIn(s, tabId));
    setSelection((s) => (s[tabId] === undefined ? {} : { [tabId]: s[tabId] }));
  }, []);
  const closeTabsToRight = useCallback((tabId: string) => setState((s) => closeToRightIn(s, tabId)), []);
  const cycleTab = useCallback((step: 1 | -1) => setState((s) => cycleIn(s, step)), []);
  const closeDatasetTabs = useCallback((datasetIds: readonly string[]) => {
    const gone = new Set(datasetIds);
    setState((s) => keepTabs(s, (t) => t.datasetId === null || !gone.has(t.datasetId)));
  }, []);
  const setSelectionText = useCallback((tabId: string, text: string | null) => {
    setSelection((s) => {
      if ((s[tabId] ?? null) === text) return s;
      if (text === null) {
        const { [tabId]: _gone, ...rest } = s;
        return rest;
      }
      return { ...s, [tabId]: text };
    });
  }, []);
  const selectionText = useCallback((tabId: string | null) => (tabId ? (selection[tabId] ?? null) : null), [selection]);

  const value = useMemo<Workspace>(
    () => ({
      tabs: state.tabs,
      activeTabId: state.active,
      currentDatasetId: state.lastDatasetId,
      openTab,
      reopenTab,
      closeTab,
      activateTab,
      closeAll,
      closeOtherTabs,
      closeTabsToRight,
      cycleTab,
      closeDatasetTabs,
      setSelectionText,
      selectionText,
    }),
    [state, openTab, reopenTab, closeTab, activateTab, closeAll, closeOtherTabs, closeTabsToRight, cycleTab, closeDatasetTabs, setSelectionText, selectionText],
  );
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}

export function useWorkspace(): Workspace {
  const ws = useContext(WorkspaceContext);
  if (!ws) throw new Error('useWorkspace() outside <WorkspaceProvider>');
  return ws;
}
