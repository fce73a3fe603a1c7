// Bundle sizes: dist/client.js, dist/server.js, dist/parse-worker.js and dist/cli.js (when built), raw and
// gzip. `npm run bench` builds with --production (minified) first; run alone, this
// reports whatever is in dist/ and says whether it looks minified.
// Usage: node --import tsx bench/bundle.ts
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bytes, isMain, ROOT, runAlone, type Section } from './util';

const BUNDLES = ['dist/client.js', 'dist/server.js', 'dist/parse-worker.js', 'dist/cli.js'];

export async function run(): Promise<Section[]> {
  const rows = BUNDLES.map((relative) => {
    const path = join(ROOT, relative);
    if (!existsSync(path)) return [relative, 'not available', '', ''];
    const content = readFileSync(path);
    const lines = content.toString('utf8').split('\n').length;
    // Minified esbuild output is a few very long lines; a development build has thousands.
    const minified = content.length / lines > 400 ? 'yes' : 'no';
    return [relative, bytes(content.length), bytes(gzipSync(content).length), minified];
  });
  return [
    {
      title: 'Bundle sizes',
      intro: 'The esbuild bundles as built by `node esbuild.mjs --production` (minified, no source maps); gzip at the default level.',
      tables: [{ header: ['bundle', 'raw', 'gzip', 'minified'], rows }],
      notes: [],
    },
  ];
}

if (isMain(__filename)) runAlone(run);
