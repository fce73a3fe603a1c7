import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseSpec } from '../../server/src/core/parse/spec-document';
import { lintText } from '../../server/src/core/lint/lint';
import { detectTemplate } from '../../server/src/core/templates/detect';
import { instantiate } from '../../server/src/core/templates/instantiate';
import { parseManifest } from '../../server/src/core/templates/manifest';
import { builtInTemplates, FILLED, readRepositoryFile, snippetDefaults, templatesFolder } from './helpers';

const NOW = new Date('2026-03-09T14:05:06Z');
/** The seed documents the templates come from, as kept in the repository. */
const seeds = 'test/fixtures/seeds/unfilled';

describe('built-in templates', async () => {
  const templates = await builtInTemplates();
  const specs = templates.filter((template) => template.manifest.kind === 'spec');

  test('five spec templates and the technical-spec prompt, each a folder with template.md and a valid manifest', () => {
    assert.deepEqual(specs.map((t) => t.id).sort(), ['feature-implementation', 'feature-spec', 'production-spec', 'technical-design', 'technical-spec']);
    assert.deepEqual(templates.filter((t) => t.manifest.kind === 'prompt').map((t) => t.id), ['technical-spec-prompt']);
    for (const folder of readdirSync(templatesFolder, { withFileTypes: true }).filter((entry) => entry.isDirectory() && entry.name !== 'families')) {
      const { manifest, problems } = parseManifest(readFileSync(join(templatesFolder, folder.name, 'manifest.yaml'), 'utf8'));
      assert.deepEqual(problems, [], folder.name);
      assert.equal(manifest?.id, folder.name, 'a built-in template lives in a folder named after its id');
    }
  });

  test('every section the manifests name is a heading of their template', () => {
    for (const template of templates) assert.deepEqual(template.unknownSectionNames, [], template.id);
  });

  test('templates keep the seeds’ headings, in order', () => {
    const headings = (text: string) => parseSpec(text).outline.flat.map((s) => s.title);
    const seed = (prefix: string) => readRepositoryFile(join(seeds, readdirSync(join(__dirname, '../..', seeds)).find((n) => n.startsWith(prefix)) as string));
    assert.deepEqual(headings(templates.find((t) => t.id === 'feature-spec')!.text), headings(seed('000')));
    assert.deepEqual(headings(templates.find((t) => t.id === 'feature-implementation')!.text), headings(seed('001')));
    assert.deepEqual(headings(templates.find((t) => t.id === 'technical-design')!.text), headings(seed('004')));
    // The production spec carries the real emoji where the seed has mojibake.
    const production = templates.find((t) => t.id === 'production-spec')!.text;
    assert.ok(production.includes('### Shipped ✅') && production.includes('🟡 Draft | 🟢 Approved | 🔴 Gaps Identified'));
    assert.ok(!/[âğ][\u0080-\u017f]/.test(production), 'no mojibake left');
    assert.equal(headings(production).length, headings(seed('003')).length);
  });

  test('the technical spec is the format embedded in the prompt, one heading level up', () => {
    const prompt = templates.find((t) => t.id === 'technical-spec-prompt')!.text;
    const spec = templates.find((t) => t.id === 'technical-spec')!.text;
    let inFence = false;
    const demoted = spec
      .split('\n')
      .map((line) => {
        if (line.startsWith('```')) inFence = !inFence;
        return !inFence && /^#{1,5} /.test(line) ? `#${line}` : line;
      })
      .join('\n');
    assert.ok(prompt.includes(demoted.trimEnd()), 'the prompt embeds the technical spec template');
  });

  for (const template of specs) {
    describe(template.id, () => {
      const instance = instantiate(template, { title: 'Webhook Retries', author: 'Ada Lovelace', now: NOW, utcOffsetMinutes: -240 });

      test('fills the title, dates, author and first status; the rest stays for the author', () => {
        assert.ok(instance.text.includes('Webhook Retries'), 'title');
        assert.ok(!/YYYY-MM-DD/.test(stripCode(instance.text)), 'every date mask outside code is filled');
        const hasDates = template.document.placeholders.some((p) => p.kind === 'date') || Object.values(template.manifest.fill).some((v) => v.includes('{{date}}'));
        if (hasDates) assert.ok(instance.text.includes('2026-03-09'), 'today, in the author’s time zone');
        const first = template.manifest.lifecycle?.statuses[0]?.value;
        if (first) assert.ok(instance.text.includes(first), `status ${first}`);
        assert.ok(instance.tabStops > 5, `tab stops: ${instance.tabStops}`);
        assert.ok('path' in instance.fileName && instance.fileName.path.includes('webhook-retries'), JSON.stringify(instance.fileName));
      });

      test('the snippet, with every tab stop left as is (a choice at the template’s own text), is the text', () => {
        assert.equal(snippetDefaults(instance.snippet, 'last'), instance.text);
      });

      test('a choice list never starts with the template’s raw list, so going back never reverts a pick', () => {
        for (const [, options] of instance.snippet.matchAll(/\$\{\d+\|((?:\\.|[^|\\])*)\|\}/g)) {
          const first = (options as string).split(/(?<!\\),/)[0] as string;
          assert.ok(!/^\[.*\]$/.test(first) && !/[|/]/.test(first.replace(/\\./g, '')), `choice list starts with ${first}`);
        }
      });

      test('a new spec lints with findings only where the author still has to write', () => {
        const findings = lintText(instance.text);
        const rules = new Set(findings.map((f) => f.ruleId));
        assert.deepEqual([...rules].filter((r) => r !== 'unfilled-placeholder' && r !== 'empty-section'), []);
        for (const finding of findings) {
          const text = instance.text.slice(finding.range.start, finding.range.end);
          assert.ok(!text.includes('Webhook Retries') && !text.includes('Ada Lovelace') && !text.includes('2026-03-09'), `${finding.ruleId} on a filled value: ${text}`);
        }
      });

      test('a new spec records its template, or is recognised by its headings', () => {
        const choice = detectTemplate(parseSpec(instance.text), templates);
        assert.equal(choice?.template.id, template.id);
        if (template.document.frontMatter) {
          assert.equal(choice?.how, 'front-matter');
          assert.ok(instance.text.includes(`specwright: ${template.id}\n`));
          assert.equal(parseSpec(instance.text).frontMatter?.errors.length, 0);
        }
      });

      test('a filled spec from this template lints clean and is recognised', () => {
        const text = readRepositoryFile(FILLED[template.id] as string);
        const findings = lintText(text).map((f) => `${f.ruleId}: ${text.slice(f.range.start, f.range.end)}`);
        assert.deepEqual(findings, []);
        const choice = detectTemplate(parseSpec(text), templates);
        assert.equal(choice?.template.id, template.id);
        assert.equal(choice?.how, 'headings');
      });
    });
  }
});

function stripCode(text: string): string {
  return text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
}
