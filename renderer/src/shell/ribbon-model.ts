import type { ViewCommandId } from '../app/view-commands';
import type { OpenTabRequest } from '../app/workspace';
import type { ViewId } from '../app/view-registry';

/** Things only the app frame can do (projects, the workflow panel). */
export type ShellAction = 'openProject' | 'newProject' | 'openDemo';

/**
 * What a ribbon button does: open a view on the current dataset (or the project), run a command
 * of the active view (copy, find, sort… on the grid), or a frame action.
 */
export type RibbonAction =
  | { kind: 'view'; open: (datasetId: string | null) => OpenTabRequest; needsDataset: boolean; viewId: ViewId }
  | { kind: 'command'; command: ViewCommandId }
  | { kind: 'shell'; action: ShellAction };

export interface RibbonButton {
  /** Stable id (data-command-id in tests), also the key of its label in ribbon-strings. */
  id: string;
  /** A short glyph drawn above the label. */
  icon: string;
  action: RibbonAction;
  /** Shortcut shown in the tooltip. */
  shortcut?: string;
}

export interface RibbonGroup {
  id: string;
  buttons: RibbonButton[];
}

export interface RibbonTab {
  id: 'home' | 'data' | 'clean' | 'metrics' | 'segment' | 'analyze' | 'report';
  groups: RibbonGroup[];
}

const onDataset = (viewId: ViewId, params?: Record<string, unknown>): RibbonAction => ({
  kind: 'view',
  viewId,
  needsDataset: true,
  // Params here are each view's own (checked by its schema when the tab opens).
  open: (datasetId) => ({ viewId, datasetId, ...(params ? { params } : {}) }) as OpenTabRequest,
});
const onProject = (viewId: ViewId): RibbonAction => ({ kind: 'view', viewId, needsDataset: false, open: () => ({ viewId, datasetId: null }) as OpenTabRequest });
const run = (command: ViewCommandId): RibbonAction => ({ kind: 'command', command });
const shell = (action: ShellAction): RibbonAction => ({ kind: 'shell', action });
const cleanOp = (op: string): RibbonAction => onDataset('clean', { op });

/**
 * The ribbon. Tabs follow the analyst's path through the product, left to right, after the two
 * tabs every Excel/WPS user looks in first: 开始 (project, clipboard, find, sort and filter, the
 * workflow) and 数据 (get data, look at it, export). Then one tab per step of the documented
 * workflow — 清洗, 指标, 细分 (rules and clustering, with their results), 分析 (descriptive
 * pivots/charts and the preference cross-tab, which both read segments), 报告.
 */
export const RIBBON: RibbonTab[] = [
  {
    id: 'home',
    groups: [
      { id: 'project', buttons: [
        { id: 'openProject', icon: '⊡', action: shell('openProject') },
        { id: 'newProject', icon: '＋', action: shell('newProject') },
        { id: 'openDemo', icon: '★', action: shell('openDemo') },
      ] },
      { id: 'clipboard', buttons: [{ id: 'copy', icon: '⎘', action: run('copy'), shortcut: 'Ctrl+C' }] },
      { id: 'editing', buttons: [
        { id: 'find', icon: '⌕', action: run('find'), shortcut: 'Ctrl+F' },
        { id: 'sortAsc', icon: 'A↓', action: run('sortAsc') },
        { id: 'sortDesc', icon: 'Z↓', action: run('sortDesc') },
        { id: 'filterByValue', icon: '⧩', action: run('filterByValue') },
        { id: 'clearFilters', icon: '⊘', action: run('clearFilters') },
      ] },
      { id: 'workflow', buttons: [{ id: 'workflow', icon: '➜', action: onProject('workflow') }] },
    ],
  },
  {
    id: 'data',
    groups: [
      { id: 'get', buttons: [{ id: 'import', icon: '⇪', action: onProject('import'), shortcut: 'Ctrl+I' }] },
      { id: 'look', buttons: [
        { id: 'grid', icon: '▦', action: onDataset('grid') },
        { id: 'overview', icon: '☰', action: onDataset('dataset-overview') },
        { id: 'columnStats', icon: 'Σ', action: run('columnStats') },
      ] },
      { id: 'sortFilter', buttons: [
        { id: 'clearSort', icon: '⇅', action: run('clearSort') },
        { id: 'clearFiltersData', icon: '⊘', action: run('clearFilters') },
      ] },
      { id: 'export', buttons: [{ id: 'export', icon: '⤓', action: run('export') }] },
    ],
  },
  {
    id: 'clean',
    groups: [
      { id: 'workbench', buttons: [{ id: 'clean', icon: '✧', action: onDataset('clean') }] },
      { id: 'rows', buttons: [
        { id: 'dedupe', icon: '⧉', action: cleanOp('dedupe') },
        { id: 'missing', icon: '◌', action: cleanOp('missing') },
        { id: 'outliers', icon: '⚠', action: cleanOp('outliers') },
      ] },
      { id: 'values', buttons: [
        { id: 'text', icon: 'Aa', action: cleanOp('text') },
        { id: 'replace', icon: '⇄', action: cleanOp('replace') },
        { id: 'changeType', icon: '#', action: cleanOp('changeType') },
        { id: 'mapValues', icon: '↦', action: cleanOp('mapValues') },
      ] },
      { id: 'shape', buttons: [
        { id: 'keywordCategory', icon: '⌘', action: cleanOp('keywordCategory') },
        { id: 'splitRows', icon: '⇶', action: cleanOp('splitRows') },
        { id: 'merge', icon: '⋈', action: cleanOp('merge') },
      ] },
    ],
  },
  {
    id: 'metrics',
    groups: [
      { id: 'customer', buttons: [{ id: 'rfm', icon: 'R', action: onDataset('rfm') }] },
      { id: 'calculate', buttons: [
        { id: 'formula', icon: 'ƒx', action: onDataset('formula') },
        { id: 'groupBy', icon: '⊞', action: onDataset('group-by') },
      ] },
    ],
  },
  {
    id: 'segment',
    groups: [
      { id: 'rules', buttons: [
        { id: 'segmentBuilder', icon: '◧', action: onDataset('segment-builder') },
        { id: 'segmentTags', icon: '⌗', action: onDataset('segment-tags') },
      ] },
      { id: 'clustering', buttons: [{ id: 'cluster', icon: '⁂', action: onDataset('cluster') }] },
      { id: 'results', buttons: [
        { id: 'segmentSummary', icon: '▤', action: onDataset('segment-summary') },
        { id: 'segmentOverview', icon: '◔', action: onProject('segment-overview') },
        { id: 'segmentMigration', icon: '⇆', action: onProject('segment-migration') },
      ] },
    ],
  },
  {
    id: 'analyze',
    groups: [
      { id: 'describe', buttons: [
        { id: 'pivot', icon: '⊟', action: onDataset('pivot') },
        { id: 'charts', icon: '▁▃▅', action: onDataset('charts') },
      ] },
      { id: 'preference', buttons: [{ id: 'crosstab', icon: 'TGI', action: onDataset('crosstab') }] },
    ],
  },
  {
    id: 'report',
    groups: [
      { id: 'report', buttons: [{ id: 'report', icon: '▥', action: onProject('report'), shortcut: 'Ctrl+E' }] },
      { id: 'exportData', buttons: [{ id: 'exportView', icon: '⤓', action: run('export') }] },
    ],
  },
];
