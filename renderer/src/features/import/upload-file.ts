import { UPLOAD_CHUNK_BYTES } from '../../../../shared/contract/import';
import type { EngineClient } from '../../../../shared/rpc/client';

/**
 * Browser mode: the engine cannot read a picked File, so its bytes go over in base64 chunks of
 * 1 MiB (import.upload, far below the socket's frame limit) into the engine's private upload
 * folder; the returned path is then previewed and imported, and the engine deletes the upload
 * when that import ends.
 */
export async function uploadFile(client: EngineClient, file: File, signal?: AbortSignal): Promise<string> {
  const uploadId = `u${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  let offset = 0;
  for (;;) {
    const slice = new Uint8Array(await file.slice(offset, offset + UPLOAD_CHUNK_BYTES).arrayBuffer());
    const last = offset + slice.length >= file.size;
    const r = await client.call(
      'import.upload',
      { uploadId, fileName: file.name, size: file.size, offset, dataBase64: toBase64(slice), last },
      signal ? { signal } : {},
    );
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
