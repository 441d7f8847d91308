import type { ComponentType } from 'react';

/** What every view receives: its tab, the dataset it is about (project views get null), options. */
export interface ViewProps {
  tabId: string;
  datasetId: string | null;
  params?: Record<string, unknown>;
}

export interface ViewDef {
  /** Stable id used by openTab ('grid', 'dataset-overview', 'rfm', …). */
  id: string;
  /** Tab title in both languages (a tab shows "<dataset> · <title>" for dataset views). */
  title: { zh: string; en: string };
  scope: 'project' | 'dataset';
  component: ComponentType<ViewProps>;
}

const views = new Map<string, ViewDef>();
const listeners = new Set<() => void>();

/** Registers a view; features call this from their index.ts. Re-registering an id replaces it. */
export function registerView(def: ViewDef): void {
  views.set(def.id, def);
  for (const l of [...listeners]) l();
}

export function getViews(): ViewDef[] {
  return [...views.values()];
}

export function getView(id: string): ViewDef | undefined {
  return views.get(id);
}

/** The view a dataset opens with: the grid once a feature registers it, else the overview. */
export function defaultDatasetViewId(): string {
  return views.has('grid') ? 'grid' : 'dataset-overview';
}

export function onViewsChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
