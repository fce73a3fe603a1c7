#!/usr/bin/env node
// Runs the extension-host test suites in two passes and prints one summary line for both:
//   trusted          test/editor/suite through @vscode/test-electron's `runTests`, against a
//                    copy of test/fixtures/editor-workspace, with the extension under development
//   Restricted Mode  test/editor/suite-restricted against a copy of
//                    test/fixtures/editor-workspace-restricted, with workspace trust on and the
//                    workspace not trusted, and Specwright installed like a VSIX (an extension
//                    under development is never disabled by Restricted Mode, an installed one is)
//   node test/editor/run-extension-tests.mjs             VS Code from code-server (the shim)
//   node test/editor/run-extension-tests.mjs --download  desktop VS Code downloaded by test-electron
//                                                        (needs a machine that can reach the update site)
//   --restricted / --no-restricted                       only the Restricted Mode pass / only the trusted one
// Environment: SPECWRIGHT_EDITOR_GREP=<regexp> runs only matching tests.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import testElectron from '@vscode/test-electron';
import { buildSuite } from './build.mjs';
import { installExtension } from './install-extension.mjs';
import { cacheRoot, codeServerVersion, repoRoot, restrictedFixture, resultsDir, workspaceFixture } from './paths.mjs';
import { assertInstalled } from './vscode-web.mjs';

const { runTests, downloadAndUnzipVSCode } = testElectron;
const download = process.argv.includes('--download');
const onlyRestricted = process.argv.includes('--restricted');
const skipRestricted = process.argv.includes('--no-restricted');
const started = Date.now();
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const shimPath = join(repoRoot, 'test', 'editor', 'code-server-shim.mjs');
const vscodeVersion = manifest.engines?.vscode?.replace(/^\^/, '') ?? 'stable';

/** The local user.name of the workspaces' git repositories; the restricted fixture's home has another, global one. */
const WORKSPACE_AUTHOR = 'Workspace Author';

function summary(passed, failed, note = '') {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`editor: ${passed} passed, ${failed} failed${note ? ` (${note})` : ''} in ${seconds}s`);
}

function tempRoot() {
  const base = tmpdir().length <= 32 ? tmpdir() : '/tmp';
  return mkdtempSync(join(base, 'swr-'));
}

