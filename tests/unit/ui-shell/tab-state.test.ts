import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The tab rules as pure functions (renderer/src/app/tab-state.ts), loaded at run time like the other renderer logic. */
const RENDERER = resolve(__dirname, '..', '..', '..', 'renderer', 'src');

// The renderer is its own TypeScript project (DOM types), so the module's shape is restated here.
interface Tab {
  id: string;
  viewId: string;
  datasetId: string | null;
  params: Record<string, unknown>;
  key: string;
  rev: number;
}
interface State {
  tabs: Tab[];
  active: string | null;
  lastDatasetId: string | null;
}
interface Opening {
  viewId: string;
  datasetId: string | null;
  params: Record<string, unknown>;
  hasParams: boolean;
  key: string;
}
interface TabStateModule {
  EMPTY_TABS: State;
  openTabIn(state: State, o: Opening, newId: string): { state: State; id: string };
  closeTabIn(state: State, tabId: string): State;
  closeOthersIn(state: State, tabId: string): State;
  closeToRightIn(state: State, tabId: string): State;
  activateIn(state: State, tabId: string): State;
  cycleIn(state: State, step: 1 | -1): State;
}
const load = async (): Promise<TabStateModule> => (await import(pathToFileURL(resolve(RENDERER, 'app/tab-state.ts')).href)) as TabStateModule;

const open = (viewId: string, datasetId: string | null, params: Record<string, unknown> = {}, hasParams = false, key = ''): Opening => ({ viewId, datasetId, params, hasParams, key });

describe('tabs: one per view and dataset', () => {
  it('reuses the tab of the same view and dataset, handing it new params (and a new revision)', async () => {
    const s = await load();
    let st = s.EMPTY_TABS;
    st = s.openTabIn(st, open('grid', 'd1'), 't1').state;
    st = s.openTabIn(st, open('pivot', 'd1'), 't2').state;
    const again = s.openTabIn(st, open('grid', 'd1'), 't3');
    expect(again.id).toBe('t1');
    expect(again.state.tabs.map((t) => t.id)).toEqual(['t1', 't2']);
    expect(again.state.active).toBe('t1');
    expect(again.state.tabs[0]!.rev).toBe(0);
    // A drill-down opens the grid with filters: the same tab, remounted with them.
    const filters = { filters: [{ kind: 'empty', column: 'c1' }] };
    const drilled = s.openTabIn(again.state, open('grid', 'd1', filters, true), 't4');
    expect(drilled.id).toBe('t1');
    expect(drilled.state.tabs).toHaveLength(2);
    expect(drilled.state.tabs[0]).toMatchObject({ params: filters, rev: 1 });
    // Opening it plainly afterwards keeps those filters (a click on the dataset only focuses).
    expect(s.openTabIn(drilled.state, open('grid', 'd1'), 't5').state.tabs[0]).toMatchObject({ params: filters, rev: 1 });
    // Another dataset or another key is another tab.
    expect(s.openTabIn(st, open('grid', 'd2'), 't6').state.tabs).toHaveLength(3);
    expect(s.openTabIn(st, open('import', null, { path: 'a.xlsx' }, true, 'a.xlsx'), 't7').state.tabs).toHaveLength(3);
  });

  it('closes to the right, others and one tab, focusing as a spreadsheet does', async () => {
    const s = await load();
    let st = s.EMPTY_TABS;
    for (const [i, v] of ['grid', 'pivot', 'charts', 'rfm'].entries()) st = s.openTabIn(st, open(v, 'd1'), `t${i + 1}`).state;
    st = s.activateIn(st, 't4');
    const right = s.closeToRightIn(st, 't2');
    expect(right.tabs.map((t) => t.id)).toEqual(['t1', 't2']);
    // The active tab was closed: the one whose menu was used takes the focus.
    expect(right.active).toBe('t2');
    const rightKeepsActive = s.closeToRightIn(s.activateIn(st, 't1'), 't2');
    expect(rightKeepsActive.active).toBe('t1');
    expect(s.closeToRightIn(st, 't4')).toBe(st);
    const others = s.closeOthersIn(st, 't3');
    expect(others.tabs.map((t) => t.id)).toEqual(['t3']);
    expect(others.active).toBe('t3');
    const closed = s.closeTabIn(s.activateIn(st, 't2'), 't2');
    expect(closed.active).toBe('t3');
    expect(s.closeTabIn(closed, 't4').active).toBe('t3');
    expect(s.cycleIn(st, 1).active).toBe('t1');
    expect(s.cycleIn(st, -1).active).toBe('t3');
  });

  it('remembers the last dataset shown while a project view is active, until its tabs close', async () => {
    const s = await load();
    let st = s.EMPTY_TABS;
    st = s.openTabIn(st, open('grid', 'd1'), 't1').state;
    expect(st.lastDatasetId).toBe('d1');
    st = s.openTabIn(st, open('workflow', null), 't2').state;
    expect(st.active).toBe('t2');
    expect(st.lastDatasetId).toBe('d1');
    st = s.closeTabIn(st, 't1');
    expect(st.lastDatasetId).toBeNull();
  });
});
