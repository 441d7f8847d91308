import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { KequnError } from '../../../shared/contract/errors';

/**
 * Writes to a temp file beside the target and renames it into place only when the writer
 * succeeded, so a failed or cancelled export never leaves a half-written workbook behind.
 */
export async function writeAtomically<T>(target: string, write: (tempPath: string) => Promise<T>): Promise<T> {
  const full = resolve(target);
  const dir = dirname(full);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (cause) {
    throw new KequnError('FILE_WRITE_FAILED', `Cannot create folder ${dir}`, { zh: `无法创建文件夹：${dir}`, cause });
  }
  const temp = join(dir, `.${basename(full)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const result = await write(temp);
    renameSync(temp, full);
    return result;
  } catch (error) {
    if (existsSync(temp)) rmSync(temp, { force: true });
    if (error instanceof KequnError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new KequnError('FILE_WRITE_FAILED', `Cannot write ${full}: ${message}`, { zh: `无法写入文件 ${full}：${message}`, cause: error });
  }
}
