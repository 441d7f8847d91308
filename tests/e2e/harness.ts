import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = resolve(__dirname, '..', '..');
export const CHROMIUM = process.env.KEQUN_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const CHROMIUM_SKIP_MESSAGE = `skipped: Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`;

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface StartAppOptions {
  /** Open this project (created when missing) instead of the demo project. */
  projectPath?: string;
  /** KEQUN_HOME for the engine (demo project lives there); default a fresh temp folder. */
  home?: string;
  /** Browser language preference; the app itself defaults to zh-CN whatever this says. */
  locale?: string;
  /** Script run in the page before the app's own (e.g. a stand-in for the desktop preload). */
  initScript?: string;
  /** Start through `scripts/serve.mjs` (what `npm run serve` runs) instead of the CLI bundle. */
  viaServeScript?: boolean;
  /** Names the final screenshot taken on close when KEQUN_E2E_SCREENSHOTS=<dir> is set. */
  name?: string;
}

export interface RunningApp {
  page: Page;
  /** The URL with the token, as `kequn serve` printed it. */
  url: string;
  /** KEQUN_HOME the engine runs with. */
  home: string;
  context: BrowserContext;
  /** Engine stderr so far (for diagnosing a failure). */
  engineLog: () => string;
  /** Stops the engine process only (the page stays), e.g. to see the UI's reconnect state. */
  stopEngine: () => Promise<void>;
  /** Console errors and uncaught exceptions of the page since it was opened. */
  consoleErrors: () => string[];
  close: () => Promise<void>;
}

interface ServeLine {
  url: string;
  port: number;
  project: string | null;
}

function readServeLine(child: ChildProcess, stderr: () => string): Promise<ServeLine> {
  return new Promise((ok, fail) => {
    let buffer = '';
    const timer = setTimeout(() => fail(new Error(`kequn serve printed no URL in 60 s\n${stderr()}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      buffer += chunk.toString('utf8');
      const newline = buffer.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      try {
        const parsed = JSON.parse(buffer.slice(0, newline)) as ServeLine | { error: unknown };
        if ('error' in parsed) fail(new Error(`kequn serve failed: ${JSON.stringify(parsed.error)}`));
        else ok(parsed);
      } catch (e) {
        fail(new Error(`kequn serve printed no JSON: ${buffer}\n${stderr()}`, { cause: e }));
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`kequn serve exited with ${code}\n${stderr()}`));
    });
  });
}

/**
 * Starts the built CLI's browser mode (dist/engine/cli.mjs serve on a random port, its own
 * KEQUN_HOME) and a headless Chromium with a fresh profile, and opens the printed URL.
 * `close` stops exactly these two processes and removes the temp folders it made.
 */
export async function startApp(options: StartAppOptions = {}): Promise<RunningApp> {
  const cli = join(ROOT, 'dist', 'engine', 'cli.mjs');
  const built = (): boolean => existsSync(cli) && existsSync(join(ROOT, 'dist', 'renderer', 'index.html'));
  // A build running at the same moment (another terminal) swaps dist/ folders: give it a few seconds.
  for (let waited = 0; !built() && waited < 10_000; waited += 250) await new Promise((ok) => setTimeout(ok, 250));
  if (!built()) throw new Error('Build first: node scripts/build.mjs --engine --renderer (npm run test:e2e does)');
  const made: string[] = [];
  const home = options.home ?? mkdtempSync(join(tmpdir(), 'kequn-e2e-home-'));
  if (!options.home) made.push(home);
  const profile = mkdtempSync(join(tmpdir(), 'kequn-e2e-chromium-'));
  made.push(profile);

  const args = options.viaServeScript
    ? [join(ROOT, 'scripts', 'serve.mjs'), '--json', '--port', '0']
    : [cli, 'serve', '--json', '--port', '0'];
  if (options.projectPath) args.push('--project', options.projectPath);
  const engine = spawn(join(ROOT, 'node_modules', '.bin', 'node'), args, {
    cwd: ROOT,
    env: { ...process.env, KEQUN_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  engine.stderr?.on('data', (c: Buffer) => {
    log += c.toString('utf8');
  });
  const stopEngine = async (): Promise<void> => {
    if (engine.exitCode !== null || engine.signalCode !== null) return;
    const exited = new Promise<void>((ok) => engine.once('exit', () => ok()));
    engine.kill('SIGTERM');
    const timer = setTimeout(() => engine.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const cleanup = (): void => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  };

  let context: BrowserContext | null = null;
  try {
    const served = await readServeLine(engine, () => log);
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
      locale: options.locale ?? 'zh-CN',
      viewport: { width: 1280, height: 800 },
    });
    if (options.initScript) await context.addInitScript({ content: options.initScript });
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(served.url);
    const ctx = context;
    return {
      page,
      url: served.url,
      home,
      context: ctx,
      engineLog: () => log,
      stopEngine,
      consoleErrors: () => [...errors],
      close: async () => {
        // KEQUN_E2E_SCREENSHOTS=/tmp/shots keeps the last screen of every app for a human to look at.
        const shots = process.env.KEQUN_E2E_SCREENSHOTS;
        if (shots && !page.isClosed()) {
          mkdirSync(shots, { recursive: true });
          const file = `${(options.name ?? 'app').replace(/[^\w.-]+/g, '_')}-${Date.now()}.png`;
          await page.screenshot({ path: join(shots, file) }).catch(() => undefined);
        }
        await ctx.close().catch(() => undefined);
        await stopEngine();
        cleanup();
      },
    };
  } catch (e) {
    await context?.close().catch(() => undefined);
    await stopEngine();
    cleanup();
    throw e;
  }
}
