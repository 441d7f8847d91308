import type { ProjectCheck } from '../../electron/engine/store/project-check';
import { ProjectStore } from '../../electron/engine/store/project-store';
import type { CrashOp, TrialContext } from './crash-harness';

/** What every operation must leave behind: the old state untouched, plus all or nothing of the new. */
function newDatasets(before: ProjectCheck, after: ProjectCheck): ProjectCheck['datasets'] {
  const old = new Set(before.datasets.map((d) => d.id));
  return after.datasets.filter((d) => !old.has(d.id));
}

export function keptCommitted(before: ProjectCheck, after: ProjectCheck): string[] {
  const problems: string[] = [...after.problems];
  for (const d of before.datasets) {
    const now = after.datasets.find((x) => x.id === d.id);
    if (!now) problems.push(`committed dataset ${d.id} disappeared`);
    else if (now.rows !== d.rows) problems.push(`committed dataset ${d.id}: ${d.rows} → ${now.rows} rows`);
  }
  for (const s of before.segmentations) {
    if (!after.segmentations.some((x) => x.id === s.id)) problems.push(`committed segmentation ${s.id} disappeared`);
  }
  return problems;
}

/** An op that adds one dataset of a known size. */
function addsDataset(expectedRows: number | null): CrashOp['verify'] {
  return (before, after, completed) => {
    const problems = keptCommitted(before, after);
    const added = newDatasets(before, after);
    if (added.length > 1) problems.push(`${added.length} datasets appeared`);
    if (completed && added.length !== 1) problems.push('completed but no dataset was added');
    for (const d of added) if (expectedRows !== null && d.rows !== expectedRows) problems.push(`partial dataset ${d.id}: ${d.rows} of ${expectedRows} rows`);
    return problems;
  };
}

export const IMPORT_ROWS = 150_000;
export const CUSTOMERS = 5_000;

export const crashOps: CrashOp[] = [
  cleanOp(),
  {
    name: 'import',
    args: (c) => ['import', `${c.dir}/orders.csv`],
    verify: addsDataset(IMPORT_ROWS),
  },
  {
    name: 'rfm',
    args: (c) => ['rfm', '--dataset', c.ids.orders!, '--customer', '客户编号', '--date', '下单日期', '--amount', '金额', '--order', '订单编号'],
    verify: addsDataset(CUSTOMERS),
  },
  {
    name: 'segment',
    args: (c) => ['segment', 'rfm8', '--dataset', c.ids.rfm!],
    verify: (before, after, completed) => {
      const problems = keptCommitted(before, after);
      const added = after.segmentations.filter((s) => !before.segmentations.some((b) => b.id === s.id));
      if (added.length > 1) problems.push(`${added.length} segmentations appeared`);
      if (completed && added.length !== 1) problems.push('completed but no segmentation was saved');
      if (after.datasets.length !== before.datasets.length) problems.push('segmentation changed the dataset list');
      return problems;
    },
  },
];

/** Counts of 家具 / 办公家具 in the orders' 产品类别 column, read straight from the project file. */
export function furnitureCounts(project: string, datasetId: string): { plain: number; office: number } {
  const store = ProjectStore.open(project, { readOnly: true });
  try {
    const cells = store.snapshot(datasetId).cells('产品类别');
    const count = (v: string): number => cells.filter((c) => c === v).length;
    return { plain: count('家具'), office: count('办公家具') };
  } finally {
    store.close();
  }
}

/**
 * A cleaning step (find and replace) that flips 家具 ⇄ 办公家具: after a kill, either every
 * matching row changed or none did, and the step is in the history exactly when it was applied.
 */
export function cleanOp(): CrashOp {
  let expected = { plain: 0, office: 0 };
  let direction: [string, string] = ['家具', '办公家具'];
  return {
    name: 'clean',
    args: (c: TrialContext) => {
      expected = furnitureCounts(c.project, c.ids.orders!);
      direction = expected.plain > 0 ? ['家具', '办公家具'] : ['办公家具', '家具'];
      return ['clean', 'replace', '--dataset', c.ids.orders!, '--columns', '产品类别', '--find', direction[0], '--replace', direction[1], '--mode', 'exact'];
    },
    verify: (before, after, completed, c?: TrialContext) => {
      const problems = keptCommitted(before, after);
      if (!c) return problems;
      const now = furnitureCounts(c.project, c.ids.orders!);
      const total = expected.plain + expected.office;
      const untouched = now.plain === expected.plain && now.office === expected.office;
      const applied = direction[0] === '家具' ? now.plain === 0 && now.office === total : now.office === 0 && now.plain === total;
      if (!untouched && !applied) problems.push(`partial replace: ${JSON.stringify(now)} from ${JSON.stringify(expected)}`);
      if (completed && !applied) problems.push('completed but the replace is not visible');
      return problems;
    },
  };
}
