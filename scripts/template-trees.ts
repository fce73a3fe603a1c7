// Writes the built-in templates' Markdown trees (see server/src/core/parse/parsed-trees.ts)
// to the file the server and the CLI read beside their bundles, so that they do not parse
// the templates when they start. esbuild.mjs bundles this script and runs it on every build.
// Usage: node <this script, bundled> <templates folder> <output file>
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { builtInTreeEntries } from '../server/src/workspace/template-store';

async function main(): Promise<void> {
  const [folder, output] = process.argv.slice(2);
  if (!folder || !output) throw new Error('Usage: template-trees <templates folder> <output file>');
  const entries = await builtInTreeEntries(resolve(folder));
  if (entries.length === 0) throw new Error(`No template trees made from ${folder}`);
  writeFileSync(resolve(output), JSON.stringify(entries));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
