// Where the real-editor test layer keeps things. Every path is derived from the
// repository root, so a fresh clone anywhere works; nothing here names a machine path.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** code-server 4.100.x bundles VS Code 1.100.x and is the newest release that runs on Node 20. */
export const codeServerVersion = '4.100.3';

export const cacheRoot = join(repoRoot, '.cache');
export const codeServerPrefix = join(cacheRoot, 'code-server', codeServerVersion);
export const codeServerDir = join(codeServerPrefix, 'node_modules', 'code-server');
export const vscodeServerMain = join(codeServerDir, 'lib', 'vscode', 'out', 'server-main.js');
export const setupStamp = join(codeServerPrefix, 'specwright-setup.json');

export const workspaceFixture = join(repoRoot, 'test', 'fixtures', 'editor-workspace');
/** `workspace/` is opened untrusted; `home/` is the home folder (global git config, `~` folders). */
export const restrictedFixture = join(repoRoot, 'test', 'fixtures', 'editor-workspace-restricted');
export const suiteOutDir = join(repoRoot, 'out', 'test', 'editor');
export const resultsDir = join(repoRoot, 'test-results', 'editor');
export const imagesDir = join(repoRoot, 'docs', 'images');

/** Debian's packages the real-editor layers use (installed by setup.mjs when running as root). */
export const aptPackages = [
  'chromium',
  'ripgrep',
  'neovim',
  'emacs-nox',
  'elpa-eglot',
  'build-essential',
  'python3',
  'libkrb5-dev',
];

export function chromiumPath() {
  const candidates = [process.env.SPECWRIGHT_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p) => p && existsSync(p));
}
