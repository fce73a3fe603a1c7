import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { fileNameFor, firstFreeName, slugify } from '../../server/src/core/templates/file-name';

describe('file names from titles', () => {
  test('slugs', () => {
    assert.equal(slugify('CSV Export: v2 (beta)!'), 'csv-export-v2-beta');
    assert.equal(slugify('Crème brûlée'), 'creme-brulee');
    assert.equal(slugify('決済の再試行'), '決済の再試行');
    assert.equal(slugify('?!…'), '');
    assert.ok(slugify('word '.repeat(40)).length <= 60);
  });

  test('unsafe titles still give a name inside the target folder', () => {
    const cases: [string, string][] = [
      ['../../etc/passwd', 'etc-passwd.md'],
      ['a/b\\c', 'a-b-c.md'],
      ['..', 'untitled.md'],
      ['???', 'untitled.md'],
      ['CON', 'con-spec.md'],
      ['<script>:*|"', 'script.md'],
      ['', 'untitled.md'],
    ];
    for (const [title, expected] of cases) assert.deepEqual(fileNameFor('{{slug}}.md', { slug: title }), { path: expected }, title);
    assert.deepEqual(fileNameFor('{{title}}.md', { title: '../../x' }), { path: '-..-x.md' });
    assert.deepEqual(fileNameFor('{{title}}.md', { title: 'nul' }), { path: 'nul-spec.md' });
    assert.deepEqual(fileNameFor('{{title}}', { title: 'NUL' }), { path: 'NUL-spec' });
  });

  test('patterns that leave the folder are refused', () => {
    assert.ok('error' in fileNameFor('../{{slug}}.md', { slug: 'x' }));
    assert.ok('error' in fileNameFor('/abs/{{slug}}.md', { slug: 'x' }));
    assert.ok('error' in fileNameFor('C:\\x.md', {}));
    assert.deepEqual(fileNameFor('{{date}}/{{slug}}.md', { date: '2026-01-02', slug: 'A b' }), { path: '2026-01-02/a-b.md' });
  });

  test('any title gives a relative path without `..`, empty or reserved segments', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string({ maxLength: 80 }), (a, b) => {
        for (const [pattern, values] of [['{{slug}}.md', { slug: a }], ['{{title}}-{{slug}}.md', { title: b, slug: a }]] as const) {
          const result = fileNameFor(pattern, values);
          assert.ok('path' in result);
          for (const segment of result.path.split('/')) {
            assert.ok(segment !== '' && segment !== '.' && segment !== '..', result.path);
            // eslint-disable-next-line no-control-regex
            assert.ok(!/[<>:"\\|?*\u0000-\u001f]/.test(segment), result.path);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  test('the first free name adds a number, never reuses a taken one', () => {
    const taken = new Set(['a.md', 'a-2.md']);
    assert.equal(firstFreeName('a.md', (p) => taken.has(p)), 'a-3.md');
    assert.equal(firstFreeName('b.md', (p) => taken.has(p)), 'b.md');
    assert.equal(firstFreeName('x', () => true, 3), undefined);
  });
});
