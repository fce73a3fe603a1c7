// Loads a bundled script with V8's code cache kept between runs, so that a command run again
// (a pre-commit hook, an editor's task, a watch loop) skips compiling the bundle's functions.
// Node 22.1 and later have this built in (`module.enableCompileCache`) and it is used there;
// on older Node the script is compiled through `vm.Script` with the cache given as
// `cachedData`, and the cache is written after the run when there was none or V8 refused it.
// Nothing here may fail a run: any problem with the cache falls back to a plain `require`.
/* global require, module -- CommonJS, run by Node before the bundle */
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports */
const crypto = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');

/** Cache files kept per folder: those of other versions beyond the newest few are removed. */
const KEPT_FILES = 4;
/** A cache file larger than this is not read (the CLI's is about 1.5 MB). */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

/** Where the cache lives: `SPECWRIGHT_CACHE_DIR`, else the user's cache folder of the platform. */
function cacheDirectory(env) {
  if (env.SPECWRIGHT_CACHE_DIR) return env.SPECWRIGHT_CACHE_DIR;
  if (process.platform === 'win32') return env.LOCALAPPDATA ? path.join(env.LOCALAPPDATA, 'specwright', 'Cache') : undefined;
  const home = os.homedir();
  if (process.platform === 'darwin') return home ? path.join(home, 'Library', 'Caches', 'specwright') : undefined;
  if (env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)) return path.join(env.XDG_CACHE_HOME, 'specwright');
  return home ? path.join(home, '.cache', 'specwright') : undefined;
}

/**
 * Runs the CommonJS script `file` as `require(file)` would, with a code cache in the user's
 * cache folder unless `SPECWRIGHT_NO_COMPILE_CACHE` (or Node's `NODE_DISABLE_COMPILE_CACHE`) is set.
 */
function requireWithCompileCache(file) {
  const env = process.env;
  let directory;
  try {
    directory = env.SPECWRIGHT_NO_COMPILE_CACHE || env.NODE_DISABLE_COMPILE_CACHE ? undefined : cacheDirectory(env);
  } catch {
    // No home folder to find the cache folder in (`os.homedir()` throws for a user the system does not know).
    directory = undefined;
  }
  if (directory === undefined) return require(file);
  if (typeof Module.enableCompileCache === 'function') {
    try {
      Module.enableCompileCache(directory);
    } catch {
      // Node's own cache could not start: run without it.
    }
    return require(file);
  }
  let prepared;
  try {
    prepared = prepare(file, directory);
  } catch {
    prepared = undefined;
  }
  if (prepared === undefined) return require(file);
  const { script, cacheFile, write, grown } = prepared;
  if (write || grown !== undefined) process.once('exit', () => writeCache(script, cacheFile, grown));
  const compiled = script.runInThisContext();
  const loaded = new Module(file, module);
  loaded.filename = file;
  loaded.paths = Module._nodeModulePaths(path.dirname(file));
  const requireFrom = Module.createRequire(file);
  compiled.call(loaded.exports, loaded.exports, requireFrom, loaded, file, path.dirname(file));
  loaded.loaded = true;
  return loaded.exports;
}

/** The script compiled with the cache that fits its text and this Node, and whether to write one after the run. */
function prepare(file, directory) {
  // As Node strips it before compiling a file: the `#!` line of a bundle run as a command.
  const source = fs.readFileSync(file, 'utf8').replace(/^#!.*/, '');
  const key = crypto.createHash('sha256').update(source).update('\0').update(`${process.version} ${process.arch} ${process.versions.v8}`).digest('hex').slice(0, 32);
  const cacheFile = path.join(directory, `${path.basename(file, '.js')}-${key}.bin`);
  let cachedData;
  try {
    const stat = fs.statSync(cacheFile);
    if (stat.isFile() && stat.size > 0 && stat.size <= MAX_CACHE_BYTES) cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
  const write = cachedData === undefined || script.cachedDataRejected === true;
  // A cache smaller than half the script is a run's that compiled little of it (`--version`):
  // a run that compiles more writes it again, with what it compiled.
  const grown = !write && cachedData.length < source.length / 2 ? cachedData.length : undefined;
  return { script, cacheFile, write, grown };
}

/**
 * Writes the cache as it stands after the run (with the functions the run compiled), whole or
 * not at all; with `grown`, only when it is a quarter larger than the `grown` bytes it replaces.
 */
function writeCache(script, cacheFile, grown) {
  try {
    const directory = path.dirname(cacheFile);
    const data = script.createCachedData();
    if (grown !== undefined && data.length < grown * 1.25) return;
    fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
    const partial = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(partial, data, { mode: 0o600 });
    fs.renameSync(partial, cacheFile);
    prune(directory, path.basename(cacheFile));
  } catch {
    // A cache that cannot be written is only a slower next run.
  }
}

/** Removes the oldest cache files of the same script beyond {@link KEPT_FILES} (other versions' and other builds'). */
function prune(directory, kept) {
  const prefix = kept.replace(/-[0-9a-f]+\.bin$/, '-');
  const others = fs
    .readdirSync(directory)
    .filter((name) => name !== kept && name.startsWith(prefix) && name.endsWith('.bin'))
    .map((name) => ({ name, at: fs.statSync(path.join(directory, name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const old of others.slice(KEPT_FILES - 1)) fs.rmSync(path.join(directory, old.name), { force: true });
}

module.exports = { requireWithCompileCache, cacheDirectory };
