// Starts the language server bundle beside this file (dist/server.js) from V8's code cache,
// for the VS Code extension: the bundle is compiled from the cache a previous start left in
// the folder SPECWRIGHT_CODE_CACHE names (the extension's global storage), instead of from
// its source. A cache is used only for the bundle, Node and architecture it was made for
// (its file name is a hash of all three, and V8 checks it again); otherwise the bundle is
// compiled as usual and, once the server has been running a few seconds, a new cache is
// written in place of the others. Without the variable, or on any problem with the cache,
// the server starts as it would from its own file. Arguments are the server's own.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { mark } from './startup-timing';

/** How long the server runs before its code is cached: what its first checks compiled is in it too. */
const WRITE_AFTER_MS = 5000;
const PREFIX = 'server-';
const SUFFIX = '.v8-cache';

const bundle = join(__dirname, 'server.js');
const source = readFileSync(bundle, 'utf8');
const folder = process.env.SPECWRIGHT_CODE_CACHE;
const key = createHash('sha256').update(source).update(`\0${process.version}\0${process.arch}`).digest('hex').slice(0, 32);
const cacheFile = folder ? join(folder, `${PREFIX}${key}${SUFFIX}`) : undefined;

let cachedData: Buffer | undefined;
try {
  if (cacheFile) cachedData = readFileSync(cacheFile);
} catch {
  // No cache yet: compiled from source, and cached below.
}
const script = new Script(wrap(source), { filename: bundle, ...(cachedData ? { cachedData } : {}) });
mark(cachedData === undefined ? 'code cache none' : script.cachedDataRejected === true ? 'code cache rejected' : 'code cache used');
if (cacheFile && folder && (cachedData === undefined || script.cachedDataRejected === true)) {
  setTimeout(() => writeCache(folder, cacheFile), WRITE_AFTER_MS).unref();
}
const module = { exports: {} };
(script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(bundle), module, bundle, __dirname);

/** Writes the cache whole or not at all, and removes the caches of other bundles. */
function writeCache(folder: string, file: string): void {
  try {
    mkdirSync(folder, { recursive: true });
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, file);
    for (const name of readdirSync(folder)) {
      if (name.startsWith(PREFIX) && join(folder, name) !== file) rmSync(join(folder, name), { force: true });
    }
  } catch {
    // A cache is only ever a head start.
  }
}
