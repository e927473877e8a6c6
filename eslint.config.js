// ESLint (`npm run lint`, run by .ci/run) over src/, test/ and scripts/. Correctness rules only:
// no stylistic rules, the code's layout is not the linter's business.
//
// What it enforces beyond the recommended sets:
// - No import cycle, of any length, between our files (import-x/no-cycle, maxDepth ∞). Dynamic
//   `import()` counts; type-only imports do not (they are erased at run time).
// - No import cycle between the top-level folders of src/ either (local/no-folder-cycle,
//   scripts/eslint-folder-cycles.mjs): the layout must read one way, cli → report → cli is a cycle.
// - No module-level mutable state in src/ (no-restricted-syntax, below), as far as syntax shows it.
//   A lint rule cannot see whether a binding is mutated, so it forbids the forms that only exist to
//   be mutated: a top-level `let`/`var`; a top-level binding to an empty `new Map()`/`new Set()`
//   (a cache or registry to be filled later), to any WeakMap/WeakSet/WeakRef/FinalizationRegistry,
//   to an array or typed-array constructor (scratch buffers), to an empty `[]` or `{}`, and a
//   top-level regular expression with the g or y flag (its lastIndex is shared state). Allowed:
//   `const` tables built from literals (`new Set(['a', 'b'])`, objects, arrays with elements),
//   which the code only reads. Mutating such a table, or state kept in a class's static field, is
//   beyond what syntax can tell; review catches those.
// - Type-aware rules where they are cheap and catch real bugs: promises that are neither awaited
//   nor handled, and awaits of non-promises (test/tsconfig.json covers src/ and test/).
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import globals from 'globals';
import folderCycles from './scripts/eslint-folder-cycles.mjs';
import tseslint from 'typescript-eslint';

const topLevel = ':matches(Program, Program > ExportNamedDeclaration) > VariableDeclaration';
const boundTo = (init) => [
  `${topLevel} > VariableDeclarator > ${init}`,
  `${topLevel} > VariableDeclarator > :matches(TSAsExpression, TSSatisfiesExpression, TSNonNullExpression) > ${init}`,
];
const state = (selectors, message) => selectors.map((selector) => ({ selector, message: `Module-level mutable state: ${message}` }));

const noModuleState = [
  ...state([`${topLevel}[kind!='const']`], 'a top-level let/var. Pass the value in, or keep it in a function.'),
  ...state(boundTo("NewExpression[callee.name=/^(Map|Set)$/][arguments.length=0]"), 'an empty Map/Set at top level is a cache or registry. Keep it in the caller.'),
  ...state(boundTo('NewExpression[callee.name=/^(WeakMap|WeakSet|WeakRef|FinalizationRegistry)$/]'), 'a top-level WeakMap/WeakSet/WeakRef hands data between calls out of sight. Return it instead.'),
  ...state(boundTo('NewExpression[callee.name=/^(Array|(Ui|I)nt(8|16|32)Array|Uint8ClampedArray|Float(32|64)Array|Big(Ui|I)nt64Array)$/]'), 'a top-level buffer is shared scratch space. Allocate it per call.'),
  ...state(boundTo('CallExpression[callee.object.name=/^(Array|(Ui|I)nt(8|16|32)Array|Float(32|64)Array)$/][callee.property.name=/^(from|of)$/]'), 'a top-level buffer is shared scratch space. Allocate it per call.'),
  ...state(boundTo('ArrayExpression[elements.length=0]'), 'an empty top-level array is filled later. Keep it in the caller.'),
  ...state(boundTo('ObjectExpression[properties.length=0]'), 'an empty top-level object is filled later. Keep it in the caller.'),
  ...state(boundTo('Literal[regex.flags=/[gy]/]'), 'a top-level /g or /y regular expression shares its lastIndex between callers. Create it per call or drop the flag.'),
];

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'tmp/', 'coverage/', 'fixtures/'] },
  {
    files: ['**/*.{ts,mts,js,mjs}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    plugins: { 'import-x': importX },
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: globals.node },
    settings: {
      // The cycle rule follows only files it can parse: say that .ts is ours and which parser reads it.
      'import-x/extensions': ['.ts', '.mts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.mts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'test/tsconfig.json' })],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'import-x/no-cycle': ['error', { maxDepth: Infinity }],
      // A config reader must match NUL and other control bytes on purpose (bad-input checks, ANSI colours).
      'no-control-regex': 'off',
      // `_`-prefixed names are deliberately unused (a parameter kept for its position).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    languageOptions: { parserOptions: { project: ['./test/tsconfig.json'], tsconfigRootDir: fileURLToPath(new URL('.', import.meta.url)) } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { local: folderCycles },
    rules: {
      'no-restricted-syntax': ['error', ...noModuleState],
      'local/no-folder-cycle': ['error', { root: 'src' }],
    },
  },
);
