/**
 * Malformed WebSocket frames against the real `kequn serve` process (the built CLI): each one must
 * close its own socket and nothing else. After every case the process is still running and a
 * well-behaved client still gets answers. Before the fix a single frame with invalid UTF-8 ended
 * the whole process ("Unhandled 'error' event").
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_UPLOAD_CHUNK_BASE64 } from '../../../shared/contract/import';
import { rpcProtocols, tokenFromFragment } from '../../../shared/rpc/browser-credentials';
import { EngineClient } from '../../../shared/rpc/client';
import { isEngineFrame, type ClientToEngineFrame, type EngineToClientFrame } from '../../../shared/rpc/frames';
import { createWebSocketTransport, type WebSocketLike } from '../../../shared/rpc/websocket-transport';
import { tempDir } from '../../helpers/temp';

const CLI = resolve(__dirname, '..', '..', '..', 'dist', 'engine', 'cli.mjs');
const MAX_FRAME = 8 * 1024 * 1024;

const tmp = tempDir('kequn-frame-fuzz-');
let child: ChildProcess;
let stderr = '';
let port = 0;
let token = '';

beforeAll(async () => {
  const ui = join(tmp.dir, 'ui');
  mkdirSync(ui);
  writeFileSync(join(ui, 'index.html'), '<!doctype html><title>客群</title>');
  child = spawn(process.execPath, [CLI, 'serve', '--json', '--port', '0', '--static', ui], {
    env: { ...process.env, KEQUN_HOME: join(tmp.dir, 'home') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const line = await new Promise<string>((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`kequn serve printed nothing\n${stderr}`)), 30_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        ok(out.slice(0, nl));
      }
    });
    child.once('exit', (code) => fail(new Error(`kequn serve exited with ${code}\n${stderr}`)));
  });
  const served = JSON.parse(line) as { url: string; port: number };
  port = served.port;
  token = tokenFromFragment(new URL(served.url).hash) ?? '';
  expect(token).not.toBe('');
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((ok) => child.once('exit', ok));
    child.kill('SIGTERM');
    await exited;
  }
  tmp.cleanup();
});

/** A TCP connection that has completed the WebSocket handshake with the right token. */
async function handshake(): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  await new Promise<void>((ok, fail) => {
    socket.once('connect', ok);
    socket.once('error', fail);
  });
  socket.write(
    [
      'GET /rpc HTTP/1.1',
      `Host: 127.0.0.1:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      `Sec-WebSocket-Protocol: ${rpcProtocols(token).join(', ')}`,
      `Origin: http://127.0.0.1:${port}`,
      '',
      '',
    ].join('\r\n'),
  );
  const reply = await new Promise<string>((ok, fail) => {
    let text = '';
    const onData = (c: Buffer): void => {
      text += c.toString('latin1');
      if (text.includes('\r\n\r\n')) {
        socket.off('data', onData);
        ok(text);
      }
    };
    socket.on('data', onData);
    socket.once('close', () => fail(new Error(`closed during handshake: ${text}`)));
  });
  expect(reply).toMatch(/^HTTP\/1\.1 101 /);
  return socket;
}

interface FrameSpec {
  fin?: boolean;
  rsv?: number;
  opcode: number;
  payload?: Buffer;
  masked?: boolean;
  /** Length written in the header, when it should differ from the payload's. */
  declaredLength?: number;
}

