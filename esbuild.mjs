// Builds the bundles the package ships: dist/client.js (runs in the VS Code extension
// host, `vscode` provided by the host), dist/server.js (the language server,
// self-contained so any LSP client can run it with plain Node) and dist/cli.js (the
// `specwright` command, self-contained and executable), with dist/parse-worker.js, the
// worker thread in which the server parses large documents.
// Usage: node esbuild.mjs [--watch] [--production]
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  legalComments: 'linked',
};

const builds = [
  { ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  { ...common, entryPoints: { server: 'server/src/lsp/main.ts' }, outdir: 'dist', external: [] },
  // The server's parse worker, started from dist/server.js by its path beside it.
  { ...common, entryPoints: { 'parse-worker': 'server/src/lsp/parse-worker.ts' }, outdir: 'dist', external: [] },
  {
    ...common,
    entryPoints: { cli: 'server/src/cli/main.ts' },
    outdir: 'dist',
    external: [],
    banner: { js: '#!/usr/bin/env node' },
  },
];

if (watch) {
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
