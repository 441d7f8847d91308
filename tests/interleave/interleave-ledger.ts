import { ProjectStore } from '../../electron/engine/store/project-store';

export type ProjectName = 'A' | 'B';
/** committed: the engine replied ok. refused: a coded error or a cancel. unknown: the engine was killed first. */
export type Outcome = 'committed' | 'refused' | 'unknown' | 'pending';

/** What one operation of a schedule may have left behind, named by a tag unique to it. */
export interface Expectation {
  project: ProjectName;
  kind: 'dataset' | 'segmentation' | 'column' | 'label';
  tag: string;
  outcome: Outcome;
  /** For labels: the segmentation renamed and the segment name it renamed. */
  segmentationId?: string;
  from?: string;
}

/** Every tag a project holds: dataset names, segmentation names, column names and segment labels. */
export interface ProjectContents {
  datasets: Set<string>;
  segmentations: Set<string>;
  columns: Set<string>;
  labels: Map<string, Set<string>>;
  integrity: string[];
}

export function readContents(path: string): ProjectContents {
  const store = ProjectStore.open(path, { readOnly: true });
  try {
    const datasets = store.listDatasets();
    const labels = new Map<string, Set<string>>();
    const segs = store.tables.segmentations.list();
    for (const s of segs) labels.set(s.id, new Set(s.segments.map((x) => x.name)));
    return {
      datasets: new Set(datasets.map((d) => d.name)),
      segmentations: new Set(segs.map((s) => s.name)),
      columns: new Set(datasets.flatMap((d) => d.columns.map((c) => c.name))),
      labels,
      integrity: store.integrityCheck(),
    };
  } finally {
    store.close();
  }
}

const TAG = /^[AB]-s\d+-o\d+$/;

function has(c: ProjectContents, e: Expectation): boolean {
  if (e.kind === 'dataset') return c.datasets.has(e.tag);
  if (e.kind === 'segmentation') return c.segmentations.has(e.tag);
  if (e.kind === 'column') return c.columns.has(e.tag);
  return [...c.labels.values()].some((l) => l.has(e.tag));
}

/**
 * The rules a schedule must keep: a result reported committed is in its own project; a refused
 * one is nowhere; an unknown one (killed) is in its own project or nowhere; no tag is ever in
 * the other project; both files pass SQLite's integrity check. Returns the broken rules.
 */
export function checkLedger(ledger: readonly Expectation[], contents: Record<ProjectName, ProjectContents>): string[] {
  const problems: string[] = [];
  for (const p of ['A', 'B'] as const) {
    const c = contents[p];
    if (c.integrity.length > 0) problems.push(`${p}: integrity_check: ${c.integrity.join('; ')}`);
    const all = [...c.datasets, ...c.segmentations, ...c.columns, ...[...c.labels.values()].flatMap((l) => [...l])];
    for (const tag of all) {
      if (!TAG.test(tag)) continue;
      const mine = ledger.find((e) => e.tag === tag);
      if (!mine) problems.push(`${p}: holds ${tag}, which no operation made`);
      else if (mine.project !== p) problems.push(`${p}: holds ${tag}, made by work bound to project ${mine.project}`);
    }
  }
  for (const e of ledger) {
    const own = contents[e.project];
    const other = contents[e.project === 'A' ? 'B' : 'A'];
    if (e.outcome === 'pending') problems.push(`${e.tag}: never settled`);
    if (has(other, e)) problems.push(`${e.tag} (${e.kind}, ${e.outcome}) is in the other project`);
    if (e.outcome === 'refused' && has(own, e)) problems.push(`${e.tag} (${e.kind}) was refused or cancelled but is there`);
    if (e.outcome !== 'committed' || has(own, e)) continue;
    // A committed label may since have been renamed again by a later rename of that segment.
    const renamedAway = e.kind === 'label' && ledger.some((l) => l.kind === 'label' && l.from === e.tag && l.segmentationId === e.segmentationId && l.outcome !== 'refused');
    if (!renamedAway) problems.push(`${e.tag} (${e.kind}) was reported committed but is missing`);
  }
  return problems;
}
