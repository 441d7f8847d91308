import { z } from 'zod';
import { method, result } from './define';
import type { ProjectInfo } from './project';

/**
 * Where the project file lives. The engine commits every step, so there is no "unsaved" state:
 * saving is only about location. `project.saveAs` writes a compact copy (SQLite `VACUUM INTO`)
 * to `path` and makes that copy the open project; the old file stays as it was.
 */
export const projectFileContract = {
  'project.saveAs': method(
    z
      .object({
        /** Target file; `.kequn` is appended when it has no extension. An existing file is replaced. */
        path: z.string().min(1).max(4096),
      })
      .strict(),
    result<ProjectInfo>(),
    { long: true },
  ),
};
