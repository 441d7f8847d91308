import { KequnError } from '../../../shared/contract/errors';

/** SQLite's result codes and Node's fs codes that mean something a user can act on. */
function codeOf(e: unknown): string | null {
  if (typeof e !== 'object' || e === null) return null;
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' ? code : null;
}

/**
 * Turns low-level storage failures into coded errors: a full disk, a read-only or locked file, a
 * damaged file. Returns null for anything else (it stays an internal error, logged).
 */
export function storageError(e: unknown, path?: string): KequnError | null {
  if (e instanceof KequnError) return e;
  const code = codeOf(e);
  if (code === null) return null;
  const details = path ? { path } : undefined;
  const opts = (zh: string) => ({ zh, cause: e, ...(details ? { details } : {}) });
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') {
    return new KequnError('DISK_FULL', 'The disk is full; nothing was saved', opts('磁盘空间不足，未保存任何改动'));
  }
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_') || code === 'EROFS') {
    return new KequnError('PROJECT_READ_ONLY', 'The project file is read-only', opts('项目文件是只读的'));
  }
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED') {
    return new KequnError('PROJECT_BUSY', 'Another program holds the project file locked (waited 5 s)', opts('项目文件被其他程序锁定（已等待 5 秒）'));
  }
  if (code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT_') || code === 'SQLITE_NOTADB') {
    return new KequnError('PROJECT_DAMAGED', 'The project file is damaged', opts('项目文件已损坏'));
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new KequnError('FILE_WRITE_FAILED', `The project file could not be read or written (${code})`, opts(`项目文件读写失败（${code}）`));
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new KequnError('FILE_WRITE_FAILED', 'Permission denied', opts('没有写入权限'));
  }
  return null;
}
