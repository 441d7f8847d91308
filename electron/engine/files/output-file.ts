import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { KequnError } from '../../../shared/contract/errors';
import { storageError } from '../store/sqlite-errors';

/** The guard for a call: the project it is bound to and the app folder. */
export function outputGuard(ctx: { dataDir: string; maybeStore(): { path: string } | null }): OutputGuard {
  return { openProject: ctx.maybeStore()?.path ?? null, dataDir: ctx.dataDir };
}

/** What a writer must know to refuse dangerous targets and to clean up after itself. */
export interface OutputGuard {
  /** Full path of the open project file, if any. */
  openProject: string | null;
  /** App data folder: where unfinished temp files are recorded until they are gone. */
  dataDir: string;
}

const PROJECT_SUFFIXES = ['.kequn', '.kequn-wal', '.kequn-shm', '.kequn-journal'];
const COMPANIONS = ['', '-wal', '-shm', '-journal'];
/** Temp files start with this, so a user (and the sweep) can tell them apart. */
export const TEMP_PREFIX = '.~kequn-';

function refuse(full: string, why: string, whyZh: string): KequnError {
  return new KequnError('OUTPUT_IS_PROJECT', `Refusing to write ${full}: ${why}`, {
    zh: `不能写入 ${full}：${whyZh}`,
    details: { path: full },
  });
}

function sameFile(a: string, b: string): boolean {
  if (!existsSync(a) || !existsSync(b)) return false;
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/**
 * Checks an output path before anything is written. Exports and reports never go to a project
 * file (.kequn) or its -wal/-shm/-journal companions, nor to the open project under any name
 * (a symlink or hard link to it); a save-as (`kind: 'project'`) may write a .kequn, but never
 * over the open project or a companion file. Returns the full path.
 */
export function assertOutputPath(target: string, guard: Pick<OutputGuard, 'openProject'>, kind: 'file' | 'project' = 'file'): string {
  const full = resolve(target);
  const lower = full.toLowerCase();
  if (existsSync(full) && statSync(full).isDirectory()) {
    throw new KequnError('FILE_WRITE_FAILED', `A folder has this name: ${full}`, { zh: `已有同名文件夹：${full}`, details: { path: full } });
  }
  if (guard.openProject) {
    const project = resolve(guard.openProject);
    for (const suffix of COMPANIONS) {
      const companion = `${project}${suffix}`;
      if (full === companion || sameFile(full, companion) || (existsSync(full) && realpathSync(full) === companion)) {
        throw refuse(full, 'it is the open project file or one of its companion files', '这是当前打开的项目文件或其配套文件');
      }
    }
  }
  if (kind === 'file' && PROJECT_SUFFIXES.some((s) => lower.endsWith(s))) {
    throw refuse(full, 'exports and reports are never written as project files (.kequn)', '导出和报告不能保存为项目文件（.kequn）');
  }
  if (kind === 'project' && ['-wal', '-shm', '-journal'].some((s) => lower.endsWith(s))) {
    throw refuse(full, 'that name is reserved for SQLite companion files', '该名称是 SQLite 配套文件专用的');
  }
  return full;
}

function registryPath(dataDir: string): string {
  return join(dataDir, 'pending-temp-files.json');
}

function readRegistry(dataDir: string): string[] {
  try {
    const v: unknown = JSON.parse(readFileSync(registryPath(dataDir), 'utf8'));
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function writeRegistry(dataDir: string, paths: string[]): void {
  try {
    // No file when nothing is pending, so the app folder holds only what the user made.
    if (paths.length === 0) return rmSync(registryPath(dataDir), { force: true });
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(registryPath(dataDir), JSON.stringify(paths));
  } catch {
    // The registry only speeds up clean-up after a crash; a write that cannot record is still safe.
  }
}

/**
 * Removes temp files left by writes that never finished (the engine was killed mid-export).
 * Called at start-up; returns how many were removed.
 */
export function sweepTempFiles(dataDir: string): number {
  const pending = readRegistry(dataDir);
  let removed = 0;
  for (const p of pending) {
    if (basename(p).startsWith(TEMP_PREFIX) && existsSync(p)) {
      rmSync(p, { force: true });
      removed++;
    }
  }
  if (pending.length > 0) writeRegistry(dataDir, []);
  return removed;
}

/**
 * Writes to a temp file beside the target and renames it into place only when the writer
 * succeeded, so a failed, cancelled or killed export never leaves a half-written file where the
 * user's file was. The temp file is recorded in the app folder until it is gone, so one left
 * by a kill is removed at the next start.
 */
export async function writeAtomically<T>(target: string, guard: OutputGuard, write: (tempPath: string) => Promise<T>, kind: 'file' | 'project' = 'file'): Promise<T> {
  const full = assertOutputPath(target, guard, kind);
  const dir = dirname(full);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (cause) {
    throw storageError(cause, dir) ?? new KequnError('FILE_WRITE_FAILED', `Cannot create folder ${dir}`, { zh: `无法创建文件夹：${dir}`, details: { path: dir }, cause });
  }
  const temp = join(dir, `${TEMP_PREFIX}${randomBytes(4).toString('hex')}-${basename(full)}.tmp`);
  writeRegistry(guard.dataDir, [...readRegistry(guard.dataDir), temp]);
  try {
    const result = await write(temp);
    renameSync(temp, full);
    return result;
  } catch (error) {
    rmSync(temp, { force: true });
    if (error instanceof KequnError) throw error;
    const mapped = storageError(error, full);
    if (mapped) throw mapped;
    const message = error instanceof Error ? error.message : String(error);
    throw new KequnError('FILE_WRITE_FAILED', `Cannot write ${full}: ${message}`, { zh: `无法写入文件 ${full}：${message}`, details: { path: full }, cause: error });
  } finally {
    writeRegistry(
      guard.dataDir,
      readRegistry(guard.dataDir).filter((p) => p !== temp),
    );
  }
}
