import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

export interface OpenTabRequest {
  viewId: string;
  datasetId: string | null;
  params?: Record<string, unknown>;
  /** Overrides the default "<dataset> · <view title>" tab title. */
  title?: string;
}

export interface TabInfo extends OpenTabRequest {
  id: string;
}

export interface Workspace {
  tabs: readonly TabInfo[];
  activeTabId: string | null;
  /** Opens a tab, or focuses the open one showing the same view, dataset and params. Returns its id. */
  openTab: (req: OpenTabRequest) => string;
  closeTab: (tabId: string) => void;
  activateTab: (tabId: string) => void;
  /** Closes every tab (the project changed: its datasets are gone). */
  closeAll: () => void;
  /** Closes every tab but this one. */
  closeOtherTabs: (tabId: string) => void;
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
const sameTab = (t: TabInfo, r: OpenTabRequest): boolean =>
  t.viewId === r.viewId && t.datasetId === r.datasetId && JSON.stringify(t.params ?? {}) === JSON.stringify(r.params ?? {});

interface TabsState {
  tabs: TabInfo[];
  active: string | null;
}

export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<TabsState>({ tabs: [], active: null });
  const [selection, setSelection] = useState<Record<string, string>>({});

  // Mirrors the latest tabs so openTab can answer with an id synchronously (updaters run later).
  const latest = useRef<TabsState>(state);
  latest.current = state;

  const openTab = useCallback((req: OpenTabRequest): string => {
    const existing = latest.current.tabs.find((t) => sameTab(t, req));
    const id = existing?.id ?? `tab-${nextTab++}`;
    setState((s) => {
      if (s.tabs.some((t) => t.id === id)) return { ...s, active: id };
      const again = s.tabs.find((t) => sameTab(t, req));
      if (again) return { ...s, active: again.id };
      return { tabs: [...s.tabs, { ...req, id }], active: id };
    });
    return id;
  }, []);

  const closeTab = useCallback((tabId: string) => {
    setState((s) => {
      const index = s.tabs.findIndex((t) => t.id === tabId);
      if (index < 0) return s;
      const tabs = s.tabs.filter((t) => t.id !== tabId);
      // Like a spreadsheet: closing the active tab focuses its right neighbour, else the left one.
      const active = s.active === tabId ? (tabs[index]?.id ?? tabs[index - 1]?.id ?? null) : s.active;
      return { tabs, active };
    });
    setSelection(({ [tabId]: _gone, ...rest }) => rest);
  }, []);

  const activateTab = useCallback((tabId: string) => setState((s) => ({ ...s, active: tabId })), []);
  const closeAll = useCallback(() => {
    setState({ tabs: [], active: null });
    setSelection({});
  }, []);
  const closeOtherTabs = useCallback((tabId: string) => {
    setState((s) => ({ tabs: s.tabs.filter((t) => t.id === tabId), active: s.tabs.some((t) => t.id === tabId) ? tabId : null }));
    setSelection((s) => (s[tabId] === undefined ? {} : { [tabId]: s[tabId] }));
  }, []);
  const cycleTab = useCallback((step: 1 | -1) => {
    setState((s) => {
      if (s.tabs.length === 0) return s;
      const i = s.tabs.findIndex((t) => t.id === s.active);
      const next = s.tabs[(i + step + s.tabs.length) % s.tabs.length];
      return next ? { ...s, active: next.id } : s;
    });
  }, []);
  const closeDatasetTabs = useCallback((datasetIds: readonly string[]) => {
    const gone = new Set(datasetIds);
    setState((s) => {
      const tabs = s.tabs.filter((t) => t.datasetId === null || !gone.has(t.datasetId));
      if (tabs.length === s.tabs.length) return s;
      const active = tabs.some((t) => t.id === s.active) ? s.active : (tabs[tabs.length - 1]?.id ?? null);
      return { tabs, active };
    });
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
      openTab,
      closeTab,
      activateTab,
      closeAll,
      closeOtherTabs,
      cycleTab,
      closeDatasetTabs,
      setSelectionText,
      selectionText,
    }),
    [state, openTab, closeTab, activateTab, closeAll, closeOtherTabs, cycleTab, closeDatasetTabs, setSelectionText, selectionText],
  );
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}

export function useWorkspace(): Workspace {
  const ws = useContext(WorkspaceContext);
  if (!ws) throw new Error('useWorkspace() outside <WorkspaceProvider>');
  return ws;
}
