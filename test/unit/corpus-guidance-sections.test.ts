import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { guidanceUnder } from '../../scripts/corpus-score';

// The labels count a template's italic guidance line as a placeholder; empty-section reports the
// section it stands alone in. The scorer takes such a finding as finding those placeholders.

describe('the corpus scorer reads an empty-section finding on a section of labelled guidance as finding that guidance', () => {
  const lines = [
    '## Summary', // 1
    '', // 2
    '_Provide a high-level summary._', // 3
    '', // 4
    '## Proposal', // 5
    '', // 6
    '### Overview', // 7
    '', // 8
    '_Provide an overview._', // 9
    '', // 10
    '## Written', // 11
    '', // 12
    '_Provide an overview._', // 13
    '', // 14
    'And the author wrote this.', // 15
    '', // 16
    '## Wrapped', // 17
    '_Provide a longer overview', // 18
    'that goes on._', // 19
  ];
  const labels = [
    { line: 3, text: '_Provide a high-level summary._' },
    { line: 9, text: '_Provide an overview._' },
    { line: 13, text: '_Provide an overview._' },
    { line: 18, text: '_Provide a longer overview' },
  ];

  test('a section whose only text is labelled placeholders, its own or its subsections', () => {
    assert.deepEqual(guidanceUnder(lines, 1, labels), [0]);
    assert.deepEqual(guidanceUnder(lines, 5, labels), [1]);
    assert.deepEqual(guidanceUnder(lines, 17, labels), [3], 'a guidance paragraph wrapped over two lines, labelled on its first');
  });

  test('comments over several lines and thematic breaks are no text of the section', () => {
    const commented = ['## Context', '', '<!--', '> 📝 The forces at play.', '-->', '', '_What is the situation?_', '', '---', '', '## Decision'];
    assert.deepEqual(guidanceUnder(commented, 1, [{ line: 7, text: '_What is the situation?_' }]), [0]);
    assert.deepEqual(guidanceUnder(commented, 1, []), [], 'the guidance unlabelled: text no label accounts for');
  });

  test('not a section with text no label accounts for, nor one with no text at all', () => {
    assert.deepEqual(guidanceUnder(lines, 11, labels), [], 'the author wrote a paragraph below the guidance');
    assert.deepEqual(guidanceUnder(['## Empty', '', '## Next', 'text'], 1, labels), []);
  });
});
