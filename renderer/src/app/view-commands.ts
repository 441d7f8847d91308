import { useEffect, useSyncExternalStore } from 'react';

/**
 * Commands a view offers to the shell (the ribbon's 开始/数据 buttons and their shortcuts act on
 * the active tab through these), so the ribbon does not reach into a view's state.
 */
export const VIEW_COMMAND_IDS = ['copy', 'find', 'sortAsc', 'sortDesc', 'filterByValue', 'clearFilters', 'clearSort', 'columnStats', 'export'] as const;
export type ViewCommandId = (typeof VIEW_COMMAND_IDS)[number];

export interface ViewCommand {
  run: () => void;
  /** Shown but greyed out when false (e.g. sort without a selected column). */
  enabled: boolean;
}

export type ViewCommands = Partial<Record<ViewCommandId, ViewCommand>>;

const byTab = new Map<string, ViewCommands>();
const listeners = new Set<() => void>();
const NONE: ViewCommands = {};

function changed(): void {
  for (const l of [...listeners]) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A view publishes what it can do for its tab; gone when the view unmounts. Pass a memoised object. */
export function useViewCommands(tabId: string, commands: ViewCommands): void {
  useEffect(() => {
    byTab.set(tabId, commands);
    changed();
  }, [tabId, commands]);
  useEffect(
    () => () => {
      byTab.delete(tabId);
      changed();
    },
    [tabId],
  );
}

/** What the active tab's view offers (nothing for views without commands). */
export function useTabCommands(tabId: string | null): ViewCommands {
  return useSyncExternalStore(subscribe, () => (tabId ? (byTab.get(tabId) ?? NONE) : NONE));
}
