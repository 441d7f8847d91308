import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, openSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { KequnError, type ErrorDetails } from '../../../shared/contract/errors';
import { LIMITS, tooLarge } from './limits';
import { uploadFileName } from './upload-name';

export interface UploadChunk {
  uploadId: string;
  fileName: string;
  size: number;
  offset: number;
  dataBase64: string;
  last: boolean;
}

export interface UploadLimits {
  /** One upload's size; the importer's own file cap. */
  maxFileBytes: number;
  /** Sum of the declared sizes of every upload not yet imported. */
  quotaBytes: number;
  /** An upload untouched this long (never imported) is deleted when the next one starts. */
  idleMs: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxFileBytes: LIMITS.maxFileBytes,
  quotaBytes: 4 * 1024 ** 3,
  idleMs: 3600 * 1000,
};

/** Another engine's session folder is left alone unless its process is gone or it sat a day unused. */
const FOREIGN_STALE_MS = 24 * 3600 * 1000;

interface Upload {
  dir: string;
  path: string;
  size: number;
  received: number;
  complete: boolean;
  touched: number;
}

/** Hooks for the file-access check: a finished upload is a file the engine may import. */
export interface UploadGrants {
  grant(path: string, access: 'read'): void;
  revoke(path: string): void;
}

/**
 * Files a browser sends for import. They go to a private folder of this engine
 * (`<app home>/uploads/<pid>-<random>/`, 0700; files 0600), are deleted as soon as the import
 * that used them ends or fails, and never add up to more than the quota. Session folders of
 * engines that are gone are swept when an engine starts.
 */
export class UploadStore {
  readonly base: string;
  readonly root: string;
  private readonly uploads = new Map<string, Upload>();
  private readonly limits: UploadLimits;

  constructor(
    dataDir: string,
    private readonly grants: UploadGrants,
    limits: Partial<UploadLimits> = {},
    private readonly now: () => number = () => Date.now(),
  ) {
    this.limits = { ...DEFAULT_UPLOAD_LIMITS, ...limits };
    this.base = join(dataDir, 'uploads');
    this.root = join(this.base, `${process.pid}-${randomBytes(6).toString('hex')}`);
    sweepStaleSessions(this.base, this.now());
  }

  receive(chunk: UploadChunk): { path: string | null; bytes: number } {
    const upload = chunk.offset === 0 ? this.start(chunk) : this.continued(chunk);
    try {
      const data = decodeChunk(chunk, upload);
      const fd = openSync(upload.path, chunk.offset === 0 ? 'wx' : 'a', 0o600);
      try {
        writeSync(fd, data);
      } finally {
        closeSync(fd);
      }
      upload.received += data.length;
      upload.touched = this.now();
      if (!chunk.last) return { path: null, bytes: upload.received };
      if (upload.received !== upload.size) {
        throw invalid('length', `The upload ended after ${upload.received} of ${upload.size} bytes`, `上传在 ${upload.received} / ${upload.size} 字节处结束，文件不完整`, {
          received: upload.received,
          size: upload.size,
        });
      }
      upload.complete = true;
      this.grants.grant(upload.path, 'read');
      return { path: upload.path, bytes: upload.received };
    } catch (error) {
      // A failed upload leaves nothing behind; the UI starts it again from offset 0.
      this.drop(chunk.uploadId);
      throw error instanceof KequnError ? error : new KequnError('FILE_WRITE_FAILED', 'The upload could not be stored', { zh: '无法保存上传的文件', cause: error });
    }
  }

  /** Whether `path` is a finished upload of this engine (import deletes it when done). */
  isUpload(path: string): boolean {
    return this.idOf(path) !== null;
  }

  /** Deletes the upload at `path` (after its import ended or failed); other paths are left alone. */
  release(path: string): void {
    const id = this.idOf(path);
    if (id !== null) this.drop(id);
  }

  /** Bytes reserved by uploads not yet imported. */
  get pendingBytes(): number {
    let total = 0;
    for (const u of this.uploads.values()) total += u.size;
    return total;
  }

  dispose(): void {
    for (const id of [...this.uploads.keys()]) this.drop(id);
    rmSync(this.root, { recursive: true, force: true });
  }

