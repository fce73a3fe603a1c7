import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { KeptDocuments } from '../../server/src/cli/lint/kept-documents';
import { parseSpec } from '../../server/src/core/parse/spec-document';

// `specwright lint` keeps the documents its workspace read parsed whole, for the check of
// the same files, so that each is parsed once. What is kept must never change a result:
// only wanted files, within the budget, given back once, and only for the same text.

describe('documents kept between reading a workspace and checking it', () => {
  test('gives a kept document back once, for exactly the text it was parsed from', () => {
    const kept = new KeptDocuments(new Set(['/w/a.md', '/w/b.md']));
    const a = parseSpec('# A\n\n- [ ] T001 [P] Do it\n');
    kept.keep('/w/a.md', a);
    assert.equal(kept.take('/w/a.md', '# A\n\n- [ ] T001 [P] Do it\n'), a);
    assert.equal(kept.take('/w/a.md', '# A\n\n- [ ] T001 [P] Do it\n'), undefined, 'given back once');
    // The file changed between the workspace read and its check: parsed again.
    kept.keep('/w/b.md', parseSpec('# B\n'));
    assert.equal(kept.take('/w/b.md', '# B, edited\n'), undefined);
    assert.equal(kept.take('/w/b.md', '# B\n'), undefined, 'dropped after a mismatch');
  });

  test('keeps only the files the run checks, within its budget, and frees room as they are taken', () => {
    const kept = new KeptDocuments(new Set(['/w/a.md', '/w/b.md', '/w/c.md']), 10);
    assert.equal(kept.wants('/w/other.md', 1), false, 'not about to be checked');
    assert.equal(kept.wants('/w/a.md', 11), false, 'larger than the budget');
    const a = parseSpec('# Aaaaaa\n');
    assert.equal(kept.wants('/w/a.md', a.text.length), true);
    kept.keep('/w/a.md', a);
    assert.equal(kept.wants('/w/a.md', a.text.length), false, 'already kept');
    const b = parseSpec('# Bbbbbb\n');
    kept.keep('/w/b.md', b);
    assert.equal(kept.take('/w/b.md', b.text), undefined, 'no room left for it');
    assert.equal(kept.take('/w/a.md', a.text), a);
    assert.equal(kept.wants('/w/c.md', 10), true, 'the room a taken document used is free again');
  });
});
