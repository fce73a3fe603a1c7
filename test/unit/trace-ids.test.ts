import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { test } from 'node:test';
import { demoteRestatedTasks } from '../../server/src/core/parse/requirement-ids';
import { parseSpec } from '../../server/src/core/parse/spec-document';
import { requirementsFromIds, requirementsIn } from '../../server/src/core/trace/markdown';
import { indexText } from '../../server/src/workspace/index-text';

// `specwright lint` reads the workspace's requirements from IDs found the way the language
// server's index finds them (parsing only what can hold one); the editor reads them from
// the parsed document. Both must give the same requirements with the same fingerprints,
// or a trace lock written by one would read as stale in the other.
const ROOT = join(__dirname, '..');
const FOLDERS = ['corpus', 'fixtures/trace', 'fixtures/families', 'fixtures/seeds'].map((folder) => join(ROOT, folder));

test('requirements found from the index’s IDs equal those of the parsed document, fingerprints included', () => {
  let compared = 0;
  for (const folder of FOLDERS) {
    for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.md')) continue;
      const path = join(entry.parentPath, entry.name);
      const rel = relative(ROOT, path).split(sep).join('/');
      const text = readFileSync(path, 'utf8');
      const light = requirementsFromIds(text, demoteRestatedTasks(indexText(text).occurrences), rel);
      const full = requirementsIn(parseSpec(text), rel, undefined);
      assert.deepEqual(light, full, rel);
      compared += full.length;
    }
  }
  assert.ok(compared > 50, `${compared} requirements compared`);
});
