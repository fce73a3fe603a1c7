import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseManifest } from '../../server/src/core/templates/manifest';

/** The text a problem points at. */
function at(text: string, problem: { range: { start: number; end: number } }): string {
  return text.slice(problem.range.start, problem.range.end);
}

describe('template manifests', () => {
  test('a minimal manifest gets defaults', () => {
    const { manifest, problems } = parseManifest('id: rfc\nlabel: RFC\n');
    assert.deepEqual(problems, []);
    assert.equal(manifest?.kind, 'spec');
    assert.equal(manifest?.fileName, '{{slug}}.md');
    assert.deepEqual(manifest?.sections, { optional: [], examples: [], guidance: [] });
  });

  test('JSON manifests are read too', () => {
    assert.equal(parseManifest('{"id": "adr", "label": "ADR"}').manifest?.id, 'adr');
  });

  test('problems point at the exact key or value', () => {
    const text = 'id: Not Kebab\nlabel: RFC\ncolour: blue\nlifecycle:\n  field: { label: Status }\n  statuses:\n    - { value: Draft, stage: sketch }\n';
    const { manifest, problems } = parseManifest(text);
    assert.equal(manifest, undefined);
    const found = problems.map((p) => [at(text, p), p.message]);
    assert.ok(found.some(([t, m]) => t === 'Not Kebab' && /`id`/.test(m as string)), JSON.stringify(found));
    assert.ok(found.some(([t, m]) => t === 'colour' && /found `colour`/.test(m as string)), JSON.stringify(found));
    assert.ok(found.some(([t, m]) => t === 'sketch' && /one of "draft", "review", "final"/.test(m as string)), JSON.stringify(found));
  });

  test('a missing required key is reported at the top of the file', () => {
    const { problems } = parseManifest('label: RFC\n');
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /Expected key `id`/);
    assert.equal(problems[0]!.range.start, 0);
  });

  test('broken YAML is a problem, not an exception', () => {
    const { manifest, problems } = parseManifest('id: [unclosed\nlabel: x\n');
    assert.equal(manifest, undefined);
    assert.ok(problems.length > 0 && /valid YAML/.test(problems[0]!.message));
  });

  test('file-name patterns may not climb out of the target folder', () => {
    for (const fileName of ['../x.md', '/etc/x.md', 'a/../../x.md']) {
      const { problems } = parseManifest(`id: x\nlabel: X\nfileName: "${fileName}"\n`);
      assert.ok(problems.length > 0, fileName);
    }
  });

  test('binary garbage and a BOM never throw', () => {
    assert.ok(parseManifest('\u0000\u0001\uFFFD\uD800').problems.length > 0);
    assert.equal(parseManifest('\uFEFFid: x\nlabel: X\n').manifest?.id, 'x');
  });
});
