import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { KequnError } from '../../../shared/contract/errors';
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
 * the target under a temporary name and renamed over it, so a failure never leaves a half
 * written file where the user's file was.
 */
export function copyProjectTo(store: ProjectStore, target: string): void {
  const folder = dirname(target);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new KequnError('FILE_WRITE_FAILED', `Folder does not exist: ${folder}`, {
      zh: `文件夹不存在：${folder}`,
      details: { path: target },
    });
  }
  if (existsSync(target) && statSync(target).isDirectory()) {
    throw new KequnError('FILE_WRITE_FAILED', `A folder has this name: ${target}`, {
      zh: `已有同名文件夹：${target}`,
      details: { path: target },
    });
  }
  const temp = join(folder, `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    store.db.prepare('VACUUM INTO ?').run(temp);
    markAsSavedCopy(temp, basename(target, extname(target)));
    // Stale WAL files of the replaced file would otherwise be replayed into the new one.
    rmSync(`${target}-wal`, { force: true });
    rmSync(`${target}-shm`, { force: true });
    renameSync(temp, target);
  } catch (cause) {
    rmSync(temp, { force: true });
    throw new KequnError('FILE_WRITE_FAILED', `Could not write the project to ${target}`, {
      zh: `无法保存项目到：${target}`,
      details: { path: target },
      cause,
    });
  }
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
      throw new KequnError('VALIDATION', 'Save-as target is the open project itself', {
        zh: '另存为的目标就是当前项目文件',
        details: { path: target },
      });
    }
    ctx.progress(0, 2, 'copy');
    await ctx.checkpoint();
    copyProjectTo(store, target);
    ctx.progress(1, 2, 'open');
    // From here on the copy is the open project; the old file stays as it was.
    const next = ctx.openProject(target);
    ctx.progress(2, 2, 'open');
    return next.info();
  },
} satisfies Pick<EngineHandlers, 'project.saveAs'>;
