import { resolve } from 'node:path';
import { KequnError } from '../../../shared/contract/errors';
import type { FileAccess } from '../../../shared/file-grants';

export type { FileAccess };

/**
 * - any: every path the caller names is used (CLI, browser mode: whoever holds the token may
 *   already type any path, so grants would add nothing there)
 * - granted: desktop app; only paths the Electron main process granted (the user chose them in a
 *   native dialog, dropped them on the window, picked them from the recent list or the OS opened
 *   them), plus files the engine itself made for the caller (uploads)
 */
export type FileAccessMode = 'any' | 'granted';

/** Grants are kept for the engine's life; a bound so that a flood of them cannot grow without end. */
const MAX_GRANTS = 10_000;

const ACCESS_ZH: Record<FileAccess, string> = { read: '读取', write: '写入', project: '作为项目打开或保存' };

/**
 * The engine's file-access check, consulted by every handler that takes a path
 * (`ctx.requirePath(p.path, 'read')`). Paths are compared after `resolve`, and without regard to
 * case where the file system usually ignores it (Windows, macOS).
 */
export class FileGrants {
  private readonly grants = new Map<string, Set<FileAccess>>();

  constructor(
    readonly mode: FileAccessMode,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  grant(path: string, access: FileAccess): void {
    const key = this.keyOf(path);
    const existing = this.grants.get(key);
    if (existing) {
      existing.add(access);
      return;
    }
    if (this.grants.size >= MAX_GRANTS) {
      const oldest = this.grants.keys().next().value;
      if (oldest !== undefined) this.grants.delete(oldest);
    }
    this.grants.set(key, new Set([access]));
  }

  revoke(path: string): void {
    this.grants.delete(this.keyOf(path));
  }

  allows(path: string, access: FileAccess): boolean {
    return this.mode === 'any' || (this.grants.get(this.keyOf(path))?.has(access) ?? false);
  }

  /** The resolved path when it may be used for `access`; otherwise PATH_NOT_GRANTED. */
  require(path: string, access: FileAccess): string {
    const full = resolve(path);
    if (this.allows(full, access)) return full;
    throw new KequnError('PATH_NOT_GRANTED', `The desktop app may not ${access === 'project' ? 'use as a project' : access} this path; choose it in the file dialog: ${full}`, {
      zh: `桌面版未获授权${ACCESS_ZH[access]}此路径，请通过文件对话框选择：${full}`,
      details: { path: full, access },
    });
  }

  get size(): number {
    return this.grants.size;
  }

  private keyOf(path: string): string {
    const full = resolve(path);
    return this.platform === 'win32' || this.platform === 'darwin' ? full.toLowerCase() : full;
  }
}
