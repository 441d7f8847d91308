import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { LIMITS, corrupt, encrypted, tooLarge } from './limits';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Minimal zip reader for workbook packages: lists entries from the central directory (a
 * truncated file has none, which is how truncation is caught), refuses bombs by declared sizes
 * and again while inflating, and streams one entry without loading the archive.
 */
export class ZipArchive {
  private constructor(
    readonly path: string,
    readonly size: number,
    readonly entries: Map<string, ZipEntry>,
  ) {}

  static async open(path: string, size: number): Promise<ZipArchive> {
    const fh = await open(path, 'r');
    try {
      const entries = await readCentralDirectory(fh, size);
      const archive = new ZipArchive(path, size, entries);
      archive.checkDeclaredSizes();
      return archive;
    } finally {
      await fh.close();
    }
  }

  get(name: string): ZipEntry | undefined {
    return this.entries.get(name) ?? [...this.entries.values()].find((e) => e.name.toLowerCase() === name.toLowerCase());
  }

  private checkDeclaredSizes(): void {
    let total = 0;
    for (const e of this.entries.values()) {
      if (e.flags & 1) throw encrypted();
      total += e.size;
      if (e.size > LIMITS.ratioCheckFromBytes && e.size > e.compressedSize * LIMITS.maxCompressionRatio) {
        throw tooLarge('A compressed part (zip bomb?)', '压缩包中的某个部分（疑似压缩炸弹）', { declared: e.size, compressed: e.compressedSize });
      }
    }
    if (total > LIMITS.maxUnzippedBytes) throw tooLarge('The decompressed size', '解压后的大小', { declared: total });
  }

  /** Reads a whole entry into memory, refusing more than `cap` decompressed bytes. */
  async read(entry: ZipEntry, cap: number): Promise<Buffer> {
    const fh = await open(this.path, 'r');
    try {
      const start = await dataStart(fh, entry);
      const raw = Buffer.alloc(entry.compressedSize);
      await fh.read(raw, 0, raw.length, start);
      if (entry.method === 0) return raw;
      if (entry.method !== 8) throw corrupt(`unsupported compression ${entry.method} in ${entry.name}`, `${entry.name} 使用了不支持的压缩方式`);
      try {
        return inflateRawSync(raw, { maxOutputLength: cap });
      } catch (e) {
        if (e instanceof RangeError || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
          throw tooLarge('A decompressed part', '解压后的某个部分', { cap });
        }
        throw corrupt(`cannot inflate ${entry.name}`, `无法解压 ${entry.name}`);
      }
    } finally {
      await fh.close();
    }
  }

  /** Streams an entry's decompressed bytes, stopping at `cap` bytes (a lying header cannot bomb us). */
  async *stream(entry: ZipEntry, cap: number): AsyncIterable<Buffer> {
    const fh = await open(this.path, 'r');
    let start: number;
    try {
      start = await dataStart(fh, entry);
    } finally {
      await fh.close();
    }
    if (entry.compressedSize === 0) return;
    const file = createReadStream(this.path, { start, end: start + entry.compressedSize - 1, highWaterMark: 1024 * 1024 });
    const source = entry.method === 0 ? file : file.pipe(createInflateRaw({ chunkSize: 256 * 1024 }));
    file.on('error', (e) => source.destroy(e));
    let total = 0;
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        total += chunk.length;
        if (total > cap) throw tooLarge('A decompressed part', '解压后的某个部分', { cap });
        yield chunk;
      }
    } catch (e) {
      if (e instanceof Error && 'code' in e && typeof e.code === 'string' && e.code.startsWith('Z_')) {
        throw corrupt(`cannot inflate ${entry.name}`, `无法解压 ${entry.name}`);
      }
      throw e;
    } finally {
      file.destroy();
      source.destroy();
    }
  }
}

async function dataStart(fh: FileHandle, entry: ZipEntry): Promise<number> {
  const head = Buffer.alloc(30);
  const { bytesRead } = await fh.read(head, 0, 30, entry.localOffset);
  if (bytesRead < 30 || head.readUInt32LE(0) !== LOCAL) throw corrupt(`bad local header for ${entry.name}`, `${entry.name} 的文件头损坏`);
  return entry.localOffset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
}

async function readCentralDirectory(fh: FileHandle, size: number): Promise<Map<string, ZipEntry>> {
  const tailLen = Math.min(size, 65_557);
  const tail = Buffer.alloc(tailLen);
  await fh.read(tail, 0, tailLen, size - tailLen);
  let at = -1;
  for (let i = tailLen - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw corrupt('no zip directory (truncated download?)', '找不到压缩目录（文件可能下载不完整）');
  let count = tail.readUInt16LE(at + 10);
  let cdSize = tail.readUInt32LE(at + 12);
  let cdOffset = tail.readUInt32LE(at + 16);
  if ((cdOffset === 0xffffffff || count === 0xffff) && at >= 20 && tail.readUInt32LE(at - 20) === ZIP64_LOCATOR) {
    const z64 = Buffer.alloc(56);
    await fh.read(z64, 0, 56, Number(tail.readBigUInt64LE(at - 20 + 8)));
    count = Number(z64.readBigUInt64LE(32));
    cdSize = Number(z64.readBigUInt64LE(40));
    cdOffset = Number(z64.readBigUInt64LE(48));
  }
  if (cdOffset + cdSize > size || count > 1_000_000) throw corrupt('zip directory points past the end of the file', '压缩目录超出文件末尾');
  const cd = Buffer.alloc(cdSize);
  await fh.read(cd, 0, cdSize, cdOffset);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw corrupt('damaged zip directory', '压缩目录已损坏');
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    const entry: ZipEntry = {
      name: cd.toString('utf8', p + 46, p + 46 + nameLen),
      flags: cd.readUInt16LE(p + 8),
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      size: cd.readUInt32LE(p + 24),
      localOffset: cd.readUInt32LE(p + 42),
    };
    applyZip64Extra(entry, cd.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen));
    if (entry.localOffset + entry.compressedSize > size) throw corrupt(`${entry.name} extends past the end of the file`, `${entry.name} 超出文件末尾`);
    entries.set(entry.name, entry);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function applyZip64Extra(e: ZipEntry, extra: Buffer): void {
  let q = 0;
  while (q + 4 <= extra.length) {
    const id = extra.readUInt16LE(q);
    const len = extra.readUInt16LE(q + 2);
    if (id === 1) {
      let r = q + 4;
      if (e.size === 0xffffffff && r + 8 <= extra.length) {
        e.size = Number(extra.readBigUInt64LE(r));
        r += 8;
      }
      if (e.compressedSize === 0xffffffff && r + 8 <= extra.length) {
        e.compressedSize = Number(extra.readBigUInt64LE(r));
        r += 8;
      }
      if (e.localOffset === 0xffffffff && r + 8 <= extra.length) e.localOffset = Number(extra.readBigUInt64LE(r));
    }
    q += 4 + len;
  }
}
