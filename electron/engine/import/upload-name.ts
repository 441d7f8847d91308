import { KequnError } from '../../../shared/contract/errors';

/** Stored names stay well inside the 255-byte file-name limit of every common file system. */
export const MAX_NAME_BYTES = 200;
const MAX_EXTENSION_CHARS = 16;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;

/**
 * The file name an upload is stored under: the browser's name without any folder part, with the
 * characters that no file system accepts replaced, cut to MAX_NAME_BYTES of UTF-8 while keeping
 * the extension (the importer reads the format from it). A name with nothing left (".", "..",
 * only dots or spaces) is refused: it would name a folder, not a file.
 */
export function uploadFileName(raw: string): string {
  const last = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = last.replace(/[:*?"<>|\u0000-\u001f\u007f]/g, '_').trim().replace(/[. ]+$/, '');
  if (cleaned === '' || /^[.\s]*$/.test(cleaned)) {
    throw new KequnError('UPLOAD_INVALID', `Not a usable file name: ${JSON.stringify(raw)}`, {
      zh: `文件名不可用：${raw}`,
      details: { reason: 'name', fileName: raw },
    });
  }
  const named = WINDOWS_DEVICE.test(cleaned) ? `_${cleaned}` : cleaned;
  return fitBytes(named);
}

function fitBytes(name: string): string {
  if (Buffer.byteLength(name, 'utf8') <= MAX_NAME_BYTES) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= MAX_EXTENSION_CHARS + 1 ? name.slice(dot) : '';
  const stem = extension ? name.slice(0, dot) : name;
  const budget = MAX_NAME_BYTES - Buffer.byteLength(extension, 'utf8');
  let out = '';
  let bytes = 0;
  // By code point, so a character outside the BMP is never cut in half.
  for (const ch of stem) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (bytes + size > budget) break;
    out += ch;
    bytes += size;
  }
  return `${out}${extension}`;
}
