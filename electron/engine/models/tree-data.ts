import type { ColumnInfo } from '../../../shared/contract/datasets';
import { KequnError } from '../../../shared/contract/errors';
import type { TreeModel } from '../../../shared/contract/tree';
import { readerFor } from '../cluster/model-record';
import { resolveColumn } from '../store/column-reader';
import type { ProjectStore } from '../store/project-store';
import type { TreeFeature } from './cart';
import type { RuleColumn } from './tree-rules';

/**
 * Dataset columns → the tree's typed inputs. Text columns are categories (dictionary codes);
 * every other type (numbers, dates as epoch ms, booleans) is numeric. Levels of a stored model are
 * fixed at training: reading another dataset maps its values onto those levels (unseen = −2,
 * which never matches a subset and so goes right, as a new level should).
 */
export function modelInvalid(en: string, zh: string, details?: Record<string, string | number>): KequnError {
  return new KequnError('MODEL_INVALID', en, { zh, ...(details ? { details } : {}) });
}

export function treeFeatures(store: ProjectStore, datasetId: string, columns: ColumnInfo[]): TreeFeature[] {
  const reader = readerFor(store);
  return columns.map((info): TreeFeature => {
    if (info.type === 'text') {
      const c = reader.category(datasetId, info.key);
      return { name: info.name, kind: 'category', codes: c.codes, levels: c.labels };
    }
    return { name: info.name, kind: 'numeric', values: reader.numeric(datasetId, info.key).values };
  });
}

export function resolveColumns(store: ProjectStore, datasetId: string, names: string[], exclude: string | null): ColumnInfo[] {
  const ds = store.getDataset(datasetId);
  const seen = new Set<string>();
  return names.map((name) => {
    const info = resolveColumn(ds.columns, name);
    if (info.key === exclude) throw modelInvalid(`"${info.name}" is the segment column itself`, `“${info.name}”就是细分结果列本身，不能用来解释它`, { column: info.name });
    if (seen.has(info.key)) throw modelInvalid(`Column "${info.name}" is selected twice`, `列“${info.name}”被重复选择`, { column: info.name });
    seen.add(info.key);
    return info;
  });
}

/** Rule columns (names, integer/date display) from the features and training rows. */
export function ruleColumns(columns: ColumnInfo[], features: TreeFeature[], rows: Int32Array): RuleColumn[] {
  return features.map((f, j) => {
    const info = columns[j]!;
    if (f.kind === 'category') return { name: info.name, kind: 'category', integer: false, date: false, levels: [...f.levels] };
    let integer = true;
    for (const r of rows) {
      if (!Number.isInteger(f.values[r]!)) {
        integer = false;
        break;
      }
    }
    return { name: info.name, kind: 'numeric', integer, date: info.type === 'date' || info.type === 'datetime', levels: [] };
  });
}

/** A stored model's features on any dataset with the same column names (levels mapped by text). */
export function storedFeatures(store: ProjectStore, datasetId: string, model: TreeModel, sameDataset: boolean): TreeFeature[] {
  const ds = store.getDataset(datasetId);
  const reader = readerFor(store);
  return model.columns.map((c): TreeFeature => {
    const info = resolveColumn(ds.columns, sameDataset ? c.key : c.name);
    if (c.kind === 'numeric') return { name: c.name, kind: 'numeric', values: reader.numeric(ds.id, info.key).values };
    const cat = reader.category(ds.id, info.key);
    const index = new Map(c.levels.map((l, i) => [l, i]));
    const map = cat.labels.map((l) => index.get(l) ?? -2);
    const codes = Int32Array.from(cat.codes, (code) => (code < 0 ? -1 : map[code]!));
    return { name: c.name, kind: 'category', codes, levels: c.levels };
  });
}
