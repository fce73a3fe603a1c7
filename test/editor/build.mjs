#!/usr/bin/env node
// Bundles the extension-host test suite (test/editor/suite/*.ts) into out/test/editor/suite/
// as CommonJS, the form VS Code's extension host loads. `vscode` is provided by the host and
// `mocha` is loaded from node_modules at run time.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { repoRoot, suiteOutDir } from './paths.mjs';

const suiteDir = join(repoRoot, 'test', 'editor', 'suite');

export async function buildSuite() {
  const entryPoints = readdirSync(suiteDir)
    .filter((name) => name === 'index.ts' || name.endsWith('.test.ts'))
    .map((name) => join(suiteDir, name));
  rmSync(suiteOutDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints,
    outdir: join(suiteOutDir, 'suite'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return join(suiteOutDir, 'suite', 'index.js');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const index = await buildSuite();
  console.log(`editor suite built: ${index.slice(repoRoot.length + 1)}`);
}
