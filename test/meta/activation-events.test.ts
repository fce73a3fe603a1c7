// The extension starts with the window in a workspace that holds specs where the defaults
// look for them, so that a spec opened there is checked by a server already running; any
// other Markdown file activates it when opened. VS Code checks a `workspaceContains:` path
// without glob characters with one look-up per workspace folder, while a glob starts a search
// of the whole workspace: only plain paths are declared.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

const ROOT = join(__dirname, '../..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  activationEvents: string[];
  contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
};
const FAMILIES = join(ROOT, 'templates/families');

/** Folders the defaults look in that are too common a name to start the server for, or hold nothing checked. */
const NOT_ACTIVATING = new Set([
  // Rust's RFCs are `text/0001-name.md`: a `text` folder alone says nothing.
  'text',
  // Kiro's steering files are context for its agent, never checked.
  '.kiro/steering',
]);

/** The folder a glob's literal leading segments name below a leading globstar, if any (`docs/adr/*.md` at any depth → `docs/adr`). */
function folderOf(glob: string): string | undefined {
  const segments = glob.replace(/^\*\*\//, '').split('/');
  const literal: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    if (/[*?[\]{}]/.test(segment)) break;
    literal.push(segment);
  }
  return literal.length === 0 ? undefined : literal.join('/');
}

describe('activation events', () => {
  const events = manifest.activationEvents;
  const contains = events.filter((event) => event.startsWith('workspaceContains:')).map((event) => event.slice('workspaceContains:'.length));

  test('any Markdown file opened activates the extension', () => {
    assert.ok(events.includes('onLanguage:markdown'), events.join(', '));
  });

  test('workspaceContains names plain paths, never globs', () => {
    assert.deepEqual(
      contains.filter((path) => /[*?[\]{}]/.test(path) || path.startsWith('/')),
      [],
    );
  });

  test('every folder the default spec globs and the families look in starts the server with the window', () => {
    const files = manifest.contributes.configuration.properties['specwright.files']?.default as string[];
    const familyGlobs = readdirSync(FAMILIES)
      .filter((name) => name.endsWith('.json'))
      .flatMap((name) => ((JSON.parse(readFileSync(join(FAMILIES, name), 'utf8')) as { paths?: { glob: string }[] }).paths ?? []).map((path) => path.glob));
    const folders = new Set([...files, ...familyGlobs].flatMap((glob) => folderOf(glob) ?? []));
    const missing = [...folders].filter((folder) => !NOT_ACTIVATING.has(folder) && !contains.some((path) => folder === path || folder.startsWith(`${path}/`)));
    assert.deepEqual(missing, []);
  });

  test("the config file and the workspace's templates start the server with the window", () => {
    for (const path of ['.specwright', '.specwright.yaml', '.specwright.yml', '.specwright.json', '.specify']) assert.ok(contains.includes(path), path);
  });
});
