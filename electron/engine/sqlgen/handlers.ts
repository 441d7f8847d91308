import type { SqlExportResult, SqlTargetInfo } from '../../../shared/contract/sql';
import type { EngineHandlers } from '../host/context';
import { listTagSets } from '../segment/tags';
import { readRfmOrigin } from '../store/dataset-origin';
import type { ProjectStore } from '../store/project-store';
import { listModels } from '../store/model-store';
import { listSegmentations } from '../store/segmentation-store';
import { checkSql } from './check';
import { generateSql } from './generate';
import { resolveTarget } from './request-builder';
import type { SqlTarget } from '../../../shared/contract/sql';

type SqlMethods = 'sql.targets' | 'sql.export' | 'sql.check';

/** Segmentation methods with a SQL form (Ward's tree cut and CLV tiers have none: see the README). */
const EXPORTABLE = new Set(['rfm8', 'pareto', 'lifecycle', 'rules', 'template', 'kmeans', 'kprototypes']);
const AUTO = { from: 'auto', columnMap: {}, asOf: 'saved' } as const;

/** Everything in the project that can be exported as SQL, with its default source. */
export function listTargets(store: ProjectStore, datasetId?: string): SqlTargetInfo[] {
  const datasets = datasetId ? [store.getDataset(datasetId)] : store.listDatasets();
  const targets: SqlTarget[] = [];
  for (const ds of datasets) {
    if (readRfmOrigin(store, ds.id)) targets.push({ kind: 'rfm', datasetId: ds.id });
    for (const seg of listSegmentations(store, ds.id)) if (EXPORTABLE.has(seg.method)) targets.push({ kind: 'segmentation', segmentationId: seg.id });
    for (const set of listTagSets(store, ds.id)) targets.push({ kind: 'tags', datasetId: ds.id, tagSet: set.name });
    for (const m of listModels(store, { datasetId: ds.id })) targets.push({ kind: 'model', modelId: m.id });
  }
  return targets.flatMap((target) => {
    try {
      const t = resolveTarget(store, target, { ...AUTO, columnMap: {} }, false);
      return [{ target, name: t.name, model: t.request.model.kind, datasetId: t.dataset.id, datasetName: t.dataset.name, defaultFrom: t.from, defaultTable: t.defaultTable, sourceColumns: t.sourceColumns }];
    } catch {
      // A record that no longer resolves (a column removed since) is simply not offered.
      return [];
    }
  });
}

function fileName(name: string, dialect: string): string {
  const safe = name.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 80) || 'model';
  return `${safe}.${dialect}.sql`;
}

export const sqlHandlers = {
  'sql.targets': (p, ctx) => listTargets(ctx.store(), p.datasetId),
  'sql.export': (p, ctx): SqlExportResult => {
    const t = resolveTarget(ctx.store(), p.target, p.source, false);
    const g = generateSql(t.request, p.dialect);
    return { dialect: p.dialect, sql: g.sql, outputs: g.outputs, notes: g.notes, from: t.from, table: t.request.source.table, fileName: fileName(t.name, p.dialect) };
  },
  'sql.check': (p, ctx) => checkSql(ctx.store(), p.target, p.source, ctx),
} satisfies Pick<EngineHandlers, SqlMethods>;
