// Lint for the whole repository: ESLint's and typescript-eslint's recommended rules
// (syntax only, no type information, so it stays fast), plus the import boundaries
// that keep the architecture honest. test/meta/import-boundaries.test.ts proves them.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

// Patterns are regular expressions over the whole import specifier, so `vscode` does not
// also catch `./vscode-helpers`, and `fs` does not catch `fs-extra`.
const exactly = (...names) => `^(${names.join('|')})$`;

const CORE_MESSAGE =
  'The analysis core is pure: parse/, rules/ and templates/ take text and options and return plain data, ' +
  'so the same code serves the language server, the CLI and a browser build. ' +
  'Do LSP and file-system work in server/src/features or the server wiring and pass the results in.';

/** What no file of the analysis core (parse, rules, templates) may import. */
const coreRestrictions = [
  {
    regex: exactly(
      'vscode',
      'vscode-languageclient(/.*)?',
      'vscode-languageserver(/.*)?',
      'vscode-languageserver-protocol(/.*)?',
      'vscode-languageserver-textdocument',
      'vscode-jsonrpc(/.*)?',
    ),
    caseSensitive: true,
    message: `${CORE_MESSAGE} (LSP types belong in server/src/features, which may use vscode-languageserver-types.)`,
  },
  {
    regex: exactly('(node:)?fs', '(node:)?fs/promises', '(node:)?child_process'),
    caseSensitive: true,
    message: `${CORE_MESSAGE} (It never reads files or starts processes; the caller hands it the text.)`,
  },
];

const serverToClient = {
  regex: '(^|/)client/src(/|$)',
  caseSensitive: true,
  message: 'The server and the client are separate bundles and must not import each other: move shared, non-analysis code to a common/ project.',
};

/** What no file of the language server may import. */
const serverRestrictions = [
  {
    regex: exactly('vscode', 'vscode-languageclient(/.*)?'),
    caseSensitive: true,
    message:
      'The language server runs in plain Node for any LSP client, where the `vscode` API does not exist; ' +
      'only client/src may import it. dist/server.js is bundled without externals, so this import would also break the build.',
  },
  serverToClient,
];

/** What no file of the VS Code client may import. */
const clientRestrictions = [
  {
    regex: '(^|/)server/src(/|$)',
    caseSensitive: true,
    message:
      'The client and the server are separate bundles and must not import each other: the client talks to the server over LSP. ' +
      'Move shared, non-analysis code (protocol types, ids) to a common/ project.',
  },
];

// The Node globals our .mjs scripts use, listed here rather than taken from the `globals`
// package, which is not a dependency of this project.
const NODE_GLOBALS = Object.fromEntries(
  [
    'AbortController', 'AbortSignal', 'Buffer', 'URL', 'URLSearchParams', 'TextDecoder', 'TextEncoder',
    'clearImmediate', 'clearInterval', 'clearTimeout', 'console', 'fetch', 'performance', 'process',
    'queueMicrotask', 'setImmediate', 'setInterval', 'setTimeout', 'structuredClone',
  ].map((name) => [name, 'readonly']),
);

export default defineConfig([
  globalIgnores(['dist/', 'out/', 'node_modules/', '.cache/', 'test/fixtures/', 'bench/.work/', '**/*.vsix']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'specwright/node-scripts',
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: NODE_GLOBALS },
  },
  {
    name: 'specwright/typescript',
    files: ['**/*.{ts,mts,cts}'],
    rules: {
      // `_`-prefixed names are the conventional "deliberately unused" (tsc agrees).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  // A later block's options replace an earlier one's for the same rule, so the core's
  // list covers everything the server's does (its own pattern already names `vscode`).
  {
    name: 'specwright/boundary-server',
    files: ['server/src/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: serverRestrictions }] },
  },
  {
    name: 'specwright/boundary-core',
    files: ['server/src/parse/**', 'server/src/rules/**', 'server/src/templates/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...coreRestrictions, serverToClient] }] },
  },
  {
    name: 'specwright/boundary-client',
    files: ['client/src/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: clientRestrictions }] },
  },
]);
