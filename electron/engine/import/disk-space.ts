import { statfsSync, statSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import { KequnError } from '../../../shared/contract/errors';

/** Column data of a text file takes about its size again; zipped workbooks expand several-fold. */
const GROWTH: Record<string, number> = { '.csv': 1.5, '.tsv': 1.5, '.txt': 1.5 };
const WORKBOOK_GROWTH = 8;
const MARGIN = 16 * 1024 * 1024;

/**
 * Refuses an import that cannot fit on the project's disk before a single row is read, instead
 * of failing with a full disk after minutes of work.
 */
export function assertDiskSpace(sourcePath: string, projectPath: string): void {
  let size: number;
  let free: number;
  try {
    size = statSync(sourcePath).size;
    const fs = statfsSync(dirname(projectPath));
    free = fs.bavail * fs.bsize;
  } catch {
    return; // Unknown (missing file, exotic file system): the import itself reports what happens.
  }
  const need = size * (GROWTH[extname(sourcePath).toLowerCase()] ?? WORKBOOK_GROWTH) + MARGIN;
  if (need > free) {
    const mb = (n: number): number => Math.ceil(n / 1024 / 1024);
    throw new KequnError('DISK_FULL', `Importing this file needs about ${mb(need)} MB on the project's disk; ${mb(free)} MB are free`, {
      zh: `导入该文件约需项目所在磁盘 ${mb(need)} MB 空间，目前只剩 ${mb(free)} MB`,
      details: { neededMb: mb(need), freeMb: mb(free) },
    });
  }
}
