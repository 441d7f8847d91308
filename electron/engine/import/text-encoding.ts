import { KequnError } from '../../../shared/contract/errors';
import type { ImportEncoding, ImportWarning } from '../../../shared/contract/import';

/** WHATWG labels for TextDecoder. GB18030 is a superset of GBK, so Chinese Excel's "ANSI" decodes. */
export type TextEncodingLabel = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be' | 'big5';

export interface DetectedEncoding {
  encoding: TextEncodingLabel;
  /** Bytes of BOM to skip. */
  bomLength: number;
  /** True when chosen by detection (a later strict-decoding failure may fall back to GB18030). */
  guessed: boolean;
  warnings: ImportWarning[];
}

/**
 * Picks the decoder for a text file from a sample of its first bytes: BOM, then strict UTF-8,
 * then GB18030. Big5 is never guessed (its byte ranges overlap GBK) but is flagged when likely.
 */
export function detectEncoding(sample: Uint8Array, requested: ImportEncoding, sampleIsWholeFile: boolean): DetectedEncoding {
  const bom = bomOf(sample);
  if (requested !== 'auto') {
    const bomLength = bom && bom.encoding === requested ? bom.length : 0;
    return { encoding: requested, bomLength, guessed: false, warnings: [] };
  }
  if (bom) return { encoding: bom.encoding, bomLength: bom.length, guessed: false, warnings: [] };
  assertText(sample);
  // A sample cut mid-character must not fail UTF-8: drop an incomplete trailing sequence.
  const body = sampleIsWholeFile ? sample : trimIncompleteUtf8(sample);
  if (isStrictUtf8(body)) return { encoding: 'utf-8', bomLength: 0, guessed: true, warnings: [] };
  const warnings: ImportWarning[] = [];
  if (looksLikeBig5(sample)) {
    warnings.push({
      code: 'BIG5_LIKELY',
      message: 'The text may be Big5 (traditional Chinese); if characters look wrong, choose Big5 as the encoding',
      messageZh: '文本可能是 Big5（繁体中文）编码；如果文字显示不正确，请将编码改为 Big5',
    });
  }
  return { encoding: 'gb18030', bomLength: 0, guessed: true, warnings };
}

/**
 * A manual encoding that does not fit the bytes turns characters into U+FFFD. The import goes on
 * (the user chose), but says so, with the encoding detection would have used.
 */
export function replacementWarning(sample: Uint8Array, requested: ImportEncoding, sampleIsWholeFile: boolean): ImportWarning | null {
  if (requested === 'auto') return null;
  const body = sampleIsWholeFile || requested !== 'utf-8' ? sample : trimIncompleteUtf8(sample);
  try {
    new TextDecoder(requested, { fatal: true, ignoreBOM: true }).decode(body);
    return null;
  } catch {
    let guess: string | null = null;
    try {
      guess = detectEncoding(sample, 'auto', sampleIsWholeFile).encoding;
    } catch {
      // Not text by detection's rules (e.g. NUL bytes): no suggestion.
    }
    const hint = guess && guess !== requested ? { en: `; the file looks like ${guess}`, zh: `；该文件看起来是 ${guess} 编码` } : { en: '', zh: '' };
    return {
      code: 'ENCODING_REPLACED',
      message: `Some bytes are not valid ${requested} and were replaced with \uFFFD${hint.en} (choose "auto" to detect)`,
      messageZh: `部分字节不是有效的 ${requested} 编码，已替换为 \uFFFD${hint.zh}（可选择"自动"检测编码）`,
    };
  }
}

function bomOf(b: Uint8Array): { encoding: TextEncodingLabel; length: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

function isStrictUtf8(b: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

function trimIncompleteUtf8(b: Uint8Array): Uint8Array {
  let i = b.length - 1;
  let back = 0;
  while (i >= 0 && back < 4 && (b[i]! & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i < 0) return b;
  const lead = b[i]!;
  const need = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc0 ? 1 : 0;
  return need > back ? b.subarray(0, i) : b;
}

/**
 * Big5 trail bytes include 0x40–0x7E, which GB2312 (the common part of GBK files) never uses;
 * many such pairs in a file that is not UTF-8 point to Big5.
 */
function looksLikeBig5(b: Uint8Array): boolean {
  let pairs = 0;
  let lowTrail = 0;
  for (let i = 0; i + 1 < b.length; i++) {
    const lead = b[i]!;
    if (lead < 0x81) continue;
    const trail = b[i + 1]!;
    pairs++;
    if (lead >= 0xa1 && lead <= 0xf9 && trail >= 0x40 && trail <= 0x7e) lowTrail++;
    i++;
  }
  return pairs >= 4 && lowTrail / pairs > 0.3;
}

/**
 * Many control bytes (NUL included; at least 4 and over 2% of the sample): not a text file,
 * whatever its name says. A stray NUL in a
 * text file is no reason to refuse it: NULs are removed from cells wherever they occur in the
 * file (and counted in the import's warnings), the same way in every format.
 */
const MIN_CONTROL_BYTES = 4;

export function assertText(sample: Uint8Array): void {
  let control = 0;
  const n = Math.min(sample.length, 65_536);
  for (let i = 0; i < n; i++) {
    const c = sample[i]!;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1a) control++;
  }
  // A floor on the count as well as the share: in a small file one stray NUL is over 2% of the
  // bytes, and it is handled like any other NUL (removed and counted), not taken for binary.
  if (control >= MIN_CONTROL_BYTES && control / n > 0.02) throw binary();
}

function binary(): KequnError {
  return new KequnError('IMPORT_BINARY', 'The file is not a text table although its name says so (binary content)', {
    zh: '文件名像文本表格，但内容是二进制数据，无法导入',
  });
}
