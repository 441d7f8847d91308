import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ProjectStore } from '../store/project-store';
import { generateDemo } from './demo-data';

export const DEMO_FILE_NAME = 'demo.kequn';

/**
 * Returns the path of the demo project, creating it on first use. Creation is one transaction,
 * so an interrupted first start leaves no half demo behind (the next start builds it again).
 */
export function ensureDemoProject(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, DEMO_FILE_NAME);
  if (existsSync(path)) {
    const store = ProjectStore.open(path);
    const ready = store.listDatasets().length > 0;
    store.close();
    if (ready) return path;
  }
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
  return path;
}
