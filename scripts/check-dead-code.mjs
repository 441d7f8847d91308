// Dead-code check (CI runs it after lint): `node scripts/check-dead-code.mjs [--json]`.
// Fails (exit 1) on
//   1. dependencies in package.json that nothing uses: not imported by our code (source, tests,
//      benchmarks, scripts, configs), not a peer dependency of a package we import, not a tool a
//      script runs;
//   2. source files under electron/, renderer/, shared/ that nothing imports (entries aside);
//   3. exports of those files that nothing uses: no other file imports them (resolved through
//      re-exports by the TypeScript checker) and their own file does not use them either, so an
//      export kept "just in case" does not linger. (Exported props types used by their component
//      are fine; so are the types of shared/, the API between processes.) Renderer modules that
//      tests load by path count as used.
// Uses the TypeScript compiler API we already depend on; no extra packages.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rel = (p) => relative(root, p).split(sep).join('/');
const json = process.argv.includes('--json');

/** Production entry points (what scripts/build.mjs bundles) and config files: never "unused". */
const ENTRIES = [
  'electron/engine/cli/main.ts',
  'electron/engine/host/utility-entry.ts',
  'electron/main/main.ts',
  'electron/preload/preload.ts',
  'renderer/src/main.tsx',
];
const isEntry = (f) => ENTRIES.includes(f) || /\.worker\.ts$/.test(f);

/** Packages used without an import, and why. */
const USED_WITHOUT_IMPORT = {
  node: 'the pinned Node 22 runtime (node_modules/.bin/node runs the CLI, tests and the harness)',
};

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name === 'release' || name.startsWith('.')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (/\.(ts|tsx|mts|mjs|cjs|js)$/.test(name) && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

const sourceDirs = ['electron', 'renderer', 'shared'];
const otherDirs = ['tests', 'bench', 'scripts', 'bin', 'build'];
const allFiles = [...sourceDirs, ...otherDirs].flatMap((d) => walk(join(root, d)));
const configFiles = ['eslint.config.js', 'vitest.config.ts'].map((f) => join(root, f)).filter(existsSync);
const files = [...allFiles, ...configFiles];

// ---------------------------------------------------------------------------------------------
// 1. Dependencies
// ---------------------------------------------------------------------------------------------
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const deps = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})];
const specifier = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"]([^'"./][^'"]*)['"]/g;
const packageOf = (s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]);
const imported = new Set();
for (const f of files) for (const m of readFileSync(f, 'utf8').matchAll(specifier)) imported.add(packageOf(m[1]));
const scriptText = [JSON.stringify(pkg.scripts ?? {}), ...['.ci/run', '.github/workflows/desktop.yml'].map((f) => (existsSync(join(root, f)) ? readFileSync(join(root, f), 'utf8') : ''))].join('\n');
const TOOL_BINS = { typescript: 'tsc', eslint: 'eslint', vitest: 'vitest', 'electron-builder': 'electron-builder', electron: 'electron' };
const peersOf = new Map();
for (const d of imported) {
  const manifest = join(root, 'node_modules', d, 'package.json');
  if (!existsSync(manifest)) continue;
  for (const peer of Object.keys(JSON.parse(readFileSync(manifest, 'utf8')).peerDependencies ?? {})) {
    if (!peersOf.has(peer)) peersOf.set(peer, []);
    peersOf.get(peer).push(d);
  }
}
const depFindings = [];
const depReasons = {};
for (const d of deps) {
  if (imported.has(d)) continue;
  if (d.startsWith('@types/')) {
    const base = d.slice('@types/'.length).replace(/__/, '/');
    const scoped = base.includes('/') ? `@${base}` : base;
    if (d === '@types/node' || imported.has(scoped) || imported.has(base)) continue;
  }
  if (TOOL_BINS[d] && new RegExp(`\\b${TOOL_BINS[d]}\\b`).test(scriptText)) continue;
  if (peersOf.has(d)) {
    depReasons[d] = `peer dependency of ${peersOf.get(d).join(', ')} (bundled from it)`;
    continue;
  }
  if (USED_WITHOUT_IMPORT[d]) {
    depReasons[d] = USED_WITHOUT_IMPORT[d];
    continue;
  }
  depFindings.push(d);
}

// ---------------------------------------------------------------------------------------------
// 2 and 3. Files nobody imports, exports nobody imports
// ---------------------------------------------------------------------------------------------
const tsFiles = files.filter((f) => /\.(ts|tsx)$/.test(f));
const program = ts.createProgram(tsFiles, {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.ReactJSX,
  allowJs: false,
  noEmit: true,
  skipLibCheck: true,
  types: ['node'],
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
});
const checker = program.getTypeChecker();
const ours = (sf) => !sf.isDeclarationFile && sf.fileName.startsWith(root) && !sf.fileName.includes(`${sep}node_modules${sep}`);
const isSource = (f) => sourceDirs.some((d) => f.startsWith(`${d}/`));

const importedFiles = new Set();
/** Symbols (originals, after following aliases) that some other file imports or re-exports. */
const usedSymbols = new Set();
const original = (s) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);

