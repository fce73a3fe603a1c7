#!/usr/bin/env node
// Bundles an extension-host test suite into out/test/editor/<suite>/ as CommonJS, the form
// VS Code's extension host loads. `vscode` is provided by the host and `mocha` is loaded
// from node_modules at run time.
//   suite/             the main suite (a trusted workspace)
//   suite-restricted/  the Restricted Mode suite (an untrusted workspace); its entry point
//                      is suite/index.ts, the same mocha runner
//   activation-probe/  not a test: the benchmark's entry point (bench/activation.ts)
// `node test/editor/build.mjs [name…]` builds the named ones, by default both suites, and
// prints each entry point's path.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { repoRoot, suiteOutDir } from './paths.mjs';

export const SUITES = ['suite', 'suite-restricted'];

/** Builds one suite and returns the path of its entry point (`index.js`). */
export async function buildSuite(name = 'suite') {
  const suiteDir = join(repoRoot, 'test', 'editor', name);
  const ownIndex = join(suiteDir, 'index.ts');
  const index = existsSync(ownIndex) ? ownIndex : join(repoRoot, 'test', 'editor', 'suite', 'index.ts');
  const entryPoints = [
    { in: index, out: 'index' },
    ...readdirSync(suiteDir)
      .filter((file) => file.endsWith('.test.ts'))
      .map((file) => ({ in: join(suiteDir, file), out: file.slice(0, -'.ts'.length) })),
  ];
  const outdir = join(suiteOutDir, name);
  rmSync(outdir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return join(outdir, 'index.js');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const names = process.argv.slice(2);
  for (const name of names.length > 0 ? names : SUITES) {
    const index = await buildSuite(name);
    console.log(`editor suite built: ${index.slice(repoRoot.length + 1)}`);
  }
}
