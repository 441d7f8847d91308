import { createWriteStream, type WriteStream } from 'node:fs';
import { crc32, createDeflateRaw, type DeflateRaw } from 'node:zlib';

/**
 * A minimal streaming ZIP writer (deflate, data descriptors), enough for an .xlsx package: each
 * entry is compressed as it is written and waits for the file when the disk is slower, so memory
 * stays flat however large a sheet grows. No ZIP64: one entry and the whole file must stay under
 * 4 GB, which an Excel sheet of at most 1,048,576 rows does in practice (checked, not assumed).
 */
export class ZipWriter {
  private readonly out: WriteStream;
  private offset = 0;
  private readonly entries: { name: Buffer; crc: number; compressed: number; size: number; offset: number }[] = [];

  private destroyed = false;
  private failure: Error | null = null;
  private current: ZipEntryWriter | null = null;

  constructor(path: string) {
    this.out = createWriteStream(path);
    // Kept as state: a disk error fails the next write instead of crashing the process.
    this.out.on('error', (e) => (this.failure = e));
  }

  private async raw(data: Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.destroyed) return;
    this.offset += data.length;
    if (this.out.write(data)) return;
    await new Promise<void>((ok, fail) => {
      const onError = (e: Error): void => {
        this.out.off('drain', onDrain);
        fail(e);
      };
      const onDrain = (): void => {
        this.out.off('error', onError);
        ok();
      };
      this.out.once('drain', onDrain);
      this.out.once('error', onError);
    });
  }

  /** Starts an entry; write its content through the returned writer, then `end()` it. */
  async entry(name: string): Promise<ZipEntryWriter> {
    const nameBytes = Buffer.from(name, 'utf8');
    const offset = this.offset;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed
    header.writeUInt16LE(0x0808, 6); // data descriptor follows; UTF-8 names
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt32LE(0x00210000, 10); // DOS time/date: 1980-01-01 00:00
    header.writeUInt16LE(nameBytes.length, 26);
    await this.raw(Buffer.concat([header, nameBytes]));
    this.current = new ZipEntryWriter(createDeflateRaw({ level: 6 }), (data) => this.raw(data), async (crc, size, compressed) => {
      if (size > 0xffffffff || this.offset > 0xffffffff) throw new Error('Workbook part larger than 4 GB');
      const desc = Buffer.alloc(16);
      desc.writeUInt32LE(0x08074b50, 0);
      desc.writeUInt32LE(crc, 4);
      desc.writeUInt32LE(compressed, 8);
      desc.writeUInt32LE(size, 12);
      await this.raw(desc);
      this.entries.push({ name: nameBytes, crc, compressed, size, offset });
    });
    return this.current;
  }

  /** Writes a small entry in one go. */
  async file(name: string, text: string): Promise<void> {
    const w = await this.entry(name);
    await w.write(text);
    await w.end();
  }

  async close(): Promise<void> {
    const start = this.offset;
    for (const e of this.entries) {
      const c = Buffer.alloc(46);
      c.writeUInt32LE(0x02014b50, 0);
      c.writeUInt16LE(20, 4);
      c.writeUInt16LE(20, 6);
      c.writeUInt16LE(0x0808, 8);
      c.writeUInt16LE(8, 10);
      c.writeUInt32LE(0x00210000, 12);
      c.writeUInt32LE(e.crc, 16);
      c.writeUInt32LE(e.compressed, 20);
      c.writeUInt32LE(e.size, 24);
      c.writeUInt16LE(e.name.length, 28);
      c.writeUInt32LE(e.offset, 42);
      await this.raw(Buffer.concat([c, e.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.raw(end);
    await new Promise<void>((ok, fail) => this.out.end((err?: Error | null) => (err ? fail(err) : ok())));
  }

  /** Stops writing after a failure or a cancel (the caller removes the temp file). */
  destroy(): void {
    this.destroyed = true;
    this.current?.abort();
    this.out.destroy();
  }
}

/** One entry's content: text in, deflated bytes out to the file, with back-pressure. */
export class ZipEntryWriter {
  private crc = 0;
  private size = 0;
  private compressed = 0;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly deflate: DeflateRaw,
    private readonly sink: (data: Buffer) => Promise<void>,
    private readonly finish: (crc: number, size: number, compressed: number) => Promise<void>,
  ) {
    deflate.on('data', (chunk: Buffer) => {
      this.compressed += chunk.length;
      deflate.pause();
      this.pending = this.pending.then(() => this.sink(chunk)).finally(() => deflate.resume());
    });
  }

  async write(text: string): Promise<void> {
    await this.writeBytes(Buffer.from(text, 'utf8'));
  }

  async writeBytes(data: Buffer): Promise<void> {
    this.crc = crc32(data, this.crc);
    this.size += data.length;
    if (!this.deflate.write(data)) await new Promise<void>((ok) => this.deflate.once('drain', ok));
  }

  abort(): void {
    this.deflate.destroy();
  }

  async end(): Promise<void> {
    await new Promise<void>((ok, fail) => {
      this.deflate.once('end', ok);
      this.deflate.once('error', fail);
      this.deflate.end();
    });
    await this.pending;
    await this.finish(this.crc, this.size, this.compressed);
  }
}
