// The built-in templates' Markdown trees are parsed at build time (dist/template-trees.json)
// so that the server and the CLI do not parse them when they start: the templates built
// from those trees must be exactly the ones parsed from templates/ now.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FrontMatterClose } from '../../server/src/core/parse/markdown';
import { parsedTrees, type ParsedTrees } from '../../server/src/core/parse/parsed-trees';
import { parseSpec } from '../../server/src/core/parse/spec-document';
import { builtInTreeEntries, loadTemplates } from '../../server/src/workspace/template-store';
import { templatesFolder } from './helpers';

/** Trees that count how many pieces they answered and how many they left to the parser. */
function counting(trees: ParsedTrees): ParsedTrees & { answered: number; missed: number } {
  const counted = {
    answered: 0,
    missed: 0,
    get(source: string, close: FrontMatterClose | undefined) {
      const tree = trees.get(source, close);
      if (tree) counted.answered++;
      else counted.missed++;
      return tree;
    },
  };
  return counted;
}

describe('built-in templates parsed ahead of time', async () => {
  const entries = await builtInTreeEntries(templatesFolder);
  const folders = [{ origin: 'built-in' as const, path: templatesFolder }];

  test('the templates built from the stored trees equal those parsed from templates/', async () => {
    const trees = counting(parsedTrees(JSON.parse(JSON.stringify(entries))));
    const fromTrees = await loadTemplates(folders, { trees });
    const parsed = await loadTemplates(folders, { trees: parsedTrees([]) });
    assert.ok(parsed.entries.length >= 5, `${parsed.entries.length} templates`);
    assert.deepStrictEqual(fromTrees, parsed);
    // Every piece came from the stored trees: nothing was parsed again.
    assert.equal(trees.missed, 0);
    assert.equal(trees.answered, entries.length);
  });

  test('each tree is given as a copy of its own, so one parse cannot change the next', async () => {
    const trees = parsedTrees(entries);
    const first = await loadTemplates(folders, { trees });
    const second = await loadTemplates(folders, { trees });
    assert.deepStrictEqual(first, second);
    assert.notEqual(first.entries[0]?.template.document.root, second.entries[0]?.template.document.root);
  });

  test('text that changed is parsed, not taken from a tree kept for other text', async () => {
    const text = `${(await loadTemplates(folders)).entries[0]?.template.text ?? ''}\n## Added\n\nMore [placeholder].\n`;
    const trees = counting(parsedTrees(entries));
    assert.deepStrictEqual(parseSpec(text, undefined, { trees }), parseSpec(text));
    assert.ok(trees.missed > 0);
  });

  test('stored trees of another shape are ignored', () => {
    for (const stored of [null, 'text', [['key']], [[1, '{}']], { a: 1 }]) {
      assert.equal(parsedTrees(stored).get('# Title\n', undefined), undefined);
    }
    const notATree = parsedTrees([['---\n# Title\n', '{"type":"paragraph"}'], ['---\n# Other\n', 'not json']]);
    assert.equal(notATree.get('# Title\n', undefined), undefined);
    assert.equal(notATree.get('# Other\n', undefined), undefined);
  });
});
