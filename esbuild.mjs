// Builds the bundles the package ships: dist/client.js (runs in the VS Code extension
// host, `vscode` provided by the host), dist/server.js (the language server,
// self-contained so any LSP client can run it with plain Node) and dist/cli.js (the
// `specwright` command, self-contained and executable), with dist/parse-worker.js, the
// worker thread in which the server parses large documents. Then it writes
// dist/template-trees.json, the built-in templates' Markdown trees, parsed by this build's
// parser, which the server and the CLI read instead of parsing the templates when they start.
// Usage: node esbuild.mjs [--watch] [--production]
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('.', import.meta.url));

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
  // How the VS Code extension starts dist/server.js: from V8's code cache, kept in the extension's storage.
  { ...common, entryPoints: { 'server-start': 'server/src/lsp/cached-start.ts' }, outdir: 'dist', external: [] },
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

/** Runs scripts/template-trees.ts once bundled (again whenever the parser it bundles changes, in watch mode). */
const templateTrees = {
  name: 'template-trees',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length > 0) return;
      execFileSync(process.execPath, [join(root, 'out/build/template-trees.js'), join(root, 'templates'), join(root, 'dist/template-trees.json')], { stdio: 'inherit' });
    });
  },
};
// Not shipped: it runs here, at build time.
builds.push({ ...common, sourcemap: false, minify: false, entryPoints: { 'template-trees': 'scripts/template-trees.ts' }, outdir: 'out/build', plugins: [templateTrees], logLevel: 'warning' });

if (watch) {
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
