import Database from 'better-sqlite3';
import { existsSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { KequnError } from '../../../shared/contract/errors';
import { writeAtomically } from '../files/output-file';
import type { EngineHandlers } from '../host/context';
import type { ProjectStore } from './project-store';

/** The extension a project file gets when the user typed none. */
export const PROJECT_EXTENSION = '.kequn';

export function normaliseProjectPath(path: string): string {
  const full = resolve(path);
  return extname(full) === '' ? `${full}${PROJECT_EXTENSION}` : full;
}

/**
 * Writes a compact, consistent copy of the open project to `target`. The copy is made next to
 * the target under a temporary name and renamed over it, so a failure (a full disk) never
 * leaves a half-written file, nor a journal, where the user's file was.
 */
export async function copyProjectTo(store: ProjectStore, target: string, dataDir: string): Promise<void> {
  const folder = dirname(target);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new KequnError('FILE_WRITE_FAILED', `Folder does not exist: ${folder}`, { zh: `文件夹不存在：${folder}`, details: { path: target } });
  }
  await writeAtomically(
    target,
    { openProject: store.path, dataDir },
    async (temp) => {
      try {
        store.vacuumInto(temp);
        markAsSavedCopy(temp, basename(target, extname(target)));
      } catch (e) {
        for (const suffix of ['-journal', '-wal', '-shm']) rmSync(`${temp}${suffix}`, { force: true });
        throw e;
      }
      // Stale WAL files of the replaced file would otherwise be replayed into the new one.
      rmSync(`${target}-wal`, { force: true });
      rmSync(`${target}-shm`, { force: true });
    },
    'project',
  );
}

/** A saved copy is the user's own project: named after its file, and never the demo. */
function markAsSavedCopy(file: string, name: string): void {
  const db = new Database(file);
  try {
    db.prepare("INSERT INTO project (key, value) VALUES ('name', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(name);
    db.prepare("DELETE FROM project WHERE key = 'is_demo'").run();
  } finally {
    db.close();
  }
}

export const projectFileHandlers = {
  'project.saveAs': async (p, ctx) => {
    ctx.requirePath(p.path, 'project');
    const store = ctx.store();
    const target = normaliseProjectPath(p.path);
    if (target === store.path) {
      throw new KequnError('OUTPUT_IS_PROJECT', 'Save-as target is the open project itself', {
        zh: '另存为的目标就是当前项目文件',
        details: { path: target },
      });
    }
    ctx.progress(0, 2, 'copy');
    await ctx.checkpoint();
    await copyProjectTo(store, target, ctx.dataDir);
    ctx.progress(1, 2, 'open');
    // From here on the copy is the open project; the old file stays as it was.
    const next = await ctx.openProject(target);
    ctx.progress(2, 2, 'open');
    return next.info();
  },
} satisfies Pick<EngineHandlers, 'project.saveAs'>;
