import Database from 'better-sqlite3';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { KequnError } from '../../../shared/contract/errors';

/** PRAGMA application_id of Kequn project files ('KQN1'). */
export const KEQUN_APPLICATION_ID = 0x4b514e31;

const SQLITE_MAGIC = 'SQLite format 3\u0000';

export interface ProjectFileProbe {
  /** A zero-byte file: treated like a new project. */
  empty: boolean;
  /** The file has no write permission: it opens for reading only. */
  readOnly: boolean;
}

function notKequn(path: string, why: string, whyZh: string): KequnError {
  return new KequnError('PROJECT_NOT_KEQUN', `Not a Kequn project (${why}); the file was not changed: ${path}`, {
    zh: `不是客群项目文件（${whyZh}），文件未作任何改动：${path}`,
    details: { path },
  });
}

/**
 * Looks at an existing file before SQLite opens it for writing, so a file that is not ours is
 * refused byte-for-byte unchanged (no WAL switch, no tables added). Kequn files carry our
 * application_id in the header; files from before it had one are recognised read-only by their
 * tables.
 */
export function inspectProjectFile(path: string): ProjectFileProbe {
  const st = statSync(path);
  if (st.isDirectory()) throw notKequn(path, 'it is a folder', '这是一个文件夹');
  const readOnly = (st.mode & 0o222) === 0;
  if (st.size === 0) {
    if (readOnly) throw new KequnError('PROJECT_READ_ONLY', `The project file is read-only: ${path}`, { zh: `项目文件是只读的：${path}`, details: { path } });
    return { empty: true, readOnly };
  }
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 100 || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) throw notKequn(path, 'not a SQLite database', '不是 SQLite 数据库');
  if (header.readUInt32BE(68) === KEQUN_APPLICATION_ID) return { empty: false, readOnly };
  // No id in the header: a project of an earlier version (or an id still in the WAL after a
  // crash) has our tables; anything else is refused.
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    const appId = Number(db.pragma('application_id', { simple: true }));
    if (appId === KEQUN_APPLICATION_ID) return { empty: false, readOnly };
    if (appId !== 0 || !tables.has('_kequn_migrations') || !tables.has('project') || !tables.has('datasets')) {
      throw notKequn(path, 'a SQLite database of another program', '其他程序的 SQLite 数据库');
    }
    return { empty: false, readOnly };
  } catch (e) {
    if (e instanceof KequnError) throw e;
    const code = (e as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
      throw new KequnError('PROJECT_DAMAGED', `The project file is damaged: ${path}`, { zh: `项目文件已损坏：${path}`, details: { path }, cause: e });
    }
    throw e;
  } finally {
    db?.close();
  }
}
