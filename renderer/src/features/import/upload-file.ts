import type { EngineClient } from '../../../../shared/rpc/client';

const CHUNK = 4 * 1024 * 1024;

/**
 * Browser mode: the engine cannot read a picked File, so its bytes go over in base64 chunks
 * (import.upload) into a temp file; the returned path is then previewed and imported.
 */
export async function uploadFile(client: EngineClient, file: File, signal?: AbortSignal): Promise<string> {
  const uploadId = `u${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  let offset = 0;
  for (;;) {
    const slice = new Uint8Array(await file.slice(offset, offset + CHUNK).arrayBuffer());
    const last = offset + slice.length >= file.size;
    const r = await client.call('import.upload', { uploadId, fileName: file.name, offset, dataBase64: toBase64(slice), last }, signal ? { signal } : {});
    offset += slice.length;
    if (last) {
      if (!r.path) throw new Error('upload did not finish');
      return r.path;
    }
  }
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
