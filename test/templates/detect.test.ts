import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSpec } from '../../server/src/parse/spec-document';
import { detectTemplate } from '../../server/src/templates/detect';
import { builtInTemplates, readRepositoryFile } from './helpers';

describe('which template a document follows', async () => {
  const templates = await builtInTemplates();
  const detect = (text: string) => detectTemplate(parseSpec(text), templates);

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
