import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { buildSnippetsFile, SNIPPETS_FILE } from '../../scripts/generate-snippets';
import { templateSnippets } from '../../server/src/core/templates/snippets';
import { builtInTemplates, snippetDefaults } from './helpers';

describe('snippets generated from the templates', async () => {
  const templates = await builtInTemplates();

  test('the checked-in snippets file is what the templates generate', async () => {
    assert.equal(readFileSync(SNIPPETS_FILE, 'utf8'), await buildSnippetsFile(), 'snippets are stale: run `npm run generate:snippets`');
  });

  test('user story, requirement row, risk row, decision, acceptance checklist and every front-matter block are there', () => {
    const prefixes = templates.flatMap((t) => templateSnippets(t).map((s) => s.prefix));
    for (const prefix of ['spec-user-story', 'spec-requirement-row', 'spec-risk-row', 'spec-decision', 'spec-acceptance']) assert.ok(prefixes.includes(prefix), prefix);
    for (const template of templates.filter((t) => t.manifest.kind === 'spec')) assert.ok(prefixes.includes(`spec-front-matter-${template.id}`), template.id);
    assert.equal(new Set(prefixes).size, prefixes.length, 'prefixes are unique');
  });

  test('each fragment, with its tab stops left as they are, is text of its template', () => {
    for (const template of templates) {
      for (const snippet of templateSnippets(template)) {
        if (snippet.prefix.startsWith('spec-front-matter-')) continue;
        const text = snippetDefaults(snippet.body, 'last');
        assert.ok(template.text.includes(text), `${snippet.prefix} mirrors ${template.id}`);
      }
    }
  });

  test('placeholders become tab stops, choices choice lists', () => {
    const all = templates.flatMap((t) => templateSnippets(t));
    assert.equal(all.find((s) => s.prefix === 'spec-user-story')?.body, '**US-001: ${1:[Story Name]}**\n> As a ${2:[role]}, I want to ${3:[action]} so that ${4:[benefit]}.\n');
    assert.match(all.find((s) => s.prefix === 'spec-gap-row')?.body ?? '', /\$\{2\|🔴 Critical,🟡 High,🟢 Low,🔴 Critical \/ 🟡 High \/ 🟢 Low\|\}/);
  });

  test('front-matter blocks name their template and fill dates when inserted', () => {
    const implementation = templateSnippets(templates.find((t) => t.id === 'feature-implementation')!).find((s) => s.prefix.startsWith('spec-front-matter-'))!;
    assert.ok(implementation.body.startsWith('---\nspecwright: feature-implementation\n'));
    assert.match(implementation.body, /^created: \$\{CURRENT_YEAR\}-\$\{CURRENT_MONTH\}-\$\{CURRENT_DATE\}T/m);
    const featureSpec = templateSnippets(templates.find((t) => t.id === 'feature-spec')!).find((s) => s.prefix.startsWith('spec-front-matter-'))!;
    assert.equal(featureSpec.body, '---\nspecwright: feature-spec\n---\n');
  });
});
