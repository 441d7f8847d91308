/**
 * Which files the OS handed us: argv on Windows/Linux (double-click, "open with", a second
 * instance), `open-file` events on macOS. Pure, so it is testable.
 */
import { existsSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { PROJECT_EXTENSIONS, WORKBOOK_EXTENSIONS } from '../../shared/desktop-ipc';

function extensionOf(path: string): string {
  return extname(path).slice(1).toLowerCase();
}

export function isProjectPath(path: string): boolean {
  return (PROJECT_EXTENSIONS as readonly string[]).includes(extensionOf(path));
}

export function isWorkbookPath(path: string): boolean {
  return (WORKBOOK_EXTENSIONS as readonly string[]).includes(extensionOf(path));
}

function isFile(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}

export interface OpenedFiles {
  projects: string[];
  workbooks: string[];
}

/**
 * Sorts candidate paths into projects and workbooks that exist; flags (`--inspect`, Chromium
 * switches) and anything else are ignored.
 */
export function classifyPaths(candidates: readonly string[], cwd: string): OpenedFiles {
  const out: OpenedFiles = { projects: [], workbooks: [] };
  for (const c of candidates) {
    if (!c || c.startsWith('-')) continue;
    const full = resolve(cwd, c);
    if (!isFile(full)) continue;
    if (isProjectPath(full)) out.projects.push(full);
    else if (isWorkbookPath(full)) out.workbooks.push(full);
  }
  return out;
}

/**
 * Files named on a command line. In a packaged app argv[0] is the executable; in development
 * (`electron .`) argv[1] is the app folder, so both are skipped.
 */
export function filesFromArgv(argv: readonly string[], cwd: string, isPackaged: boolean): OpenedFiles {
  return classifyPaths(argv.slice(isPackaged ? 1 : 2), cwd);
}