/** Encodes one frame as a client would (masked unless told otherwise). */
function frame(spec: FrameSpec): Buffer {
  const payload = spec.payload ?? Buffer.alloc(0);
  const length = spec.declaredLength ?? payload.length;
  const masked = spec.masked ?? true;
  const head = [((spec.fin ?? true) ? 0x80 : 0) | ((spec.rsv ?? 0) << 4) | spec.opcode];
  const maskBit = masked ? 0x80 : 0;
  let ext = Buffer.alloc(0);
  if (length < 126) head.push(maskBit | length);
  else if (length < 65536) {
    head.push(maskBit | 126);
    ext = Buffer.alloc(2);
    ext.writeUInt16BE(length);
  } else {
    head.push(maskBit | 127);
    ext = Buffer.alloc(8);
    ext.writeBigUInt64BE(BigInt(length));
  }
  if (!masked) return Buffer.concat([Buffer.from(head), ext, payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  return Buffer.concat([Buffer.from(head), ext, mask, body]);
}

/** Resolves true when the server closes the socket within `ms`. */
function closedByServer(socket: Socket, ms = 5_000): Promise<boolean> {
  if (socket.destroyed) return Promise.resolve(true);
  return new Promise((ok) => {
    const timer = setTimeout(() => ok(false), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      ok(true);
    });
    socket.resume();
  });
}

async function healthy(): Promise<void> {
  expect(child.exitCode, stderr).toBeNull();
  const ws = new WebSocket(`ws://127.0.0.1:${port}/rpc`, rpcProtocols(token), { origin: `http://127.0.0.1:${port}` });
  await new Promise((ok, fail) => {
    ws.once('open', ok);
    ws.once('error', fail);
  });
  const client = new EngineClient(createWebSocketTransport<EngineToClientFrame, ClientToEngineFrame>(ws as unknown as WebSocketLike, isEngineFrame));
  try {
    const info = await client.call('engine.info', {});
    expect(info.nodeVersion).toMatch(/^v\d+/);
  } finally {
    client.close();
  }
}

const text = (s: string): Buffer => Buffer.from(s, 'utf8');

const CASES: { name: string; bytes: () => Buffer; endAfter?: boolean }[] = [
  { name: 'text frame with invalid UTF-8 (7b ff fe 7d)', bytes: () => frame({ opcode: 0x1, payload: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) }) },
  { name: 'reserved data opcode 0x3', bytes: () => frame({ opcode: 0x3, payload: text('{}') }) },
  { name: 'reserved control opcode 0xB', bytes: () => frame({ opcode: 0xb }) },
  { name: 'unmasked client frame', bytes: () => frame({ opcode: 0x1, payload: text('{"t":"req"}'), masked: false }) },
  { name: 'RSV1 set without an extension', bytes: () => frame({ opcode: 0x1, rsv: 4, payload: text('{}') }) },
  { name: 'declared length above the frame limit', bytes: () => frame({ opcode: 0x1, declaredLength: MAX_FRAME + 1, payload: text('{') }) },
  { name: 'declared 64-bit length with the top bit set', bytes: () => Buffer.concat([Buffer.from([0x81, 0xff, 0x80, 0, 0, 0, 0, 0, 0, 0]), randomBytes(4)]) },
  { name: 'truncated frame, then the client hangs up', bytes: () => frame({ opcode: 0x1, declaredLength: 200, payload: text('{"t":"req"') }), endAfter: true },
  { name: 'control frame longer than 125 bytes', bytes: () => frame({ opcode: 0x9, payload: Buffer.alloc(126, 1) }) },
  { name: 'fragmented control frame', bytes: () => frame({ opcode: 0x9, fin: false, payload: text('x') }) },
  { name: 'continuation without a first fragment', bytes: () => frame({ opcode: 0x0, payload: text('{}') }) },
  { name: 'new data frame inside a fragmented message', bytes: () => Buffer.concat([frame({ opcode: 0x1, fin: false, payload: text('{') }), frame({ opcode: 0x1, payload: text('}') })]) },
  { name: 'close frame with an invalid status code', bytes: () => frame({ opcode: 0x8, payload: Buffer.from([0x03, 0xe7]) }) },
  { name: 'close frame with a one-byte body', bytes: () => frame({ opcode: 0x8, payload: Buffer.from([0x03]) }) },
  { name: 'close frame whose reason is invalid UTF-8', bytes: () => frame({ opcode: 0x8, payload: Buffer.from([0x03, 0xe8, 0xff, 0xfe]) }) },
  {
    name: 'an import.upload message larger than the frame limit (the old contract allowed 8 MiB of base64)',
    bytes: () =>
      frame({
        opcode: 0x1,
        payload: text(JSON.stringify({ t: 'req', id: 1, method: 'import.upload', params: { uploadId: 'big', fileName: 'a.csv', size: 6 * 1024 * 1024, offset: 0, dataBase64: 'A'.repeat(MAX_FRAME), last: false } })),
      }),
  },
];

describe('kequn serve: malformed frames close one socket, never the server', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const socket = await handshake();
      socket.write(c.bytes());
      if (c.endAfter) socket.end();
      expect(await closedByServer(socket)).toBe(true);
      await healthy();
    });
  }

  it('the largest contract-valid upload chunk fits in one frame and gets an answer', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/rpc`, rpcProtocols(token), { origin: `http://127.0.0.1:${port}`, maxPayload: 0 });
    await new Promise((ok, fail) => {
      ws.once('open', ok);
      ws.once('error', fail);
    });
    const client = new EngineClient(createWebSocketTransport<EngineToClientFrame, ClientToEngineFrame>(ws as unknown as WebSocketLike, isEngineFrame));
    try {
      const dataBase64 = 'A'.repeat(MAX_UPLOAD_CHUNK_BASE64);
      const size = (MAX_UPLOAD_CHUNK_BASE64 / 4) * 3;
      // The biggest frame the contract allows: longest id, a 255-character Chinese name.
      const params = { uploadId: 'x'.repeat(64), fileName: '客'.repeat(255), size, offset: Number.MAX_SAFE_INTEGER, dataBase64, last: true };
      const frameBytes = Buffer.byteLength(JSON.stringify({ t: 'req', id: Number.MAX_SAFE_INTEGER, method: 'import.upload', params }));
      expect(frameBytes).toBeLessThan(MAX_FRAME / 2);
      expect(await client.call('import.upload', { uploadId: 'max', fileName: '最大.csv', size, offset: 0, dataBase64, last: true })).toMatchObject({ bytes: size });
    } finally {
      client.close();
    }
  });

  it('random bytes after the handshake, 60 rounds (seeded)', async () => {
    let seed = 0x5eed;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed >>> 16;
    };
    for (let round = 0; round < 60; round++) {
      const socket = await handshake();
      const length = 1 + (next() % 64);
      const bytes = Buffer.from(Array.from({ length }, () => next() & 0xff));
      // Half the rounds start with a plausible header so the parser gets past the first byte.
      if (round % 2 === 0) bytes[0] = [0x81, 0x82, 0x88, 0x89, 0x8a, 0x01, 0x80][next() % 7]!;
      socket.write(bytes);
      // Some inputs are a valid prefix (the server waits for more): then the client gives up.
      if (!(await closedByServer(socket, 150))) socket.destroy();
      if (round % 10 === 9) await healthy();
    }
    await healthy();
    expect(stderr).not.toMatch(/Unhandled|uncaught/i);
  });
});
