import type { CrosstabSpec, PivotSpec } from '../../../shared/contract/analyze';
import type { OverviewAnalysis, ProjectOverview } from '../../../shared/contract/project-overview';
import { listPivots } from '../analyze/pivot-store';
import { listReports } from '../report/report-log-store';
import type { ProjectStore } from '../store/project-store';
import { listSegmentations } from '../store/segmentation-store';

/**
 * What the project has produced so far, from the stores' own list functions only (no SQL here):
 * the workflow panel turns it into steps done and the next one to take.
 */
export function projectOverview(store: ProjectStore): ProjectOverview {
  const datasets = store.listDatasets();
  const analyses = listPivots(store).map((p): OverviewAnalysis => {
    const base = { id: p.id, datasetId: p.datasetId, name: p.name, updatedAt: p.updatedAt };
    // The kind says which spec it holds (pivot-store parses each with its own schema).
    return p.kind === 'pivot' ? { ...base, kind: 'pivot', spec: p.spec as PivotSpec } : { ...base, kind: 'crosstab', spec: p.spec as CrosstabSpec };
  });
  return {
    project: store.info(),
    datasets: datasets.map((d) => ({
      id: d.id,
      name: d.name,
      kind: d.kind,
      rowCount: d.rowCount,
      columns: d.columns.map((c) => ({ name: c.name, type: c.type })),
      source: d.source,
      createdAt: d.createdAt,
      updatedAt: d.updatedAt,
    })),
    segmentations: listSegmentations(store).map((s) => ({
      id: s.id,
      datasetId: s.datasetId,
      name: s.name,
      method: s.method,
      segmentCount: s.segments.length,
      customers: s.segments.reduce((n, x) => n + x.count, 0),
      createdAt: s.createdAt,
    })),
    analyses,
    reports: listReports(store),
  };
}
