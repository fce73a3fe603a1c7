#!/usr/bin/env node
// One command that prepares this machine for the real-editor tests:
//   node test/editor/setup.mjs [--force]
// - as root, installs Debian's chromium, ripgrep, neovim, emacs-nox, elpa-eglot and the
//   native build tools through apt (skipped when dpkg already has them);
// - installs code-server (the npm build of VS Code's server) into .cache/ with the
//   workarounds an offline machine needs (see comments below).
// A stamp file records what was installed; the second run only checks it (well under a second).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { arch } from 'node:os';
import { delimiter, dirname, join, relative } from 'node:path';
import {
  aptPackages,
  cacheRoot,
  codeServerDir,
  codeServerPrefix,
  codeServerVersion,
  repoRoot,
  setupStamp,
  vscodeServerMain,
} from './paths.mjs';

const force = process.argv.includes('--force');
const started = Date.now();

function log(message) {
  console.log(`setup: ${message}`);
}

function fail(message) {
  console.error(`setup: FAILED: ${message}`);
  process.exit(1);
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (result.error) fail(`${cmd} ${args.join(' ')}: ${result.error.message}`);
  if (result.status !== 0) fail(`${cmd} ${args.join(' ')} exited with ${result.status}`);
}

function which(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

function missingAptPackages() {
  if (!which('dpkg-query')) return [];
  return aptPackages.filter((pkg) => {
    const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
    return result.status !== 0 || !result.stdout.includes('install ok installed');
  });
}

function ensureAptPackages() {
  const missing = missingAptPackages();
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !which('apt-get')) {
    log(`not root (or no apt-get): please install ${missing.join(' ')}`);
    return;
  }
  log(`apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  // --no-upgrade: a package that is already installed stays at its version; only what is
  // missing is installed, with the dependencies it needs.
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', '--no-upgrade', ...missing], { env });
}

function readStamp() {
  try {
    return JSON.parse(readFileSync(setupStamp, 'utf8'));
  } catch {
    return undefined;
  }
}

function wantedStamp() {
  // Native modules (node-pty, spdlog, kerberos) are built for one Node ABI.
  return { codeServer: codeServerVersion, nodeAbi: process.versions.modules, platform: `${process.platform}-${arch()}` };
}

function stampIsCurrent() {
  const stamp = readStamp();
  const wanted = wantedStamp();
  return (
    stamp !== undefined &&
    Object.entries(wanted).every(([key, value]) => stamp[key] === value) &&
    existsSync(vscodeServerMain)
  );
}

function ripgrepTarget() {
  switch (arch()) {
    case 'x64':
      return 'x86_64-unknown-linux-musl';
    case 'arm64':
      return 'aarch64-unknown-linux-musl';
    default:
      return fail(`no ripgrep target known for ${arch()}`);
  }
}

/**
 * @vscode/ripgrep's postinstall downloads rg from GitHub, which is unreachable here. It first
 * looks in `$TMPDIR/vscode-ripgrep-cache-<package version>/ripgrep-<VERSION>-<target>.tar.gz`,
 * so put a tarball of Debian's rg there. VERSION is a constant in the package's postinstall.
 */
function seedRipgrepCache(installTmp) {
  const rg = which('rg');
  if (!rg) fail('ripgrep (rg) is not installed; run as root or `apt-get install ripgrep`');
  const shrinkwrap = JSON.parse(readFileSync(join(codeServerDir, 'lib/vscode/npm-shrinkwrap.json'), 'utf8'));
  const pkgVersion = shrinkwrap.packages?.['node_modules/@vscode/ripgrep']?.version;
  if (!pkgVersion) fail('cannot find @vscode/ripgrep in code-server’s lib/vscode/npm-shrinkwrap.json');

  const packDir = join(installTmp, 'ripgrep-pack');
  mkdirSync(packDir, { recursive: true });
  const pack = spawnSync('npm', ['pack', `@vscode/ripgrep@${pkgVersion}`, '--pack-destination', packDir, '--silent'], {
    encoding: 'utf8',
    cwd: packDir,
  });
  if (pack.status !== 0) fail(`npm pack @vscode/ripgrep@${pkgVersion}: ${pack.stderr}`);
  const tarball = join(packDir, pack.stdout.trim().split('\n').pop());
  const postinstall = spawnSync('tar', ['-xzOf', tarball, 'package/lib/postinstall.js'], { encoding: 'utf8' });
  const binVersion = /const VERSION = '([^']+)'/.exec(postinstall.stdout ?? '')?.[1];
  if (!binVersion) fail('cannot read VERSION from @vscode/ripgrep’s postinstall.js');

  const cacheDir = join(installTmp, `vscode-ripgrep-cache-${pkgVersion}`);
  mkdirSync(cacheDir, { recursive: true });
  const asset = join(cacheDir, `ripgrep-${binVersion}-${ripgrepTarget()}.tar.gz`);
  const staging = join(installTmp, 'ripgrep-staging');
  mkdirSync(staging, { recursive: true });
  copyFileSync(realpathSync(rg), join(staging, 'rg'));
  run('tar', ['-czf', asset, '-C', staging, 'rg']);
  log(`seeded ripgrep cache with Debian's rg (${relative(repoRoot, asset)})`);
}

function installCodeServer() {
  const installTmp = join(cacheRoot, 'code-server-install-tmp');
  rmSync(codeServerPrefix, { recursive: true, force: true });
  rmSync(installTmp, { recursive: true, force: true });
  mkdirSync(codeServerPrefix, { recursive: true });
  mkdirSync(installTmp, { recursive: true });
  writeFileSync(
    join(codeServerPrefix, 'package.json'),
    JSON.stringify({ name: 'specwright-code-server-cache', private: true }, null, 2) + '\n',
  );

  const npmVersion = spawnSync('npm', ['--version'], { encoding: 'utf8' }).stdout.trim();
  const env = {
    ...process.env,
    TMPDIR: installTmp,
    // code-server's postinstall refuses to run as root without it.
    npm_config_unsafe_perm: 'true',
    // node-pty's install runs `npx node-gyp`; without this npx asks (and a CI run hangs or fails).
    npm_config_yes: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    // postinstall.sh reads Node's major version and the package manager from the user agent.
    npm_config_user_agent: `npm/${npmVersion} node/${process.version} ${process.platform} ${arch()}`,
  };
  // Build native modules against the running Node's installed headers instead of downloading them.
  const nodePrefix = dirname(dirname(process.execPath));
  if (existsSync(join(nodePrefix, 'include', 'node', 'node.h'))) env.npm_config_nodedir = nodePrefix;

  log(`npm install code-server@${codeServerVersion} (scripts deferred) into ${relative(repoRoot, codeServerPrefix)}`);
  run('npm', ['install', '--ignore-scripts', '--no-save', `code-server@${codeServerVersion}`], { cwd: codeServerPrefix, env });
  seedRipgrepCache(installTmp);
  log('running code-server’s postinstall (VS Code server dependencies, native modules)');
  run('sh', ['postinstall.sh'], { cwd: codeServerDir, env });

  const rgBin = join(codeServerDir, 'lib/vscode/node_modules/@vscode/ripgrep/bin/rg');
  if (!existsSync(vscodeServerMain)) fail(`missing ${vscodeServerMain}`);
  if (!existsSync(rgBin)) fail(`missing ${rgBin}`);
  writeFileSync(setupStamp, JSON.stringify({ ...wantedStamp(), installedAt: new Date().toISOString() }, null, 2) + '\n');
  rmSync(installTmp, { recursive: true, force: true });
}

ensureAptPackages();
if (!force && stampIsCurrent()) {
  log(`code-server ${codeServerVersion} already installed`);
} else {
  installCodeServer();
}
const missing = missingAptPackages();
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (missing.length > 0) {
  console.log(`setup: done in ${seconds}s, but missing Debian packages: ${missing.join(' ')}`);
} else {
  console.log(`setup: ready in ${seconds}s (code-server ${codeServerVersion}, ${aptPackages.length} Debian packages present)`);
}
