// Runs the node:test files (*.test.ts) under the given folders with tsx, so the
// ESM-only unified packages load from TypeScript sources. Node 20's test runner
// does not expand globs itself.
// Usage: node scripts/test.mjs <folder>...
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const folders = process.argv.slice(2);
const files = folders
  .flatMap((folder) =>
    statSync(folder, { throwIfNoEntry: false })?.isDirectory()
      ? readdirSync(folder, { recursive: true }).map((entry) => join(folder, String(entry)))
      : [],
  )
  .filter((file) => file.endsWith('.test.ts') && !file.includes('node_modules'))
  .sort();
if (files.length === 0) {
  console.error(`No *.test.ts files under ${folders.join(', ')}`);
  process.exit(1);
}
const reporter = 'spec';
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-reporter=${reporter}`, ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
