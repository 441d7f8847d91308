import type { TagCount } from '../../../shared/contract/segment';
import type { TagSet } from '../../../shared/contract/segment-schemes';
import type { ProjectStore } from '../store/project-store';
import { CellCache, compileAll } from './conditions';
import { findColumn, readRowIds, rowsById } from './dataset-access';
import { segmentInvalid } from './segment-error';
import type { SegmentWork } from './work';

type RowTagger = (row: number) => string[];

/**
 * Applies a tag set: every rule of every group adds its tag to each matching customer, so a
 * customer can carry any number of tags (unlike a segment scheme). Re-applying a set with the
 * same name replaces its tags; other sets are untouched. One transaction.
 */
export async function applyTags(work: SegmentWork, datasetId: string, set: TagSet, preview: boolean): Promise<{ tags: TagCount[]; taggedCustomers: number }> {
  const ds = work.snapshot(datasetId).info;
  const cache = new CellCache(work, ds);
  const groups = set.groups.map((g, gi) => {
    const taggers: RowTagger[] = g.rules.map((rule, ri) => {
      const where = { en: `Tag group ${g.group}, rule ${ri + 1}`, zh: `标签组“${g.group}”第 ${ri + 1} 条` };
      if ('tag' in rule) {
        if (rule.tag.trim() === '') throw segmentInvalid(`${where.en} has an empty tag`, `${where.zh}的标签为空`, { group: gi + 1, rule: ri + 1 });
        const test = compileAll(cache, rule.when, where);
        const tag = rule.tag.trim();
        return (row) => (test(row) ? [tag] : []);
      }
      const cells = cache.cells(findColumn(ds, rule.fromColumn).key);
      return (row) => {
        const v = cells[row];
        if (v === null || v === undefined || String(v).trim() === '') return [];
        const text = String(v).trim();
        return [`${rule.prefix ?? ''}${rule.map?.[text] ?? text}`];
      };
    });
    return { group: g.group, taggers };
  });
  const rowIds = readRowIds(work, ds.id);
  const found: { row: number; group: string; tag: string }[] = [];
  const tagged = new Set<number>();
  for (let i = 0; i < rowIds.length; i++) {
    for (const g of groups) {
      const tags = new Set(g.taggers.flatMap((t) => t(i)));
      for (const tag of tags) {
        found.push({ row: rowIds[i]!, group: g.group, tag });
        tagged.add(i);
      }
    }
    if (i % 20_000 === 19_999) {
      work.progress(i + 1, rowIds.length, 'tags', { name: set.name });
      await work.checkpoint();
    }
  }
  const counts = new Map<string, TagCount>();
  for (const f of found) {
    const k = `${f.group}\u0000${f.tag}`;
    const c = counts.get(k) ?? { tagSet: set.name, group: f.group, tag: f.tag, count: 0 };
    c.count++;
    counts.set(k, c);
  }
  if (!preview) work.commit(() => work.store.tables.tags.replace(ds.id, set, found));
  return { tags: [...counts.values()], taggedCustomers: tagged.size };
}

export function listTags(store: ProjectStore, datasetId: string): TagCount[] {
  return store.tables.tags.counts(store.getDataset(datasetId).id);
}

/** Customers carrying a tag (any set, or one set), in row order, one page at a time. */
export function customersWithTag(store: ProjectStore, datasetId: string, tag: string, tagSet: string | undefined, offset: number, limit: number) {
  const ds = store.getDataset(datasetId);
  const { total, rowIds } = store.tables.tags.rowsWithTag(ds.id, tag, tagSet, offset, limit);
  return { total, customers: rowsById(store, ds, rowIds) };
}

/** The tag sets applied to a dataset, with their definitions (parsed), by name. */
export function listTagSets(store: ProjectStore, datasetId: string): TagSet[] {
  return store.tables.tags.sets(store.getDataset(datasetId).id);
}

/** Tags per dataset row position (0-based, _row order) of one tag set: "group\u0000tag" entries. */
export function tagsByRow(store: ProjectStore, datasetId: string, tagSet: string): Map<number, Set<string>> {
  const id = store.getDataset(datasetId).id;
  const positions = new Map(readRowIds(store, id).map((row, i) => [row, i]));
  const out = new Map<number, Set<string>>();
  for (const r of store.tables.tags.rowTags(id, tagSet)) {
    const pos = positions.get(r.rowId);
    if (pos === undefined) continue;
    let set = out.get(pos);
    if (!set) out.set(pos, (set = new Set()));
    set.add(`${r.group}\u0000${r.tag}`);
  }
  return out;
}
