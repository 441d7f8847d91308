/**
 * EngineProcess (electron/main/engine-process.ts) with the electron stand-in's utility process:
 * the real engine entry in a worker thread, connected over real MessagePorts. Start, restarts with
 * backoff, giving up, retry, and windows that went away.
 */
import { join } from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { MessagePortMain } from 'electron';
import { afterAll, describe, expect, it } from 'vitest';
import { KequnError } from '../../../shared/contract/errors';
import { EngineClient } from '../../../shared/rpc/client';
import { isEngineFrame, type ClientToEngineFrame, type EngineToClientFrame } from '../../../shared/rpc/frames';
import { createPortTransport, type PortLike } from '../../../shared/rpc/port-transport';
import { EngineProcess, MAX_RESTARTS, STABLE_AFTER_MS, restartDelay, type EngineState } from '../../../electron/main/engine-process';
import { ROOT, UtilityProcessStandIn } from '../../helpers/electron-stand-in';
import { tempDir } from '../../helpers/temp';

function nodePort(port: MessagePort): PortLike {
  return {
    postMessage: (d) => port.postMessage(d),
    subscribe: (l) => {
      const fn = (d: unknown): void => l(d);
      port.on('message', fn);
      return () => port.off('message', fn);
    },
    onClose: (l) => port.on('close', l),
    close: () => port.close(),
  };
}

const tmp = tempDir();
/** The real engine entry, run by the electron stand-in's utility process (a worker thread). */
const ENGINE_ENTRY = join(ROOT, 'dist', 'engine', 'utility.mjs');
afterAll(() => tmp.cleanup());

