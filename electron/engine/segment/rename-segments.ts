import type { JsonValue } from '../../../shared/contract/json';
import type { SegmentationInfo } from '../../../shared/contract/segmentations';
import type { ProjectStore } from '../store/project-store';
import { segmentInvalid } from './segment-error';

/** A rename and/or new action for one segment, by its current name. */
export interface SegmentTextChange {
  segment: string;
  name?: string;
  action?: string | null;
}

/** A k-means model names its clusters in the definition too; other definitions carry no names. */
function renameInDefinition(definition: JsonValue, renames: ReadonlyMap<string, string>): JsonValue {
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) return definition;
  const clusters = definition.clusters;
  if (definition.kind !== 'kmeans-model' || !Array.isArray(clusters)) return definition;
  return {
    ...definition,
    clusters: clusters.map((c) => {
      if (typeof c !== 'object' || c === null || Array.isArray(c) || typeof c.name !== 'string') return c;
      const to = renames.get(c.name);
      return to === undefined ? c : { ...c, name: to, nameEn: to };
    }),
  };
}

/**
 * The one rename service for segments and clusters: renames and action texts change together in
 * the label column (a new dictionary over the same codes), the summary, the stored model
 * (k-means cluster names) and the edited description cards, in one transaction. Actions not
 * mentioned are kept.
 */
export function renameSegments(store: ProjectStore, segmentationId: string, changes: readonly SegmentTextChange[]): SegmentationInfo {
  const seg = store.tables.segmentations.get(segmentationId);
  const segments = seg.segments.map((s) => ({ ...s }));
  const renames = new Map<string, string>();
  for (const c of changes) {
    const target = segments.find((s) => s.name === c.segment);
    if (!target) throw segmentInvalid(`No segment named ${c.segment}`, `没有名为“${c.segment}”的细分`, { segment: c.segment });
    if (c.name !== undefined && c.name !== target.name) {
      renames.set(target.name, c.name);
      target.name = c.name;
    }
    if (c.action !== undefined) target.action = c.action;
  }
  const names = segments.map((s) => s.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw segmentInvalid(`Segment name already used: ${dup}`, `细分名称已存在：${dup}`, { segment: dup });
  store.write(() => {
    if (renames.size > 0 && store.datasets.has(seg.datasetId)) {
      const col = store.datasets.state(seg.datasetId).columns.find((c) => c.key === seg.columnKey);
      if (col) {
        const src = store.source(col.dataId);
        let dataId: number;
        if (src.info.localChunks === 0) dataId = store.relabelData(col.dataId, src.dict().map((l) => renames.get(l) ?? l));
        else {
          const { builders, finish } = store.columnBuilders(1);
          for (let p = 0; p < src.rows; p++) {
            const v = src.cellAt(p);
            builders[0]!.append(typeof v === 'string' ? (renames.get(v) ?? v) : v);
          }
          dataId = finish()[0]!;
        }
        store.datasets.replaceColumnData(seg.datasetId, seg.columnKey, dataId);
      }
      store.tables.cards.rename(seg.id, [...renames]);
    }
    store.tables.segmentations.update(seg.id, { segments, definition: renameInDefinition(seg.definition, renames) });
  });
  store.collectGarbage();
  return store.tables.segmentations.get(seg.id);
}
