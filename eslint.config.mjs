// Lint for the whole repository: ESLint's and typescript-eslint's recommended rules
// (syntax only, no type information, so it stays fast), plus the import boundaries
// that keep the architecture honest. test/meta/import-boundaries.test.ts proves them.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

// Patterns are regular expressions over the whole import specifier, so `vscode` does not
// also catch `./vscode-helpers`, and `fs` does not catch `fs-extra`.
const exactly = (...names) => `^(${names.join('|')})$`;

// The server's code lives in four rooms, and imports only go one way:
//   core/ (pure analysis) <- workspace/ (files, index, templates on disk) <- lsp/ (the language server)
//                                                                         <- cli/ (the command line)
// The client is a separate bundle and talks to the server over LSP only.

const CORE_MESSAGE =
  'The analysis core is pure: server/src/core takes text and options and returns plain data, ' +
  'so the same code serves the language server, the CLI and a browser build. ' +
  'Do file-system work in server/src/workspace and LSP work in server/src/lsp, and pass the results in.';

/** The packages of the LSP connection (not its plain data types). */
const LSP_CONNECTION = [
  'vscode-languageserver(/.*)?',
  'vscode-languageserver-protocol(/.*)?',
  'vscode-jsonrpc(/.*)?',
];

/** An import of another room of the server, from anywhere inside one. */
const room = (...names) => `^(\\.\\./)+(${names.join('|')})(/|$)`;

/** What no file of the analysis core may import. */
const coreRestrictions = [
  {
    regex: exactly('vscode', 'vscode-languageclient(/.*)?', ...LSP_CONNECTION, 'vscode-languageserver-textdocument'),
    caseSensitive: true,
    message: `${CORE_MESSAGE} (LSP types belong in server/src/lsp; the core may use vscode-languageserver-types.)`,
  },
  {
    regex: exactly('(node:)?fs', '(node:)?fs/promises', '(node:)?child_process', '(node:)?worker_threads'),
    caseSensitive: true,
    message: `${CORE_MESSAGE} (It never reads files or starts processes; the caller hands it the text.)`,
  },
  {
    regex: room('workspace', 'lsp', 'cli'),
    caseSensitive: true,
    message: `${CORE_MESSAGE} (The core imports nothing from workspace/, lsp/ or cli/: they import it.)`,
  },
];

const serverToClient = {
  regex: '(^|/)client/src(/|$)',
  caseSensitive: true,
  message: 'The server and the client are separate bundles and must not import each other: move shared, non-analysis code to a common/ project.',
};

const noVscode = {
  regex: exactly('vscode', 'vscode-languageclient(/.*)?'),
  caseSensitive: true,
  message:
    'The language server runs in plain Node for any LSP client, where the `vscode` API does not exist; ' +
    'only client/src may import it. dist/server.js is bundled without externals, so this import would also break the build.',
};

/** What no file of the language server (server/src/lsp) may import. */
const serverRestrictions = [
  noVscode,
  serverToClient,
  {
    regex: room('cli'),
    caseSensitive: true,
    message: 'The language server and the command line are separate entries: share code through server/src/core or server/src/workspace.',
  },
];

/** What no file of the workspace layer may import: files yes, the LSP connection no. */
const workspaceRestrictions = [
  noVscode,
  serverToClient,
  {
    regex: exactly(...LSP_CONNECTION),
    caseSensitive: true,
    message:
      'server/src/workspace reads files and keeps the index; it does not speak LSP, so the CLI can use it. ' +
      'Connection work belongs in server/src/lsp (LSP data types from vscode-languageserver-types are fine).',
  },
  {
    regex: room('lsp', 'cli'),
    caseSensitive: true,
    message: 'server/src/workspace is used by the language server and the command line, and imports neither.',
  },
];

/** What no file of the command line may import. */
const cliRestrictions = [
  noVscode,
  serverToClient,
  {
    regex: exactly(...LSP_CONNECTION),
    caseSensitive: true,
    message: 'The command line runs the same core as the language server, without a connection: no LSP packages in server/src/cli.',
  },
  {
    regex: room('lsp'),
    caseSensitive: true,
    message: 'The command line never imports the language server (server/src/lsp): share code through server/src/core or server/src/workspace.',
  },
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
  // A later block's options replace an earlier one's for the same rule, so each room's
  // list is complete on its own.
  {
    name: 'specwright/boundary-server',
    files: ['server/src/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: serverRestrictions }] },
  },
  {
    name: 'specwright/boundary-workspace',
    files: ['server/src/workspace/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: workspaceRestrictions }] },
  },
  {
    name: 'specwright/boundary-cli',
    files: ['server/src/cli/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: cliRestrictions }] },
  },
  {
    name: 'specwright/boundary-core',
    files: ['server/src/core/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...coreRestrictions, serverToClient] }] },
  },
  {
    name: 'specwright/boundary-client',
    files: ['client/src/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: clientRestrictions }] },
  },
]);
