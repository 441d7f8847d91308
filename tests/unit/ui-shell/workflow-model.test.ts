import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ProjectOverview } from '../../../shared/contract/project-overview';

/** The workflow panel's rules (renderer/src/features/workflow/workflow-model.ts) on hand-made overviews. */
const RENDERER = resolve(__dirname, '..', '..', '..', 'renderer', 'src');
interface Step {
  id: string;
  status: string;
  items: { kind: string; name: string; count: number; open: { viewId: string; datasetId: string | null; params?: Record<string, unknown> } | null }[];
  action: { viewId: string; datasetId: string | null; params?: Record<string, unknown> } | null;
}
interface WorkflowModule {
  workflowState(o: ProjectOverview, cleanSteps: Record<string, number>): { steps: Step[]; next: string | null };
}
const load = async (): Promise<WorkflowModule> => (await import(pathToFileURL(resolve(RENDERER, 'features/workflow/workflow-model.ts')).href)) as WorkflowModule;

const project = { path: '/p.kequn', name: 'p', schemaVersion: 7, createdAt: '', appVersion: '', datasetCount: 0, isDemo: false };
const dataset = (id: string, name: string, kind: 'import' | 'derived', columns: [string, string][]) => ({
  id,
  name,
  kind,
  rowCount: 10,
  columns: columns.map(([n, type]) => ({ name: n, type: type as 'text' })),
  source: null,
  createdAt: '',
  updatedAt: '',
});
const empty: ProjectOverview = { project, datasets: [], segmentations: [], analyses: [], reports: [] };
const statuses = (steps: Step[]): string[] => steps.map((s) => `${s.id}:${s.status}`);

describe('workflow steps and the next one', () => {
  it('an empty project: import is next, nothing else is reached', async () => {
    const { workflowState } = await load();
    const w = workflowState(empty, {});
    expect(w.next).toBe('prepare');
    expect(statuses(w.steps)).toEqual(['prepare:next', 'clean:todo', 'metrics:todo', 'describe:todo', 'segment:todo', 'preference:todo', 'report:todo']);
    expect(w.steps[0]!.action).toEqual({ viewId: 'import', datasetId: null });
  });

  it('after an import of orders: cleaning is next, and RFM is offered on the order table', async () => {
    const { workflowState } = await load();
    const o = { ...empty, datasets: [dataset('d1', '客户', 'import', [['客户', 'text']]), dataset('d2', '订单', 'import', [['客户', 'text'], ['付款时间', 'datetime'], ['实付金额', 'currency']])] };
    const w = workflowState(o, {});
    expect(w.next).toBe('clean');
    expect(w.steps[0]!.items.map((i) => [i.name, i.open?.viewId])).toEqual([['客户', 'grid'], ['订单', 'grid']]);
    expect(w.steps[1]!.action).toEqual({ viewId: 'clean', datasetId: 'd2' });
    expect(w.steps[2]!.action).toEqual({ viewId: 'rfm', datasetId: 'd2' });
    // Cleaning steps count as done; metrics is next.
    const cleaned = workflowState(o, { d2: 3 });
    expect(cleaned.next).toBe('metrics');
    expect(cleaned.steps[1]!.items).toEqual([expect.objectContaining({ kind: 'cleanSteps', name: '订单', count: 3, open: { viewId: 'clean', datasetId: 'd2' } })]);
  });

  it('a later step done marks the optional ones before it skipped; results reopen in their own views', async () => {
    const { workflowState } = await load();
    const o: ProjectOverview = {
      ...empty,
      datasets: [dataset('d1', '订单', 'import', [['日期', 'date'], ['金额', 'decimal']]), dataset('d2', 'RFM-订单', 'derived', [['客户', 'text'], ['R', 'integer'], ['F', 'integer'], ['M', 'decimal']])],
      segmentations: [
        { id: 's1', datasetId: 'd2', name: 'RFM八类', method: 'rfm8', segmentCount: 8, customers: 10, createdAt: '' },
        { id: 's2', datasetId: 'd2', name: '聚类', method: 'kmeans', segmentCount: 4, customers: 10, createdAt: '' },
      ],
    };
    const w = workflowState(o, {});
    expect(statuses(w.steps)).toEqual(['prepare:done', 'clean:skipped', 'metrics:done', 'describe:skipped', 'segment:done', 'preference:next', 'report:todo']);
    expect(w.steps[4]!.items.map((i) => i.open)).toEqual([
      { viewId: 'segment-summary', datasetId: 'd2', params: { segmentationId: 's1' } },
      { viewId: 'cluster', datasetId: 'd2', params: { segmentationId: 's2' } },
    ]);
    expect(w.steps[5]!.action).toEqual({ viewId: 'crosstab', datasetId: 'd2' });
    expect(w.steps[6]!.action).toEqual({ viewId: 'report', datasetId: null, params: { segmentationId: 's2' } });
    expect(w.steps[4]!.action).toEqual({ viewId: 'segment-builder', datasetId: 'd2' });
  });

  it('every step done: no next step; a report of a removed segmentation cannot be rewritten', async () => {
    const { workflowState } = await load();
    const spec = { datasetId: 'd2', rows: { column: '细分' }, cols: { column: '品类' }, measure: { kind: 'count' as const }, filters: [], topPreferences: 3, minCellCount: 5 };
    const o: ProjectOverview = {
      ...empty,
      datasets: [dataset('d1', '订单', 'import', []), dataset('d2', 'RFM', 'derived', [])],
      segmentations: [{ id: 's1', datasetId: 'd2', name: 'RFM八类', method: 'rfm8', segmentCount: 8, customers: 10, createdAt: '' }],
      analyses: [
        { id: 'p1', datasetId: 'd1', name: '月度销售', kind: 'pivot', spec: { rows: [], cols: [], values: [], filters: [], subtotals: true, grandTotals: true }, updatedAt: '' },
        { id: 'p2', datasetId: 'd2', name: '偏好', kind: 'crosstab', spec, updatedAt: '' },
      ],
      reports: [
        { id: 'r1', segmentationId: 's1', segmentationName: 'RFM八类', path: '/r.xlsx', lang: 'zh', sheets: ['overview'], customers: 10, createdAt: '' },
        { id: 'r2', segmentationId: 'gone', segmentationName: '旧细分', path: '/old.xlsx', lang: 'zh', sheets: ['overview'], customers: 5, createdAt: '' },
      ],
    };
    const w = workflowState(o, { d1: 1 });
    expect(w.next).toBeNull();
    expect(w.steps.every((s) => s.status === 'done')).toBe(true);
    expect(w.steps[3]!.items[0]!.open).toMatchObject({ viewId: 'pivot', datasetId: 'd1' });
    expect(w.steps[5]!.items[0]!.open).toEqual({ viewId: 'crosstab', datasetId: 'd2', params: { spec } });
    expect(w.steps[6]!.items.map((i) => [i.name, i.open?.viewId ?? null])).toEqual([
      ['RFM八类', 'report'],
      ['旧细分', null],
    ]);
  });
});