/** Makes `workspace` a git repository whose own configuration names `WORKSPACE_AUTHOR`. */
function makeGitRepository(workspace, env) {
  for (const args of [
    ['init', '--quiet', '--initial-branch=main'],
    ['config', 'user.name', WORKSPACE_AUTHOR],
  ]) {
    const result = spawnSync('git', args, { cwd: workspace, env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr || result.error?.message}`);
  }
}

/** Reads the counts the suite's entry point wrote; a run that wrote none is one failure. */
function readResults(resultsFile, exitError, label) {
  if (!existsSync(resultsFile)) {
    console.error(`editor: the ${label} suite did not report results (${exitError?.message ?? 'no error reported'})`);
    return { passed: 0, failed: 1, tests: [] };
  }
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  for (const test of results.tests.filter((t) => t.state === 'failed')) {
    console.error(`editor: FAILED ${label === 'trusted' ? '' : `[${label}] `}${test.title}: ${test.error}`);
  }
  return { passed: results.passed, failed: results.failed + (exitError && results.failed === 0 ? 1 : 0), tests: results.tests };
}

/** The trusted pass: the main suite, exactly as `runTests` starts VS Code. */
async function runTrusted() {
  const extensionTestsPath = await buildSuite('suite');
  const root = tempRoot();
  try {
    const workspace = join(root, 'workspace');
    cpSync(workspaceFixture, workspace, { recursive: true });
    makeGitRepository(workspace, { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: root });
    const resultsFile = join(root, 'results.json');
    const options = {
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      launchArgs: [workspace, `--user-data-dir=${join(root, 'user-data')}`, `--extensions-dir=${join(root, 'extensions')}`],
      extensionTestsEnv: {
        SPECWRIGHT_EDITOR_RESULTS: resultsFile,
        SPECWRIGHT_EDITOR_LOGS: resultsDir,
        EXTENSIONS_GALLERY: '{}',
      },
    };
    if (download) {
      options.version = vscodeVersion;
      options.cachePath = join(cacheRoot, 'vscode-test');
    } else options.vscodeExecutablePath = shimPath;

    let exitError;
    try {
      await runTests(options);
    } catch (error) {
      exitError = error;
    }
    return readResults(resultsFile, exitError, 'trusted');
  } finally {
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** Starts VS Code (or the shim) with `args` and resolves with its exit code. */
function launch(executable, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(executable, args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? signal));
  });
}

/**
 * The Restricted Mode pass. `runTests` always adds `--disable-workspace-trust`, so this pass
 * starts VS Code itself with the same arguments minus that one, workspace trust enabled in
 * the user settings and no startup prompt: nobody trusts the folder, so it opens in
 * Restricted Mode. Specwright is installed, not under development: VS Code never disables an
 * extension under development, so only an installed one shows what users get from the
 * `capabilities.untrustedWorkspaces` declaration.
 */
async function runRestricted() {
  const extensionTestsPath = await buildSuite('suite-restricted');
  const root = tempRoot();
  try {
    cpSync(restrictedFixture, root, { recursive: true });
    const workspace = join(root, 'workspace');
    const home = join(root, 'home');
    makeGitRepository(workspace, { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: home });
    const userDataDir = join(root, 'user-data');
    const extensionsDir = join(root, 'extensions');
    mkdirSync(join(userDataDir, 'User'), { recursive: true });
    writeFileSync(
      join(userDataDir, 'User', 'settings.json'),
      JSON.stringify(
        {
          'security.workspace.trust.enabled': true,
          'security.workspace.trust.startupPrompt': 'never',
          'security.workspace.trust.emptyWindow': false,
          // A machine-scoped setting at user level reaches Specwright; the workspace's value does not.
          'specwright.templateFolders': ['~/user-templates'],
        },
        null,
        2,
      ),
    );
    const installed = installExtension(extensionsDir);
    const resultsFile = join(root, 'results.json');
    const env = {
      ...process.env,
      SPECWRIGHT_EDITOR_RESULTS: resultsFile,
      SPECWRIGHT_EDITOR_LOGS: join(resultsDir, 'restricted'),
      SPECWRIGHT_EDITOR_HOME: home,
      SPECWRIGHT_INSTALLED_EXTENSION: installed,
      GIT_CONFIG_NOSYSTEM: '1',
      EXTENSIONS_GALLERY: '{}',
    };
    // The shim gives the server this home; desktop VS Code takes it from the environment.
    if (download) env.HOME = home;
    const executable = download
      ? await downloadAndUnzipVSCode({ version: vscodeVersion, cachePath: join(cacheRoot, 'vscode-test') })
      : shimPath;
    const args = [
      workspace,
      `--user-data-dir=${userDataDir}`,
      `--extensions-dir=${extensionsDir}`,
      '--no-sandbox',
      '--disable-gpu-sandbox',
      '--disable-updates',
      '--skip-welcome',
      '--skip-release-notes',
      `--extensionTestsPath=${extensionTestsPath}`,
      // VS Code runs extension tests only in a window with an extension under development.
      `--extensionDevelopmentPath=${join(repoRoot, 'test', 'editor', 'suite-restricted', 'test-host')}`,
    ];
    const code = await launch(executable, args, env);
    return readResults(resultsFile, code === 0 ? undefined : new Error(`VS Code exited with ${code}`), 'Restricted Mode');
  } finally {
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  }
}

async function main() {
  const mainFile = join(repoRoot, manifest.main ?? 'dist/client.js');
  if (!existsSync(mainFile)) throw new Error(`${manifest.main} is missing; build the extension first (npm run build)`);
  if (!download) assertInstalled();
  const trusted = onlyRestricted ? { passed: 0, failed: 0 } : await runTrusted();
  const restricted = skipRestricted ? { passed: 0, failed: 0 } : await runRestricted();
  const passed = trusted.passed + restricted.passed;
  const failed = trusted.failed + restricted.failed;
  const where = download ? 'desktop VS Code' : `code-server ${codeServerVersion}`;
  const passes = [
    ...(onlyRestricted ? [] : [`${trusted.passed + trusted.failed} trusted`]),
    ...(skipRestricted ? [] : [`${restricted.passed + restricted.failed} in Restricted Mode`]),
  ];
  summary(passed, failed, `${where}; ${passes.join(', ')}`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`editor: ${error.message}`);
  summary(0, 1, 'could not run');
  process.exitCode = 1;
}
