#!/usr/bin/env node
// Runs the extension-host test suite (test/editor/suite) through @vscode/test-electron's
// `runTests`, against a copy of test/fixtures/editor-workspace.
//   node test/editor/run-extension-tests.mjs             VS Code from code-server (the shim)
//   node test/editor/run-extension-tests.mjs --download  desktop VS Code downloaded by test-electron
//                                                        (needs a machine that can reach the update site)
// Environment: SPECWRIGHT_EDITOR_GREP=<regexp> runs only matching tests.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import testElectron from '@vscode/test-electron';
import { buildSuite } from './build.mjs';
import { cacheRoot, codeServerVersion, repoRoot, workspaceFixture } from './paths.mjs';
import { assertInstalled } from './vscode-web.mjs';

const { runTests } = testElectron;
const download = process.argv.includes('--download');
const started = Date.now();

function summary(passed, failed, note = '') {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`editor: ${passed} passed, ${failed} failed${note ? ` (${note})` : ''} in ${seconds}s`);
}

async function main() {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const mainFile = join(repoRoot, manifest.main ?? 'dist/client.js');
  if (!existsSync(mainFile)) throw new Error(`${manifest.main} is missing; build the extension first (npm run build)`);
  if (!download) assertInstalled();
  const extensionTestsPath = await buildSuite();

  const base = tmpdir().length <= 32 ? tmpdir() : '/tmp';
  const root = mkdtempSync(join(base, 'swr-'));
  try {
    const workspace = join(root, 'workspace');
    cpSync(workspaceFixture, workspace, { recursive: true });
    const resultsFile = join(root, 'results.json');
    const options = {
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      launchArgs: [
        workspace,
        `--user-data-dir=${join(root, 'user-data')}`,
        `--extensions-dir=${join(root, 'extensions')}`,
      ],
      extensionTestsEnv: { SPECWRIGHT_EDITOR_RESULTS: resultsFile, EXTENSIONS_GALLERY: '{}' },
    };
    if (download) {
      options.version = manifest.engines?.vscode?.replace(/^\^/, '') ?? 'stable';
      options.cachePath = join(cacheRoot, 'vscode-test');
    } else options.vscodeExecutablePath = join(repoRoot, 'test', 'editor', 'code-server-shim.mjs');

    let exitError;
    try {
      await runTests(options);
    } catch (error) {
      exitError = error;
    }
    if (!existsSync(resultsFile)) {
      console.error(`editor: the suite did not report results (${exitError?.message ?? 'no error reported'})`);
      summary(0, 1, 'run did not complete');
      return 1;
    }
    const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
    for (const test of results.tests.filter((t) => t.state === 'failed')) {
      console.error(`editor: FAILED ${test.title}: ${test.error}`);
    }
    const failed = results.failed + (exitError && results.failed === 0 ? 1 : 0);
    summary(results.passed, failed, download ? 'desktop VS Code' : `code-server ${codeServerVersion}`);
    return failed === 0 && results.passed > 0 ? 0 : 1;
  } finally {
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`editor: ${error.message}`);
  summary(0, 1, 'could not run');
  process.exitCode = 1;
}
