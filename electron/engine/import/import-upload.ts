import { closeSync, mkdirSync, openSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { KequnError } from '../../../shared/contract/errors';
import { LIMITS, tooLarge } from './limits';

const UPLOAD_DIR = join(tmpdir(), 'kequn-uploads');

/**
 * Browser mode cannot hand the engine a file path, so the UI sends the picked file's bytes in
 * base64 chunks; they land in a temp file whose path is then imported like any other.
 */
export function receiveUploadChunk(p: { uploadId: string; fileName: string; offset: number; dataBase64: string; last: boolean }): { path: string | null; bytes: number } {
  const dir = join(UPLOAD_DIR, p.uploadId);
  const safeName = basename(p.fileName).replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_') || 'upload';
  const path = join(dir, safeName);
  if (p.offset === 0) {
    removeStaleUploads();
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }
  let current = 0;
  try {
    current = statSync(path).size;
  } catch {
    current = 0;
  }
  if (current !== p.offset) {
    throw new KequnError('VALIDATION', `Upload chunk at ${p.offset} but ${current} bytes received`, { zh: '上传数据块顺序错误，请重新上传' });
  }
  const data = Buffer.from(p.dataBase64, 'base64');
  if (current + data.length > LIMITS.maxFileBytes) throw tooLarge('The uploaded file', '上传的文件', { bytes: current + data.length });
  const fd = openSync(path, p.offset === 0 ? 'w' : 'a');
  try {
    writeSync(fd, data);
  } finally {
    closeSync(fd);
  }
  const bytes = current + data.length;
  return { path: p.last ? path : null, bytes };
}

const STALE_MS = 24 * 3600 * 1000;

/** Uploads are only needed until imported; a day later they are litter in the temp folder. */
function removeStaleUploads(): void {
  let names: string[];
  try {
    names = readdirSync(UPLOAD_DIR);
  } catch {
    return;
  }
  const now = Date.now();
  for (const name of names) {
    const path = join(UPLOAD_DIR, name);
    try {
      if (now - statSync(path).mtimeMs > STALE_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another engine may be removing it at the same time.
    }
  }
}