  private start(chunk: UploadChunk): Upload {
    this.drop(chunk.uploadId);
    this.sweepIdle();
    const name = uploadFileName(chunk.fileName);
    if (chunk.size > this.limits.maxFileBytes) throw tooLarge('The uploaded file', '上传的文件', { bytes: chunk.size, limit: this.limits.maxFileBytes });
    const pending = this.pendingBytes;
    if (pending + chunk.size > this.limits.quotaBytes) {
      throw new KequnError('UPLOAD_QUOTA', `Uploads waiting for import would take ${pending + chunk.size} bytes; the limit is ${this.limits.quotaBytes}. Import or close the files uploaded earlier first`, {
        zh: `待导入的上传文件将达到 ${pending + chunk.size} 字节，超过上限 ${this.limits.quotaBytes} 字节；请先导入之前上传的文件`,
        details: { pendingBytes: pending, size: chunk.size, quotaBytes: this.limits.quotaBytes },
      });
    }
    const dir = join(this.root, `u-${chunk.uploadId}`);
    try {
      ensurePrivateDir(this.base);
      ensurePrivateDir(this.root);
      rmSync(dir, { recursive: true, force: true });
      ensurePrivateDir(dir);
    } catch (cause) {
      throw new KequnError('FILE_WRITE_FAILED', `The upload folder could not be made: ${this.root}`, { zh: `无法创建上传文件夹：${this.root}`, cause });
    }
    const upload: Upload = { dir, path: join(dir, name), size: chunk.size, received: 0, complete: false, touched: this.now() };
    this.uploads.set(chunk.uploadId, upload);
    return upload;
  }

  private continued(chunk: UploadChunk): Upload {
    const upload = this.uploads.get(chunk.uploadId);
    if (!upload || upload.complete) {
      throw invalid('unknown', `No upload ${chunk.uploadId} is in progress; start again at offset 0`, '没有进行中的此上传，请从头重新上传', { uploadId: chunk.uploadId });
    }
    if (chunk.size !== upload.size) {
      this.drop(chunk.uploadId);
      throw invalid('length', `The upload's size changed from ${upload.size} to ${chunk.size}`, '上传过程中文件大小发生变化', { size: chunk.size, expected: upload.size });
    }
    if (chunk.offset !== upload.received) {
      this.drop(chunk.uploadId);
      throw invalid('offset', `Upload chunk at ${chunk.offset} but ${upload.received} bytes received`, '上传数据块顺序错误，请重新上传', {
        offset: chunk.offset,
        received: upload.received,
      });
    }
    return upload;
  }

  private sweepIdle(): void {
    const now = this.now();
    for (const [id, u] of this.uploads) if (now - u.touched > this.limits.idleMs) this.drop(id);
  }

  private drop(id: string): void {
    const upload = this.uploads.get(id);
    if (!upload) return;
    this.uploads.delete(id);
    this.grants.revoke(upload.path);
    rmSync(upload.dir, { recursive: true, force: true });
  }

  private idOf(path: string): string | null {
    const full = resolve(path);
    for (const [id, u] of this.uploads) if (u.complete && u.path === full) return id;
    return null;
  }
}

/**
 * Node's decoder skips what is not base64 instead of failing, so a chunk is valid exactly when
 * no character was skipped: whole 4-character groups that decode to the length they promise.
 * (A regular expression over 1.4 MB of text per chunk cost more than the rest of the decoding.)
 */
function decodeBase64(text: string): Buffer | null {
  if (text.length % 4 !== 0) return null;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const data = Buffer.from(text, 'base64');
  return data.length === (text.length / 4) * 3 - padding ? data : null;
}

function decodeChunk(chunk: UploadChunk, upload: Upload): Buffer {
  const data = decodeBase64(chunk.dataBase64);
  if (data === null) {
    throw invalid('base64', 'The upload chunk is not valid base64', '上传数据块不是有效的 base64 编码', { offset: chunk.offset });
  }
  if (data.length === 0 && !chunk.last) {
    throw invalid('length', 'An upload chunk other than the last is empty', '上传数据块为空', { offset: chunk.offset });
  }
  if (upload.received + data.length > upload.size) {
    throw invalid('length', `The upload exceeds its declared size of ${upload.size} bytes`, `上传数据超过声明的大小 ${upload.size} 字节`, {
      size: upload.size,
      received: upload.received + data.length,
    });
  }
  return data;
}

function invalid(reason: string, message: string, zh: string, details: ErrorDetails): KequnError {
  return new KequnError('UPLOAD_INVALID', message, { zh, details: { reason, ...details } });
}

/** mkdir with 0700, and 0700 again in case it existed (or the umask widened nothing, but be sure). */
function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

function sweepStaleSessions(base: string, now: number): void {
  let names: string[];
  try {
    names = readdirSync(base);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(name.match(/^(\d+)-[0-9a-f]+$/)?.[1] ?? NaN);
    const path = join(base, name);
    try {
      const old = now - statSync(path).mtimeMs > FOREIGN_STALE_MS;
      if (!Number.isFinite(pid) || !processAlive(pid) || old) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another engine is sweeping the same folder.
    }
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
