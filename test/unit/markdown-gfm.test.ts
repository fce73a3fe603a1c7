import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Nodes } from 'mdast';
import { parseMarkdown } from '../../server/src/core/parse/markdown';

// The GFM Specwright reads: remark-gfm's, but a bare e-mail address stays text (see
// `gfmForReading`); every node keeps its position.

function nodes(root: Nodes): Nodes[] {
  const all: Nodes[] = [root];
  if ('children' in root) for (const child of root.children) all.push(...nodes(child));
  return all;
}

describe('GFM as Specwright reads it', () => {
  const text = [
    '# Spec',
    '',
    'See https://example.com/a_b and www.example.org; mail ana@example.org or [Ana](mailto:ana@example.org) or <bo@example.org>.',
    '',
    '| a | b |',
    '|---|---|',
    '| ~~old~~ | [^1] |',
    '',
    '- [x] done',
    '',
    '[^1]: A note.',
    '',
  ].join('\n');
  const root = parseMarkdown(text);
  const all = nodes(root);

  test('literal links, tables, strikethrough, task items and footnotes are read as remark-gfm reads them', () => {
    const urls = all.flatMap((node) => (node.type === 'link' ? [node.url] : []));
    assert.deepEqual(urls, ['https://example.com/a_b', 'http://www.example.org', 'mailto:ana@example.org', 'mailto:bo@example.org']);
    assert.ok(all.some((node) => node.type === 'table'));
    assert.ok(all.some((node) => node.type === 'delete'));
    assert.ok(all.some((node) => node.type === 'footnoteReference'));
    assert.ok(all.some((node) => node.type === 'listItem' && node.checked === true));
  });

  test('a bare e-mail address stays text, and every node has its position', () => {
    assert.ok(all.some((node) => node.type === 'text' && node.value.includes('ana@example.org or ')));
    assert.deepEqual(all.filter((node) => node.position?.start.offset === undefined || node.position.end.offset === undefined), []);
  });
});
