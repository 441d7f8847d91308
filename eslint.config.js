import tseslint from 'typescript-eslint';

// Import direction (VS Code style): shared ← engine, shared ← renderer; main/preload take shared
// types only and start the engine by path. Violations are errors, not warnings.
const noNode = {
  group: ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'better-sqlite3', 'xlsx', 'exceljs', 'ws', 'iconv-lite'],
  message: 'Node/engine-only module: not allowed in this folder.',
};
const noElectron = { group: ['electron', 'electron/*'], message: 'Only electron/main and electron/preload may import electron.' };
const noEngine = { group: ['**/electron/engine/**', '**/engine/**'], message: 'Talk to the engine through the contract client, never by import.' };
const noRenderer = { group: ['**/renderer/**'], message: 'The renderer is a leaf: nothing imports it.' };
const noReact = { group: ['react', 'react-dom', 'react/*', 'react-dom/*', 'i18next', 'react-i18next', 'echarts', '@glideapps/*'], message: 'UI libraries belong in renderer/.' };
// The engine renders report charts with ECharts' server-side SVG renderer, so it may use echarts.
const noReactInEngine = { ...noReact, group: noReact.group.filter((g) => g !== 'echarts') };
const noMain = { group: ['**/electron/main/**', '**/preload/**'], message: 'Shell code is not importable from here.' };

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'coverage/**', '**/*.d.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.name='eval']", message: 'No eval.' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noNode, noElectron, noEngine, noRenderer, noReact, noMain] }],
    },
  },
  {
    files: ['electron/engine/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron, noRenderer, noReactInEngine, noMain] }] },
  },
  // The store is the one owner of the project database: nothing else imports the driver or
  // calls into it. (Regular expressions use String.prototype.match, so the boundary stays a grep.)
  {
    files: ['electron/engine/**/*.ts'],
    ignores: ['electron/engine/store/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noElectron, noRenderer, noReactInEngine, noMain, { group: ['better-sqlite3'], message: 'Only electron/engine/store/ talks to SQLite.' }] }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='eval']", message: 'No eval.' },
        {
          selector: "CallExpression[callee.property.name=/^(prepare|exec|pragma|transaction)$/]",
          message: 'Database calls belong in electron/engine/store/ (for a regular expression use String.prototype.match).',
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noNode, noElectron, noEngine, noMain] }] },
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [noEngine, noRenderer, noReact, { group: ['better-sqlite3', 'xlsx', 'exceljs'], message: 'Main is never on the data path.' }] },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noNode, noEngine, noRenderer, noReact] }] },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.mjs', 'bench/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
