import type { OverviewDataset, ProjectOverview } from '../../../../shared/contract/project-overview';
import type { OpenTabRequest } from '../../app/workspace';

/** The analyst's path (seed 000 of the domain docs), in order. */
export const WORKFLOW_STEPS = ['prepare', 'clean', 'metrics', 'describe', 'segment', 'preference', 'report'] as const;
export type WorkflowStepId = (typeof WORKFLOW_STEPS)[number];

/**
 * done: the step produced something. next: the suggested step. skipped: an optional step passed
 * over (a later step is done). todo: not reached yet.
 */
export type StepStatus = 'done' | 'next' | 'skipped' | 'todo';

/** One thing a step produced, with how to reopen it. */
export interface StepItem {
  id: string;
  kind: 'dataset' | 'cleanSteps' | 'derived' | 'pivot' | 'crosstab' | 'segmentation' | 'kmeans' | 'report';
  name: string;
  /** A count shown beside the name (rows, cleaning steps, segments, customers). */
  count: number;
  /** The report's file (shown and revealed in its folder). */
  path?: string;
  open: OpenTabRequest | null;
}

export interface WorkflowStep {
  id: WorkflowStepId;
  status: StepStatus;
  items: StepItem[];
  /** Where the step is done (the view to open to do it now), null when there is nothing to act on yet. */
  action: OpenTabRequest | null;
}

export interface WorkflowState {
  steps: WorkflowStep[];
  /** The suggested step; null when every step has produced something (repeat on next period's data). */
  next: WorkflowStepId | null;
}

const isDateType = (t: string): boolean => t === 'date' || t === 'datetime';
const isMoneyType = (t: string): boolean => t === 'currency' || t === 'decimal';

/** A transaction table: dates and amounts (what RFM is computed from). */
function looksLikeOrders(d: OverviewDataset): boolean {
  return d.columns.some((c) => isDateType(c.type)) && d.columns.some((c) => isMoneyType(c.type));
}

/**
 * The steps of the project, what each produced and the next one to take. `cleanSteps` holds the
 * applied cleaning steps per dataset (from clean.history).
 */
export function workflowState(o: ProjectOverview, cleanSteps: Readonly<Record<string, number>>): WorkflowState {
  const sources = o.datasets.filter((d) => d.kind !== 'derived');
  const derived = o.datasets.filter((d) => d.kind === 'derived');
  const orders = sources.find(looksLikeOrders) ?? sources[0] ?? null;
  const lastSegmentation = o.segmentations.at(-1) ?? null;
  const rfmLike = [...derived].reverse().find((d) => ['R', 'F', 'M'].every((n) => d.columns.some((c) => c.name === n))) ?? derived.at(-1) ?? null;
  const segmentTarget = rfmLike ?? sources[0] ?? null;
  const describeTarget = derived.at(-1) ?? sources[0] ?? null;
  const segmentationNames = new Map(o.segmentations.map((s) => [s.id, s.name]));

  const items: Record<WorkflowStepId, StepItem[]> = {
    prepare: sources.map((d) => ({ id: d.id, kind: 'dataset', name: d.name, count: d.rowCount, open: { viewId: 'grid', datasetId: d.id } })),
    clean: o.datasets
      .filter((d) => (cleanSteps[d.id] ?? 0) > 0)
      .map((d) => ({ id: `clean-${d.id}`, kind: 'cleanSteps', name: d.name, count: cleanSteps[d.id] ?? 0, open: { viewId: 'clean', datasetId: d.id } })),
    metrics: derived.map((d) => ({ id: d.id, kind: 'derived', name: d.name, count: d.rowCount, open: { viewId: 'grid', datasetId: d.id } })),
    describe: o.analyses.flatMap((a) => (a.kind === 'pivot' ? [{ id: a.id, kind: 'pivot' as const, name: a.name, count: 0, open: { viewId: 'pivot' as const, datasetId: a.datasetId, params: { spec: a.spec } } }] : [])),
    segment: o.segmentations.map((s) =>
      s.method === 'kmeans'
        ? { id: s.id, kind: 'kmeans', name: s.name, count: s.segmentCount, open: { viewId: 'cluster', datasetId: s.datasetId, params: { segmentationId: s.id } } }
        : { id: s.id, kind: 'segmentation', name: s.name, count: s.segmentCount, open: { viewId: 'segment-summary', datasetId: s.datasetId, params: { segmentationId: s.id } } },
    ),
    preference: o.analyses.flatMap((a) => (a.kind === 'crosstab' ? [{ id: a.id, kind: 'crosstab' as const, name: a.name, count: 0, open: { viewId: 'crosstab' as const, datasetId: a.spec.datasetId, params: { spec: a.spec } } }] : [])),
    report: o.reports.map((r) => ({
      id: r.id,
      kind: 'report',
      name: segmentationNames.get(r.segmentationId) ?? r.segmentationName,
      count: r.customers,
      path: r.path,
      // The report view rewrites it; a removed segmentation cannot be reported again.
      open: segmentationNames.has(r.segmentationId) ? { viewId: 'report', datasetId: null, params: { segmentationId: r.segmentationId } } : null,
    })),
  };

  const actions: Record<WorkflowStepId, OpenTabRequest | null> = {
    prepare: { viewId: 'import', datasetId: null },
    clean: sources[0] ? { viewId: 'clean', datasetId: (orders ?? sources[0]).id } : null,
    metrics: orders ? (looksLikeOrders(orders) ? { viewId: 'rfm', datasetId: orders.id } : { viewId: 'formula', datasetId: orders.id }) : null,
    describe: describeTarget ? { viewId: 'pivot', datasetId: describeTarget.id } : null,
    segment: segmentTarget ? { viewId: 'segment-builder', datasetId: segmentTarget.id } : null,
    preference: lastSegmentation ? { viewId: 'crosstab', datasetId: lastSegmentation.datasetId } : null,
    report: lastSegmentation ? { viewId: 'report', datasetId: null, params: { segmentationId: lastSegmentation.id } } : null,
  };

  let lastDone = -1;
  WORKFLOW_STEPS.forEach((id, i) => {
    if (items[id].length > 0) lastDone = i;
  });
  const nextIndex = lastDone === WORKFLOW_STEPS.length - 1 ? -1 : lastDone + 1;
  const steps = WORKFLOW_STEPS.map((id, i): WorkflowStep => {
    const status: StepStatus = items[id].length > 0 ? 'done' : i === nextIndex ? 'next' : i < lastDone ? 'skipped' : 'todo';
    return { id, status, items: items[id], action: actions[id] };
  });
  return { steps, next: nextIndex < 0 ? null : WORKFLOW_STEPS[nextIndex]! };
}
