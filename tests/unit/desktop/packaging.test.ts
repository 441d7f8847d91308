import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appPaths } from '../../../electron/main/app-paths';
import { tempDir } from '../../helpers/temp';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const CONFIG_PATH = 'build/electron-builder.json';

interface TargetEntry {
  target: string;
  arch?: string[];
}
interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { output: string; buildResources: string };
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  nodeGypRebuild: boolean;
  buildDependenciesFromSource: boolean;
  electronFuses: Record<string, boolean>;
  fileAssociations: { ext: string; name: string }[];
  win: { icon: string; target: TargetEntry[] };
  mac: { icon: string; target: TargetEntry[] };
  linux: { icon: string; target: TargetEntry[]; maintainer?: string };
}

const config = JSON.parse(readFileSync(join(root, CONFIG_PATH), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string;
  productName: string;
  dependencies: Record<string, string>;
  scripts: Record<string, string>;
};

function targets(list: TargetEntry[]): string[] {
  return list.flatMap((t) => (t.arch ?? ['x64']).map((a) => `${t.target}:${a}`)).sort();
}

function pngSize(path: string): [number, number] {
  const b = readFileSync(path);
  expect(b.subarray(1, 4).toString('ascii')).toBe('PNG');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe('electron-builder config', () => {
  it('names the app and points npm run dist at this file', () => {
    expect(config.appId).toBe('com.kequn.app');
    expect(config.productName).toBe('客群 Kequn');
    expect(pkg.productName).toBe(config.productName);
    expect(pkg.scripts.dist).toContain(`--config ${CONFIG_PATH}`);
    expect(pkg.main).toBe('dist/main/main.cjs');
  });

  it('ships dist/** and package.json in an asar, native prebuilds unpacked, nothing rebuilt', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/**/*', 'package.json']));
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/better-sqlite3/prebuilds/**', 'node_modules/@resvg/**/*.node']));
    expect(config.npmRebuild).toBe(false);
    expect(config.nodeGypRebuild).toBe(false);
    expect(config.buildDependenciesFromSource).toBe(false);
  });

  it('builds NSIS + portable on Windows, dmg x64 + arm64 on macOS, AppImage + deb on Linux', () => {
    expect(targets(config.win.target)).toEqual(['nsis:x64', 'portable:x64']);
    expect(targets(config.mac.target)).toEqual(['dmg:arm64', 'dmg:x64']);
    expect(targets(config.linux.target)).toEqual(['AppImage:x64', 'deb:x64']);
    expect(config.linux.maintainer).toBeTruthy();
  });

  it('flips the Electron fuses a packaged app does not need (run-as-node, NODE_OPTIONS, inspect, file:// privileges)', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      grantFileProtocolExtraPrivileges: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('associates .kequn files with the app', () => {
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'kequn' })]);
  });

  it('passes electron-builder’s own schema validation (and that validation does catch mistakes)', async () => {
    const req = createRequire(join(root, 'node_modules/electron-builder/package.json'));
    const { validateConfiguration } = req('app-builder-lib/out/util/config/config') as {
      validateConfiguration(c: unknown, logger: { isEnabled: boolean; add(k: string, v: unknown): void }): Promise<void>;
    };
    const logger = { isEnabled: false, add: () => undefined };
    await expect(validateConfiguration(config, logger)).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, win: { ...config.win, nonsense: true } }, logger)).rejects.toThrow(/configuration/i);
  });

  it('has the icons it points at: 512×512 and 256×256 PNGs', () => {
    expect(pngSize(join(root, config.win.icon))).toEqual([512, 512]);
    expect(pngSize(join(root, config.mac.icon))).toEqual([512, 512]);
    expect(pngSize(join(root, config.linux.icon, '512x512.png'))).toEqual([512, 512]);
    expect(pngSize(join(root, config.linux.icon, '256x256.png'))).toEqual([256, 256]);
  });

  it('the native modules it unpacks exist as prebuilds for this platform', () => {
    expect(existsSync(join(root, 'node_modules/better-sqlite3/prebuilds', `${process.platform}-${process.arch}.node`))).toBe(true);
    const resvg = readdirSync(join(root, 'node_modules/@resvg')).flatMap((d) =>
      readdirSync(join(root, 'node_modules/@resvg', d)).filter((f) => f.endsWith('.node')),
    );
    expect(resvg.length).toBeGreaterThan(0);
    for (const dep of ['better-sqlite3', '@resvg/resvg-js']) expect(pkg.dependencies[dep]).toBeTruthy();
  });
});

describe('after scripts/build.mjs', () => {
  const tmp = tempDir('kequn-pack-');
  const out = join(tmp.dir, 'dist');
  beforeAll(() => {
    execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--out', out, '--no-maps'], { cwd: root, stdio: 'pipe' });
  }, 60_000);
  afterAll(() => tmp.cleanup());

  it('every bundle the packager and main need exists', () => {
    const paths = appPaths(join(out, 'main'));
    for (const file of [join(tmp.dir, pkg.main), paths.engine, paths.preload, join(paths.renderer, 'index.html'), join(out, 'engine', 'cli.mjs')]) {
      expect(existsSync(file) && statSync(file).size > 0, file).toBe(true);
    }
    expect(readdirSync(join(paths.renderer, 'assets')).some((f) => f.endsWith('.js'))).toBe(true);
  });

  it('the sandboxed preload requires nothing but electron', () => {
    const code = readFileSync(join(out, 'preload', 'preload.cjs'), 'utf8');
    expect([...new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]))]).toEqual(['electron']);
  });

  it('main and engine bundles import only Node built-ins, electron (main) and production dependencies', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const production = new Set(Object.keys(pkg.dependencies));
    const bare = (code: string): string[] =>
      [...code.matchAll(/(?:^|\n)import(?:[^'";]*?from)?\s*"([^"]+)"|\bimport\("([^"]+)"\)|\brequire\("([^"]+)"\)/g)]
        .map((m) => m[1] ?? m[2] ?? m[3] ?? '')
        .filter((s) => !s.startsWith('.') && !s.startsWith('/'));
    const packageOf = (spec: string): string => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec));
    const offenders: string[] = [];
    const engineFiles = [join(out, 'engine', 'utility.mjs'), join(out, 'engine', 'cli.mjs')];
    const workers = join(out, 'engine', 'workers');
    if (existsSync(workers)) engineFiles.push(...readdirSync(workers).filter((f) => f.endsWith('.mjs')).map((f) => join(workers, f)));
    for (const [file, allowElectron] of [[join(out, 'main', 'main.cjs'), true], ...engineFiles.map((f) => [f, false] as const)] as const) {
      for (const spec of bare(readFileSync(file, 'utf8'))) {
        if (builtins.has(spec) || production.has(packageOf(spec)) || (allowElectron && spec === 'electron')) continue;
        offenders.push(`${file.slice(out.length)} → ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
    // The scan does see imports: the engine's SQLite and main's zod are found.
    expect(bare(readFileSync(join(out, 'engine', 'utility.mjs'), 'utf8'))).toContain('better-sqlite3');
    expect(bare(readFileSync(join(out, 'main', 'main.cjs'), 'utf8'))).toContain('zod');
    // The engine never loads electron, even indirectly.
    for (const f of engineFiles) expect(bare(readFileSync(f, 'utf8'))).not.toContain('electron');
  });
});
