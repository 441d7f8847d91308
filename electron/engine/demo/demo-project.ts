import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ProjectStore } from '../store/project-store';
import { buildDemoAnalyses, type DemoStep } from './demo-analyses';
import { generateDemo } from './demo-data';

export const DEMO_FILE_NAME = 'demo.kequn';

/** Progress of a first start: the tables, then the analyses (steps of 6); `step` names the part being built. */
export type DemoProgress = (done: number, total: number, step: DemoStep | 'data' | 'done') => void;

const STEPS: DemoStep[] = ['rfm', 'segment', 'crosstab', 'report'];

/**
 * Returns the path of the demo project, creating it on first use: the generated customers and
 * orders, then the finished workflow (RFM, RFM-8 segmentation, saved cross-tab, report) made
 * through the engine's public contract. It is built under a temporary name and renamed when
 * complete, so an interrupted first start leaves no half demo behind (the next start builds it
 * again). An existing demo is left as it is (the user may have worked in it).
 */
export async function ensureDemoProject(dataDir: string, progress: DemoProgress = () => undefined): Promise<string> {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, DEMO_FILE_NAME);
  if (existsSync(path)) {
    const store = ProjectStore.open(path);
    const ready = store.listDatasets().length > 0;
    store.close();
    if (ready) return path;
  }
  const building = join(dataDir, `${DEMO_FILE_NAME}.building-${process.pid}`);
  removeProjectFile(building);
  const total = STEPS.length + 2;
  try {
    progress(0, total, 'data');
    writeDemoTables(building);
    progress(1, total, 'data');
    // Imported lazily: the engine host imports this module (project.openDemo), so a static import would be a cycle.
    const { Engine } = await import('../host/engine');
    const engine = new Engine({ dataDir, log: () => undefined });
    try {
      const client = engine.createClient();
      await client.call('project.open', { path: building });
      await buildDemoAnalyses(client, dataDir, (step) => progress(2 + STEPS.indexOf(step), total, step));
    } finally {
      engine.dispose();
    }
    removeProjectFile(path);
    renameSync(building, path);
    progress(total, total, 'done');
  } finally {
    removeProjectFile(building);
  }
  return path;
}

function writeDemoTables(path: string): void {
  const store = ProjectStore.open(path, { create: true, name: '示例项目 Demo', demo: true });
  try {
    store.write(() => {
      for (const table of generateDemo()) {
        store.createDataset({ name: table.name, kind: 'demo', source: 'Kequn demo generator (seed 20240101)', columns: table.columns }, table.rows);
      }
    });
  } finally {
    store.close();
  }
}

/** A project file and the WAL/SHM files SQLite may have left beside it. */
function removeProjectFile(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}
