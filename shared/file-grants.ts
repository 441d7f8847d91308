/**
 * File grants: how the Electron main process tells the desktop engine which paths the user chose
 * (native dialogs, drops, the recent list, files the OS opened). The engine refuses every other
 * path. Messages travel on the utility process's parent port, which the page cannot reach.
 */

/**
 * What a path may be used for, kept apart so that a workbook picked for import cannot be
 * overwritten by an export, and a report location cannot be opened as a project.
 * - read: import a workbook (preview, run, append)
 * - write: write an export, a report or a pivot file
 * - project: open, create or save a project file there
 */
export type FileAccess = 'read' | 'write' | 'project';

export const FILE_ACCESS: readonly FileAccess[] = ['read', 'write', 'project'];

/** main → engine. `id` 0 asks for no answer (grants replayed to a starting engine). */
export interface GrantMessage {
  type: 'grant';
  id: number;
  path: string;
  access: FileAccess;
}

/** engine → main: the grant with this id is in force. */
export interface GrantedMessage {
  type: 'granted';
  id: number;
}

export function isGrantMessage(v: unknown): v is GrantMessage {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Record<string, unknown>;
  return (
    m.type === 'grant' &&
    typeof m.id === 'number' &&
    Number.isSafeInteger(m.id) &&
    typeof m.path === 'string' &&
    m.path.length > 0 &&
    m.path.length <= 4096 &&
    !m.path.includes('\0') &&
    FILE_ACCESS.includes(m.access as FileAccess)
  );
}

export function isGrantedMessage(v: unknown): v is GrantedMessage {
  return typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'granted' && typeof (v as { id?: unknown }).id === 'number';
}
