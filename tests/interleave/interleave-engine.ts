import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineClient } from '../../shared/rpc/client';
import { CLI } from '../crash/crash-harness';
import { connectClient } from '../helpers/ws-engine';

/**
 * The engine as the browser mode runs it: `kequn serve` in its own process, reached over the
 * WebSocket transport, so a schedule can kill it with SIGKILL mid-work and start it again.
 */
export class EngineProcess {
  private child: ChildProcess | null = null;
  client: EngineClient | null = null;

  constructor(private readonly dir: string) {
    mkdirSync(join(dir, 'static'), { recursive: true });
    // serve wants a UI folder; the harness only talks to the engine.
    writeFileSync(join(dir, 'static', 'index.html'), '<!doctype html><title>interleave</title>');
  }

  async start(project: string): Promise<EngineClient> {
    const child = spawn(process.execPath, [CLI, 'serve', '--project', project, '--static', join(this.dir, 'static'), '--json'], {
      env: { ...process.env, KEQUN_HOME: join(this.dir, 'home') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const started = await new Promise<{ url: string; port: number }>((ok, fail) => {
      let out = '';
      let err = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const line = out.split('\n').find((l) => l.trim().startsWith('{'));
        if (line) ok(JSON.parse(line) as { url: string; port: number });
      });
      child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
      child.once('exit', (code) => fail(new Error(`serve exited (${String(code)}) before starting: ${err}${out}`)));
    });
    const token = new URL(started.url).hash.replace(/^#token=/, '');
    this.client = await connectClient(started.port, decodeURIComponent(token));
    return this.client;
  }

  /** kill -9: the engine gets no chance to clean up. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
    child.kill('SIGKILL');
    await exited;
    this.client?.close();
    this.client = null;
    this.child = null;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.client?.close();
    const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
    child.kill('SIGTERM');
    await exited;
    this.child = null;
    this.client = null;
  }
}
