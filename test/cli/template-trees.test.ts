// The build writes the built-in templates' Markdown trees beside the bundles
// (dist/template-trees.json), and the CLI and the server read them instead of parsing the
// templates: what the build wrote must be what the parser makes of templates/ now.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { BUILT_IN_TREES_FILE, builtInTreeEntries } from '../../server/src/workspace/template-store';

const DIST = resolve(__dirname, '../../dist');

describe('the built-in templates’ trees written by the build', () => {
  test('equal the trees of templates/ parsed now', async () => {
    const written: unknown = JSON.parse(readFileSync(join(DIST, BUILT_IN_TREES_FILE), 'utf8'));
    const now = await builtInTreeEntries(resolve(__dirname, '../../templates'));
    assert.ok(now.length > 0);
    assert.deepStrictEqual(written, now.map(([key, tree]) => [key, tree]));
  });
});