for (const sf of program.getSourceFiles()) {
  if (!ours(sf)) continue;
  const visit = (node) => {
    const spec = ts.isImportDeclaration(node) || ts.isExportDeclaration(node) ? node.moduleSpecifier : ts.isImportTypeNode(node) ? node.argument?.literal : null;
    let target = null;
    if (spec && ts.isStringLiteral(spec)) {
      const r = ts.resolveModuleName(spec.text, sf.fileName, program.getCompilerOptions(), ts.sys).resolvedModule;
      if (r && !r.isExternalLibraryImport) {
        target = resolve(r.resolvedFileName);
        importedFiles.add(rel(target));
      }
    }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      const r = ts.resolveModuleName(node.arguments[0].text, sf.fileName, program.getCompilerOptions(), ts.sys).resolvedModule;
      if (r && !r.isExternalLibraryImport) {
        importedFiles.add(rel(resolve(r.resolvedFileName)));
        // A dynamic import uses what it destructures; treat the whole module as used.
        const m = checker.getSymbolAtLocation(node.arguments[0]);
        for (const e of m ? checker.getExportsOfModule(m) : []) usedSymbols.add(original(e));
      }
    }
    if (ts.isImportDeclaration(node) && node.importClause && target) {
      const c = node.importClause;
      if (c.name) {
        const s = checker.getSymbolAtLocation(c.name);
        if (s) usedSymbols.add(original(s));
      }
      const b = c.namedBindings;
      if (b && ts.isNamedImports(b)) for (const e of b.elements) {
        const s = checker.getSymbolAtLocation(e.name);
        if (s) usedSymbols.add(original(s));
      }
      if (b && ts.isNamespaceImport(b)) {
        const m = checker.getSymbolAtLocation(spec);
        for (const e of m ? checker.getExportsOfModule(m) : []) usedSymbols.add(original(e));
      }
    }
    // Declaration merging into another module (`declare module '…' { interface ViewParamsMap … }`) uses that module.
    if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) {
      const r = ts.resolveModuleName(node.name.text, sf.fileName, program.getCompilerOptions(), ts.sys).resolvedModule;
      if (r && !r.isExternalLibraryImport) importedFiles.add(rel(resolve(r.resolvedFileName)));
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

// Tests load pure renderer modules at run time by path (the renderer is its own TS project):
// everything such a module exports is used by the test.
const loadedByPath = new Set();
for (const f of files.filter((x) => rel(x).startsWith('tests/'))) {
  for (const m of readFileSync(f, 'utf8').matchAll(/['"]((?:app|features|shell|i18n|components)\/[\w/.-]+\.tsx?)['"]/g)) loadedByPath.add(`renderer/src/${m[1]}`);
}
/** Whether a name occurs in its file beyond its declaration (a local use). */
function usedLocally(sf, name) {
  const re = new RegExp(`(?<![\\w$])${name.replace(/[$]/g, '\\$')}(?![\\w$])`, 'g');
  return (sf.text.match(re) ?? []).length > 1;
}

const fileFindings = [];
const exportFindings = [];
for (const sf of program.getSourceFiles()) {
  if (!ours(sf)) continue;
  const f = rel(sf.fileName);
  if (!isSource(f)) continue;
  if (!isEntry(f) && !importedFiles.has(f)) {
    fileFindings.push(f);
    continue;
  }
  const m = checker.getSymbolAtLocation(sf);
  if (!m || isEntry(f) || loadedByPath.has(f)) continue;
  for (const e of checker.getExportsOfModule(m)) {
    // Re-exports (`export * from`, `export { x } from`) are judged where they are declared.
    if (e.flags & ts.SymbolFlags.Alias) continue;
    const decl = e.declarations?.[0];
    if (!decl || decl.getSourceFile() !== sf) continue;
    if (usedSymbols.has(e) || usedLocally(sf, e.getName())) continue;
    // shared/ is the documented API between processes (contract, frames, the desktop bridge):
    // its types describe the wire format for any client, used here or not. Its values are checked.
    if (f.startsWith('shared/') && (e.flags & (ts.SymbolFlags.Type | ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) && !(e.flags & ts.SymbolFlags.Value)) continue;
    const line = sf.getLineAndCharacterOfPosition(decl.getStart()).line + 1;
    exportFindings.push(`${f}:${line} ${e.getName()}`);
  }
}

const problems = depFindings.length + fileFindings.length + exportFindings.length;
if (json) {
  console.log(JSON.stringify({ unusedDependencies: depFindings, unusedFiles: fileFindings, unusedExports: exportFindings, keptDependencies: depReasons }, null, 2));
} else {
  for (const [d, why] of Object.entries(depReasons)) console.log(`kept  ${d}: ${why}`);
  for (const d of depFindings) console.log(`unused dependency  ${d}`);
  for (const f of fileFindings) console.log(`unused file        ${f}`);
  for (const e of exportFindings) console.log(`unused export      ${e}`);
  console.log(problems === 0 ? 'dead-code check: nothing unused' : `dead-code check: ${problems} finding(s)`);
}
process.exit(problems === 0 ? 0 : 1);