function harness(options: { now?: () => number } = {}) {
  const children: UtilityProcessStandIn[] = [];
  const states: { state: EngineState; attempt?: number }[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const proc = new EngineProcess({
    modulePath: ENGINE_ENTRY,
    userData: join(tmp.dir, 'user-data'),
    env: { PATH: '/usr/bin' },
    fork: (_path, _args, opts) => {
      const child = new UtilityProcessStandIn(ENGINE_ENTRY, opts);
      children.push(child);
      return child;
    },
    createChannel: () => new MessageChannel() as unknown as { port1: MessagePortMain; port2: MessagePortMain },
    onState: (state, d) => states.push({ state, ...(d.attempt === undefined ? {} : { attempt: d.attempt }) }),
    schedule: (fn, ms) => timers.push({ fn, ms }),
    ...(options.now ? { now: options.now } : {}),
  });
  // One window whose page holds an EngineClient, re-attached to every port it is sent.
  const client = new EngineClient();
  let portsReceived = 0;
  proc.attach({
    id: 1,
    isDestroyed: () => false,
    postEnginePort: (port) => {
      portsReceived++;
      client.attach(createPortTransport<EngineToClientFrame, ClientToEngineFrame>(nodePort(port as unknown as MessagePort), isEngineFrame));
    },
  });
  const runTimers = (): number[] => timers.splice(0).map((t) => (t.fn(), t.ms));
  return { proc, children, states, client, runTimers, portsReceived: () => portsReceived };
}

describe('engine process management', () => {
  it('starts the engine with KEQUN_HOME = userData and connects a window when its page asks', async () => {
    const h = harness();
    h.proc.start();
    expect(h.children).toHaveLength(1);
    expect(h.children[0]!.options.env).toMatchObject({ KEQUN_HOME: join(tmp.dir, 'user-data'), PATH: '/usr/bin' });
    expect(h.portsReceived()).toBe(0);
    expect(h.proc.reconnect(1)).toBe(true);
    expect(h.proc.reconnect(2)).toBe(false);
    const info = await h.client.call('engine.info', {});
    expect(info.project).toBeNull();
    await new Promise((r) => setImmediate(r));
    expect(h.proc.state).toBe('running');
    h.proc.stop();
  });

  it('restarts after a crash with backoff, sends fresh ports, and fails in-flight calls with ENGINE_RESTARTED', async () => {
    const h = harness();
    h.proc.start();
    h.proc.reconnect(1);
    await h.client.call('engine.info', {});
    const inFlight = h.client.call('engine.selfTest', { steps: 200, stepMs: 20 });
    await new Promise((r) => setTimeout(r, 30));
    h.children[0]!.crash(3);
    expect(h.proc.state).toBe('restarting');
    expect(h.runTimers()).toEqual([restartDelay(1)]);
    expect(h.children).toHaveLength(2);
    await expect(inFlight).rejects.toMatchObject({ code: 'ENGINE_RESTARTED' });
    await expect(inFlight).rejects.toBeInstanceOf(KequnError);
    // The window got a new port to the new engine without asking.
    expect(h.portsReceived()).toBe(2);
    const info = await h.client.call('engine.info', {});
    expect(info.appVersion).toMatch(/\d+\.\d+/);
    h.proc.stop();
  });

  it('gives up after MAX_RESTARTS quick crashes and starts again on retry', () => {
    let clock = 0;
    const h = harness({ now: () => clock });
    h.proc.start();
    const delays: number[] = [];
    for (let i = 0; i < MAX_RESTARTS; i++) {
      h.children.at(-1)!.crash();
      clock += 100;
      delays.push(...h.runTimers());
    }
    expect(delays).toEqual([250, 500, 1000, 2000, 4000]);
    h.children.at(-1)!.crash();
    expect(h.proc.state).toBe('failed');
    expect(h.runTimers()).toEqual([]);
    expect(h.children).toHaveLength(MAX_RESTARTS + 1);
    h.proc.retry();
    expect(h.children).toHaveLength(MAX_RESTARTS + 2);
    expect(h.proc.restartAttempts).toBe(0);
    h.proc.stop();
  });

  it('forgets earlier crashes once the engine ran for a while', () => {
    let clock = 0;
    const h = harness({ now: () => clock });
    h.proc.start();
    h.children.at(-1)!.crash();
    h.runTimers();
    expect(h.proc.restartAttempts).toBe(1);
    clock += STABLE_AFTER_MS;
    h.children.at(-1)!.crash();
    expect(h.proc.restartAttempts).toBe(1);
    h.proc.stop();
  });

  it('does not restart after stop(), and ignores exits of replaced children', () => {
    const h = harness();
    h.proc.start();
    h.proc.stop();
    expect(h.proc.state).toBe('stopped');
    expect(h.runTimers()).toEqual([]);
    expect(h.children).toHaveLength(1);
    expect(h.states.map((s) => s.state)).toEqual(['starting', 'stopped']);
  });

  it('backoff doubles from 250 ms and is capped at 8 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 10].map(restartDelay)).toEqual([250, 500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });
});

describe('windows that went away', () => {
  it('get no port after a restart and are forgotten', () => {
    const forked: UtilityProcessStandIn[] = [];
    const posted: number[] = [];
    const timers: (() => void)[] = [];
    const proc = new EngineProcess({
      modulePath: ENGINE_ENTRY,
      userData: join(tmp.dir, 'ud2'),
      fork: (_p, _a, o) => {
        const c = new UtilityProcessStandIn(ENGINE_ENTRY, o);
        forked.push(c);
        return c;
      },
      createChannel: () => new MessageChannel() as unknown as { port1: MessagePortMain; port2: MessagePortMain },
      schedule: (fn) => timers.push(fn),
    });
    let alive = true;
    proc.attach({ id: 5, isDestroyed: () => !alive, postEnginePort: () => posted.push(5) });
    proc.attach({ id: 6, isDestroyed: () => false, postEnginePort: (p) => (posted.push(6), (p as unknown as MessagePort).close()) });
    proc.start();
    alive = false;
    forked[0]!.crash();
    timers.splice(0).forEach((t) => t());
    expect(posted).toEqual([6]);
    expect(proc.reconnect(5)).toBe(false);
    proc.detach(6);
    expect(proc.reconnect(6)).toBe(false);
    proc.stop();
  });
});
