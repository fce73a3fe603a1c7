import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { parseSpec } from '../../server/src/core/parse/spec-document';
import { detectTemplate, redetectTemplate } from '../../server/src/core/templates/detect';
import { normalizeTitle } from '../../server/src/core/templates/section-keys';
import { builtInTemplates, readRepositoryFile } from './helpers';

describe('which template a document follows', async () => {
  const templates = await builtInTemplates();
  const detect = (text: string) => detectTemplate(parseSpec(text), templates);

  test('a new version keeps the previous choice only when that is what detecting again gives', () => {
    const seeds = ['unfilled', 'filled'].flatMap((kind) =>
      readdirSync(`test/fixtures/seeds/${kind}`)
        .filter((name) => name.endsWith('.md') && name !== 'README.md')
        .map((name) => readRepositoryFile(`test/fixtures/seeds/${kind}/${name}`)),
    );
    // Typing anywhere (inside headings too), adding or removing heading markers, and naming a template.
    const insertion = fc.constantFrom('x', ' ', '\n', '\n## Risks\n', '## ', '#', '\n\n', 'specwright: feature-spec\n', '[Name]', '1. ');
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), insertion), { minLength: 1, maxLength: 4 }), (seed, edits) => {
        let text = seed;
        let previous = { document: parseSpec(text), choice: undefined as ReturnType<typeof detectTemplate> };
        previous.choice = detectTemplate(previous.document, templates);
        for (const [at, insert] of edits) {
          const offset = at % (text.length + 1);
          text = text.slice(0, offset) + insert + text.slice(offset);
          const document = parseSpec(text, previous.document);
          const kept = redetectTemplate(document, templates, previous);
          const fresh = detectTemplate(document, templates);
          assert.equal(kept?.template.id, fresh?.template.id);
          assert.equal(kept?.how, fresh?.how);
          assert.equal(kept?.score, fresh?.score);
          assert.deepEqual(kept?.match.byDocument, fresh?.match.byDocument);
          assert.deepEqual(kept?.match.documentKeys, fresh?.match.documentKeys);
          // The sections are the new version's own objects.
          assert.equal(kept?.match.byTemplate.size, fresh?.match.byTemplate.size);
          for (const [index, section] of kept?.match.byTemplate ?? []) assert.equal(section, fresh?.match.byTemplate.get(index));
          previous = { document, choice: kept };
        }
      }),
      { numRuns: 150 },
    );
  });

  test('a heading key drops a trailing parenthesis as `\\s*\\([^()]*\\)\\s*$` would, in linear time', () => {
    const pattern = (title: string) =>
      title
        .replace(/^\s*(?:\d+(?:\.\d+)*\.?|[A-Z]\.|[IVX]+\.)\s+/, '')
        .replace(/[`*_~]/g, '')
        .replace(/\s*\([^()]*\)\s*$/, '')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
    const title = fc.array(fc.constantFrom('a', 'B', ' ', '(', ')', '\t', '1.', 'x y', '\n', '\u00a0', '\u2028', '`'), { maxLength: 20 }).map((parts) => parts.join(''));
    fc.assert(fc.property(title, (text) => normalizeTitle(text) === pattern(text)), { numRuns: 2000 });
    // A heading full of placeholders leaves a long run of spaces once they are taken out.
    assert.equal(normalizeTitle(`Title${' '.repeat(200_000)}(x)`), 'title');
  });

  test('the front matter names it, and that wins over headings', () => {
    const choice = detect('---\nspecwright: production-spec\n---\n\n# Spec: X\n\n## 1. Executive Summary\n\n### 1.1 Problem Statement\n\n### 1.2 Solution\n');
    assert.equal(choice?.template.id, 'production-spec');
    assert.equal(choice?.how, 'front-matter');
  });

  test('a spec written before Specwright, with some of the sections, renumbered and reworded in case', () => {
    const choice = detect('# Spec: Bulk export\n\n## Executive summary\n\n### Problem statement\n\nSlow.\n\n### Solution\n\n## 3. Functional Requirements\n\n## 6. Testing Strategy\n\n### Testing pyramid\n');
    assert.equal(choice?.template.id, 'feature-spec');
    assert.equal(choice?.how, 'headings');
  });

  test('documents that follow no template are not forced into one', () => {
    assert.equal(detect(readRepositoryFile('README.md')), undefined);
    assert.equal(detect(readRepositoryFile('CHANGELOG.md')), undefined);
    assert.equal(detect('# Notes\n\n## Overview\n\n## Dependencies\n\n## License\n'), undefined);
    assert.equal(detect(''), undefined);
    assert.equal(detect('no headings at all'), undefined);
  });

  test('an unknown template name in the front matter falls back to the headings', () => {
    const choice = detect('---\nspecwright: nonexistent\n---\n# Spec: X\n\n## Executive Summary\n\n### Problem Statement\n\n### Solution\n\n### Success Criteria\n');
    assert.equal(choice?.template.id, 'feature-spec');
    assert.equal(choice?.how, 'headings');
  });

  test('headings are matched by key: numbering, case, emoji and placeholders do not matter', () => {
    const choice = detect(readRepositoryFile('test/fixtures/seeds/unfilled/003-production-spec.md'));
    assert.equal(choice?.template.id, 'production-spec', 'the mojibake copy of the seed is still recognised');
    for (const title of ['1. Feature Overview', 'Compliance / Security', 'Golden Set Eval (LLM/Agent behavior)']) {
      const section = choice?.template.sections.find((s) => s.title === title);
      assert.ok(section && choice?.match.byTemplate.has(section.index), title);
    }
  });
});
