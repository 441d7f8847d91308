/**
 * Boots the real main bundle (dist/main/main.cjs as scripts/build.mjs makes it) against the
 * electron stand-in. No Electron binary exists on our build machine; everything main does goes
 * through the stand-in, and its utility process runs the real engine entry.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { appPaths } from '../../../electron/main/app-paths';
import { createElectronStandIn, type ElectronStandIn } from './main-electron';
import type { UtilityProcessStandIn } from './utility-process';

export const ROOT = resolve(__dirname, '..', '..', '..');

export interface DesktopBundles {
  main: string;
  preload: string;
}

let bundles: DesktopBundles | null = null;

/**
 * The main and preload bundles, built by scripts/build.mjs (same options as the app) into a temp
 * folder, once per test process. The engine bundle main forks is dist/engine/utility.mjs (the
 * unit run's global setup and `npm run test:e2e` build it).
 */
export function desktopBundles(): DesktopBundles {
  if (bundles) return bundles;
  const out = mkdtempSync(join(tmpdir(), 'kequn-desktop-bundles-'));
  try {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--electron', '--no-maps', '--out', out], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`desktop build failed:\n${r.stdout}\n${r.stderr}`);
    bundles = { main: readFileSync(join(out, 'main', 'main.cjs'), 'utf8'), preload: readFileSync(join(out, 'preload', 'preload.cjs'), 'utf8') };
    return bundles;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export interface BootOptions {
  userData: string;
  /** process.argv main sees; default: the packaged executable alone. */
  argv?: string[];
  /** false: another instance holds the single-instance lock. */
  lock?: boolean;
  isPackaged?: boolean;
  /** process.platform main sees (menus differ on macOS). */
  platform?: NodeJS.Platform;
  /** Working directory main sees (relative paths in argv). */
  cwd?: string;
}

export interface BootedMain extends ElectronStandIn {
  userData: string;
  /** Where main looks for its bundles (as if it ran from dist/main). */
  paths: ReturnType<typeof appPaths>;
  /** The utility process main forked last. */
  engine(): UtilityProcessStandIn;
  /** app 'before-quit': main stops the engine; resolves once the engine has exited. */
  quit(): Promise<void>;
}

/** Runs main once with the stand-in as `electron`; call `becomeReady()` for Electron's 'ready'. */
export function bootMain(options: BootOptions): BootedMain {
  const standIn = createElectronStandIn({ userData: options.userData, lock: options.lock ?? true, isPackaged: options.isPackaged ?? true });
  const mainDir = join(ROOT, 'dist', 'main');
  const nodeRequire = createRequire(join(ROOT, 'package.json'));
  const requireStub = (name: string): unknown => (name === 'electron' ? standIn.electron : nodeRequire(name));
  const fakeProcess = Object.create(process, {
    argv: { value: options.argv ?? ['/opt/kequn/kequn'] },
    // An empty KEQUN_USER_DATA: main keeps the userData the stand-in reports.
    env: { value: { ...process.env, KEQUN_USER_DATA: '' } },
    platform: { value: options.platform ?? process.platform },
    cwd: { value: () => options.cwd ?? process.cwd() },
  }) as NodeJS.Process;
  const module = { exports: {} };
  new Function('require', 'module', 'exports', '__dirname', '__filename', 'process', desktopBundles().main)(
    requireStub,
    module,
    module.exports,
    mainDir,
    join(mainDir, 'main.cjs'),
    fakeProcess,
  );
  return {
    ...standIn,
    userData: options.userData,
    paths: appPaths(mainDir),
    engine: () => {
      const e = standIn.engines.at(-1);
      if (!e) throw new Error('main has not forked an engine');
      return e;
    },
    quit: async () => {
      const running = standIn.engines.filter((e) => !e.hasExited);
      const exited = running.map((e) => new Promise<void>((r) => e.once('exit', () => r())));
      standIn.appEvents.emit('before-quit');
      await Promise.race([Promise.all(exited), new Promise((r) => setTimeout(r, 5_000))]);
    },
  };
}
