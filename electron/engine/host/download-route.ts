import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, extname } from 'node:path';
import { isWrittenFile } from '../report/written-files';

const TYPES: Record<string, string> = {
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.csv': 'text/csv',
};

/**
 * Browser mode's download of an export or report. `path` comes from a one-time ticket (null when
 * the ticket was unknown, used or expired), and must still be a file this engine wrote in this
 * session, so the route cannot be used to read other files.
 */
export function serveDownload(path: string | null, req: IncomingMessage, res: ServerResponse): void {
  const headers = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
  let size = -1;
  if (path !== null && path !== '' && isWrittenFile(path)) {
    try {
      const st = statSync(path);
      if (st.isFile()) size = st.size;
    } catch {
      size = -1;
    }
  }
  if (path === null || size < 0) {
    res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
    res.end('404 下载链接无效或已使用 / the download link is unknown, used or expired\n');
    return;
  }
  const name = basename(path);
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  res.writeHead(200, {
    ...headers,
    'content-type': TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream',
    'content-length': String(size),
    // filename* carries the Chinese name; the ASCII fallback is for old clients.
    'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(path);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
