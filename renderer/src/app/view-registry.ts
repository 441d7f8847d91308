import type { ComponentType } from 'react';
import { z } from 'zod';

/**
 * Each view's params schema, by view id. Features add their entry by declaration merging in
 * their index.ts, next to registerView:
 *
 *   declare module '../../app/view-registry' { interface ViewParamsMap { grid: typeof gridParams } }
 *
 * so `openTab({ viewId: 'grid', params })` is checked against the grid's own params, and the
 * view receives them parsed (defaults filled, unknown keys refused).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface ViewParamsMap {}

export type ViewId = keyof ViewParamsMap & string;
/** What a caller passes when opening the view (defaults may be left out). */
export type ViewParamsIn<V extends ViewId> = ViewParamsMap[V] extends z.ZodType ? z.input<ViewParamsMap[V]> : never;
/** What the view receives: parsed by its schema. */
export type ViewParamsOut<V extends ViewId> = ViewParamsMap[V] extends z.ZodType ? z.output<ViewParamsMap[V]> : never;

/** The params of a view that takes none. */
export const NO_PARAMS = z.object({}).strict();
export type NoParams = z.output<typeof NO_PARAMS>;

/** What every view receives: its tab, the dataset it is about (project views get null), its params. */
export interface ViewProps<P = NoParams> {
  tabId: string;
  datasetId: string | null;
  params: P;
}

export interface ViewDef<V extends ViewId> {
  /** Stable id used by openTab ('grid', 'dataset-overview', 'rfm', …). */
  id: V;
  /** Tab title in both languages (a tab shows "<dataset> · <title>" for dataset views). */
  title: { zh: string; en: string };
  scope: 'project' | 'dataset';
  params: ViewParamsMap[V];
  component: ComponentType<ViewProps<ViewParamsOut<V>>>;
  /**
   * A view shows one tab per (view, dataset): opening it again focuses that tab (with the new
   * params). A view that can show several things at once for the same dataset (the import of two
   * dropped files) names what tells its tabs apart.
   */
  tabKey?: (params: ViewParamsOut<V>) => string;
}

/** A registered view as the shell handles it: params are opaque until its own schema parses them. */
export interface RegisteredView {
  id: ViewId;
  title: { zh: string; en: string };
  scope: 'project' | 'dataset';
  /** Parses params from a caller or from storage; null when they do not fit the view. */
  parse: (raw: unknown) => Record<string, unknown> | null;
  component: ComponentType<ViewProps<Record<string, unknown>>>;
  tabKey: (params: Record<string, unknown>) => string;
}

const views = new Map<string, RegisteredView>();
const listeners = new Set<() => void>();

/** Registers a view; features call this from their index.ts. Re-registering an id replaces it. */
export function registerView<V extends ViewId>(def: ViewDef<V>): void {
  const schema = def.params as z.ZodType;
  const key = def.tabKey;
  views.set(def.id, {
    id: def.id,
    title: def.title,
    scope: def.scope,
    parse: (raw) => {
      const r = schema.safeParse(raw ?? {});
      return r.success && typeof r.data === 'object' && r.data !== null ? (r.data as Record<string, unknown>) : null;
    },
    // The component only ever receives what `parse` returned for this view, i.e. its own params type.
    component: def.component as unknown as ComponentType<ViewProps<Record<string, unknown>>>,
    tabKey: key ? (p) => key(p as ViewParamsOut<V>) : () => '',
  });
  for (const l of [...listeners]) l();
}

export function getViews(): RegisteredView[] {
  return [...views.values()];
}

export function getView(id: string): RegisteredView | undefined {
  return views.get(id);
}

export function isViewId(id: string): id is ViewId {
  return views.has(id);
}

/** The view a dataset opens with: the grid once a feature registers it, else the overview. */
export function defaultDatasetViewId(): ViewId {
  return views.has('grid') ? 'grid' : 'dataset-overview';
}

export function onViewsChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
