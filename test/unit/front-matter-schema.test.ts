import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import fc from 'fast-check';
import { parseSpec } from '../../server/src/core/parse/spec-document';
import { lintText, type RuleSettings } from '../../server/src/core/lint/lint';
import { RULES } from '../../server/src/core/lint/registry';
import type { Finding, Fix } from '../../server/src/core/lint/types';
import {
  checkFrontMatter,
  compareDates,
  formatDate,
  frontMatterSchemaOf,
  toJsonSchema,
  yamlReplacement,
  yamlScalar,
} from '../../server/src/core/templates/front-matter-schema';
import { parseManifest, type TemplateManifest } from '../../server/src/core/templates/manifest';
import { createTemplate, type Template } from '../../server/src/core/templates/template';
import { builtInTemplates } from '../templates/helpers';

const NOW = new Date('2026-01-15T12:00:00Z');
const MINE = ['front-matter-schema', 'front-matter-unknown-key', 'unfilled-placeholder'];
let templates: readonly Template[] = [];
before(async () => {
  templates = await builtInTemplates();
});

/** Settings that turn on only the named rule. */
function only(id: string): RuleSettings {
  return Object.fromEntries(RULES.map((rule) => [rule.meta.id, rule.meta.id === id ? rule.meta.defaultSeverity : 'off']));
}

function lint(text: string, id = 'front-matter-schema', within: readonly Template[] = templates): Finding[] {
  return lintText(text, { rules: only(id), templates: within, now: NOW });
}

/** What each finding covers, and its message. */
function summary(text: string, findings: readonly Finding[]): string[] {
  return findings.map((finding) => `${text.slice(finding.range.start, finding.range.end)} — ${finding.message}`);
}

function apply(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.range.start - a.range.start);
  return edits.reduce((result, edit) => result.slice(0, edit.range.start) + edit.newText + result.slice(edit.range.end), text);
}

function fixTitled(findings: readonly Finding[], title: string): Fix {
  const fix = findings.flatMap((finding) => finding.fixes ?? []).find((candidate) => candidate.title === title);
  assert.ok(fix, `no fix titled ${title}: ${JSON.stringify(findings.flatMap((f) => (f.fixes ?? []).map((x) => x.title)))}`);
  return fix;
}

function templateWith(frontMatter: TemplateManifest['frontMatter'], markdown = '# [Title]\n\n## Summary\n\n## Details\n\n## Notes\n'): Template {
  const parsed = parseManifest('id: custom\nlabel: Custom\n').manifest as TemplateManifest;
  return createTemplate({ ...parsed, frontMatter }, markdown, 'workspace', 'custom/template.md');
}

describe('front-matter schema compilation', () => {
  test('the compact spec becomes a draft-07 JSON Schema', () => {
    const schema = toJsonSchema({
      properties: {
        id: { type: ['string', 'number'], required: true },
        count: { type: 'integer' },
        done: { type: 'boolean' },
        created: { type: 'date-time', required: true },
        day: { type: 'date' },
        tags: { type: 'list' },
        status: { type: 'string', enum: ['Draft', 'Final'] },
        when: { type: ['date', 'number'] },
        text: { type: ['string', 'date'] },
        anything: { description: 'no type' },
      },
    });
    assert.deepEqual(schema, {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: {
        id: { type: ['string', 'number'] },
        count: { type: 'integer' },
        done: { type: 'boolean' },
        created: { type: 'string', format: 'date-time' },
        day: { type: 'string', format: 'date' },
        tags: { type: 'array' },
        status: { type: 'string', enum: ['Draft', 'Final'] },
        when: { anyOf: [{ type: 'number' }, { type: 'string', format: 'date' }] },
        text: { type: 'string' },
        anything: {},
        specwright: {},
      },
      required: ['id', 'created'],
      additionalProperties: false,
    });
    assert.equal(toJsonSchema({ properties: {}, additionalProperties: true }).additionalProperties, true);
  });

  test('compiled once per template, and none without a front-matter schema', () => {
    const template = templateWith({ properties: { a: { type: 'string' } } });
    assert.ok(frontMatterSchemaOf(template));
    assert.equal(frontMatterSchemaOf(template), frontMatterSchemaOf(template));
    assert.equal(frontMatterSchemaOf(templateWith(undefined)), undefined);
  });

  test('a bad spec from a user never throws and is bounded', () => {
    const wild = {
      properties: {
        a: { type: 'regex' },
        b: { type: ['nonsense', 'integer'], enum: [{ x: 1 }, 'ok', null, ...Array.from({ length: 500 }, (_, i) => i)] },
        c: null,
        ['k'.repeat(5000)]: { type: 'string' },
        ...Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`extra${i}`, { type: 'string' }])),
      },
    } as unknown as TemplateManifest['frontMatter'];
    const schema = frontMatterSchemaOf(templateWith(wild));
    assert.ok(schema);
    assert.ok(schema.fields.size <= 100);
    assert.deepEqual(schema.fields.get('a')?.types, []);
    assert.deepEqual(schema.fields.get('b')?.types, ['integer']);
    assert.equal(schema.fields.get('b')?.enum?.length, 100);
    assert.equal(schema.fields.get('b')?.enum?.[0], 'ok');
    assert.doesNotThrow(() => checkFrontMatter(schema, { a: 1, b: 'ok' }));
    const text = '---\nspecwright: custom\na: [1]\nb: 2\nc: x\n---\n# Title\n';
    const errors: unknown[] = [];
    lintText(text, { templates: [templateWith(wild)], now: NOW, onRuleError: (_rule, error) => errors.push(error) });
    assert.deepEqual(errors, []);
  });

  test('one issue per key: an enum value over a format over a type', () => {
    const schema = frontMatterSchemaOf(
      templateWith({
        properties: {
          status: { type: 'string', enum: ['Draft'], required: true },
          when: { type: ['date', 'number'] },
          owner: { type: 'string', required: true },
        },
      }),
    );
    assert.ok(schema);
    const issues = checkFrontMatter(schema, { status: 5, when: '2026-02-30', stray: 1, specwright: 'custom' });
    assert.deepEqual(issues.map((issue) => `${issue.kind} ${issue.key}`).sort(), ['enum status', 'format when', 'missing owner', 'unknown stray']);
  });
});

describe('front-matter values', () => {
  test('today and now, in UTC or in the offset a value used', () => {
    assert.equal(formatDate(NOW, 'date'), '2026-01-15');
    assert.equal(formatDate(NOW, 'date-time'), '2026-01-15T12:00:00Z');
    assert.equal(formatDate(NOW, 'date-time', '-04:00'), '2026-01-15T08:00:00-04:00');
    assert.equal(formatDate(NOW, 'date-time', '+0530'), '2026-01-15T17:30:00+0530');
    assert.equal(formatDate(new Date(Number.NaN), 'date'), undefined);
  });

  test('YAML scalars read back as written', () => {
    assert.equal(yamlScalar('In Progress'), 'In Progress');
    assert.equal(yamlScalar("it's"), "it's");
    for (const value of ['yes', 'No', 'null', '1.0', '3', 'a: b', 'x #y', '[list]', ' padded', '', '{{title}}', "'quoted'"]) {
      const written = yamlScalar(value);
      assert.notEqual(written, value, value);
      assert.equal(parseSpec(`---\nk: ${written}\n---\n`).frontMatter?.entries[0]?.value, value, value);
    }
    assert.equal(yamlScalar("it's", "'"), "'it''s'");
    assert.equal(yamlScalar(3), '3');
  });

  test('a replacement keeps the value valid YAML in its quote style', () => {
    const text = '---\na: [Draft|Review]\nb: "Spec for [Name]"\nc: \'YYYY-MM-DD\'\nd: plain [Name] text\n---\n';
    const frontMatter = parseSpec(text).frontMatter;
    assert.ok(frontMatter);
    /** The range of `needle` on the line of key `key`. */
    const at = (key: string, needle: string) => {
      const start = text.indexOf(needle, text.indexOf(`\n${key}:`));
      return { start, end: start + needle.length };
    };
    assert.equal(yamlReplacement(text, frontMatter, at('a', '[Draft|Review]'), 'Review'), 'Review');
    assert.equal(yamlReplacement(text, frontMatter, at('a', '[Draft|Review]'), 'yes'), '"yes"');
    assert.equal(yamlReplacement(text, frontMatter, at('b', '[Name]'), 'The "best"'), 'The \\"best\\"');
    assert.equal(yamlReplacement(text, frontMatter, at('c', "'YYYY-MM-DD'"), "it's"), "'it''s'");
    assert.equal(yamlReplacement(text, frontMatter, at('c', 'YYYY-MM-DD'), "it's"), "it''s");
    assert.equal(yamlReplacement(text, frontMatter, at('d', '[Name]'), 'CSV'), 'CSV');
    assert.equal(yamlReplacement(text, frontMatter, at('d', '[Name]'), 'a: b'), undefined, 'would make a mapping');
  });

  test('dates and date-times compare as instants, or by day when one is a date', () => {
    assert.ok((compareDates('2026-03-10T01:00:00Z', '2026-03-09T23:00:00-04:00') as number) < 0, 'earlier instant, later day');
    assert.equal(compareDates('2026-03-09', '2026-03-09T23:00:00-04:00'), 0);
    assert.ok((compareDates('2026-03-08', '2026-03-09T00:30:00+02:00') as number) < 0);
    assert.ok((compareDates('2026-03-09 10:00:00Z', '2026-03-09T09:00:00Z') as number) > 0);
    assert.equal(compareDates('soon', '2026-03-09'), undefined);
  });
});

describe('front-matter-schema edge cases', () => {
  const head = (lines: string, eol = '\n', close = '---') =>
    ['---', 'specwright: technical-design', ...lines.split('\n'), close, '', '# Technical Specification: Rate Limits', ''].join(eol);

  test('CRLF and a `...` fence: exact ranges, and the fix writes a CRLF line', () => {
    const text = head('title: "Rate limits"\nversion: "1.0.0"\nlast_updated: 2026-02-30 # typo', '\r\n', '...');
    const findings = lint(text);
    assert.deepEqual(summary(text, findings), [
      '--- — Expected key `description` in the front matter, found none',
      '2026-02-30 — Expected `last_updated` to be a date (`YYYY-MM-DD`), found `2026-02-30`',
    ]);
    const added = apply(text, fixTitled(findings, 'Add `description`'));
    assert.ok(added.includes('# typo\r\ndescription: "[One-sentence summary of the technical approach]"\r\n...\r\n'), JSON.stringify(added));
    const today = apply(text, fixTitled(findings, 'Set to today, `2026-01-15`'));
    assert.ok(today.includes('last_updated: 2026-01-15 # typo\r\n'));
    assert.deepEqual(summary(today, lint(today)), ['--- — Expected key `description` in the front matter, found none']);
  });

  test('after a BOM, ranges index the text as the editor has it', () => {
    const text = `\uFEFF${head('title: T\ndescription: D\nversion: 2')}`;
    const findings = lint(text);
    assert.deepEqual(summary(text, findings), [
      '--- — Expected key `last_updated` in the front matter, found none',
      '2 — Expected `version` to be text, found `2`',
    ]);
    assert.equal(findings[0]?.range.start, 1);
    assert.ok(apply(text, fixTitled(findings, 'Add `last_updated`')).includes('version: 2\nlast_updated: "YYYY-MM-DD"\n---\n'));
    const body = readFileSync(join(__dirname, '../rules/front-matter-schema/invalid-missing-front-matter.md'), 'utf8');
    const noFrontMatter = `\uFEFF${body}`;
    const missing = lint(noFrontMatter);
    assert.equal(missing.length, 1);
    const fixed = apply(noFrontMatter, fixTitled(missing, 'Add front matter for template `feature-implementation`'));
    assert.ok(fixed.startsWith('\uFEFF---\nspecwright: feature-implementation\nfeature_id: [SECTION.TASK_ID]\n'), fixed);
    assert.ok(fixed.endsWith(`---\n\n${body}`));
    assert.deepEqual(lint(fixed), []);
  });

  test('numbers, quoted values and comments', () => {
    const text = [
      '---',
      'specwright: feature-implementation',
      'feature_id: 3.2',
      'name: "CSV Export" # quoted',
      'owner: 42',
      "branch: 'feature/csv'",
      'status: "Review"',
      'created: "2026-03-09T10:15:00-04:00"',
      "updated: '2026-03-09T10:15:00-04:00' # same moment",
      '---',
      '',
    ].join('\n');
    const findings = lint(text);
    assert.deepEqual(summary(text, findings), ['42 — Expected `owner` to be text, found `42`']);
    const quoted = apply(text, fixTitled(findings, 'Quote as text: `"42"`'));
    assert.deepEqual(lint(quoted), []);
  });

  test('a date-time keeps the offset style it was written in', () => {
    const text = head('title: T\ndescription: D\nversion: "1"\nlast_updated: 2026-03-14').replace('technical-design', 'feature-implementation');
    const withTimes = text.replace('last_updated: 2026-03-14', 'created: 2026-03-09T25:00:00+0200\nupdated: 2026-03-14T09:00:00Z');
    const findings = lint(withTimes).filter((finding) => finding.data?.code === 'format');
    assert.equal(findings.length, 1);
    assert.ok(fixTitled(findings, 'Set to now, `2026-01-15T14:00:00+0200`'));
  });

  test('`updated` before `created`: at the updated value, by day when one is a date', () => {
    const template = templateWith({
      properties: { created: { type: 'date' }, last_updated: { type: ['date', 'date-time'] }, modified_at: { type: 'date-time' } },
    });
    const text = '---\nspecwright: custom\ncreated: 2026-03-09\nlast_updated: 2026-03-09T23:30:00-04:00\nmodified_at: 2026-03-08T23:59:00Z\n---\n# T\n';
    const findings = lint(text, 'front-matter-schema', [template]);
    assert.deepEqual(summary(text, findings), [
      '2026-03-08T23:59:00Z — Expected `modified_at` to be no earlier than `created` (`2026-03-09`), found `2026-03-08T23:59:00Z`',
    ]);
    // The clock is before `created`, so "now" would not do: the fix takes created's day.
    const fixed = apply(text, fixTitled(findings, 'Set to the value of `created`'));
    assert.ok(fixed.includes('modified_at: 2026-03-09\n'));
    const later = text.replace('2026-03-09\n', '2025-12-01\n').replace('modified_at: 2026-03-08T23:59:00Z', 'modified_at: 2025-11-30T00:00:00Z');
    assert.ok(fixTitled(lint(later, 'front-matter-schema', [template]), 'Set to now, `2026-01-15T12:00:00Z`'));
  });

  test('an empty required value is reported at its key; an empty optional one is not', () => {
    const text = head('title:\ndescription: D # later\nversion: "1"\nlast_updated: # soon').replace('---\n\n#', '---\n#');
    const findings = lint(text);
    assert.deepEqual(summary(text, findings), [
      'title — Expected `title` to be text, found no value',
      'last_updated — Expected `last_updated` to be a date (`YYYY-MM-DD`), found no value',
    ]);
    const dated = apply(text, fixTitled(findings, 'Set to today, `2026-01-15`'));
    assert.ok(dated.includes('last_updated: 2026-01-15 # soon\n'), dated);
  });

  test('unknown keys are allowed when the template says so; `specwright` always is', () => {
    const open = templateWith({ properties: { a: { type: 'string' } }, additionalProperties: true });
    const closed = templateWith({ properties: { a: { type: 'string' } } });
    const text = '---\nspecwright: custom\na: x\nb: y\n---\n# T\n';
    assert.deepEqual(lint(text, 'front-matter-unknown-key', [open]), []);
    assert.deepEqual(summary(text, lint(text, 'front-matter-unknown-key', [closed])), [
      'b — Expected a front-matter key that template `custom` defines, found `b`',
    ]);
  });

  test('never throws on generated front matter', () => {
    const piece = fc.oneof(
      fc.constantFrom('status: ', 'created: ', 'updated: ', 'feature_id: ', 'name: ', '"', "'", '[', ']', '{', '}', '#', ': ', '- ', '\n', '\r\n', '  ', 'YYYY-MM-DD', '2026-02-30', '2026-03-09T10:15:00-04:00', 'Draft', '|', '&a', '*a', '!!str ', '\uFEFF', '...'),
      fc.string({ maxLength: 8 }),
    );
    const documents = fc.array(piece, { maxLength: 40 }).map((parts) => `---\nspecwright: feature-implementation\n${parts.join('')}\n---\n# Feature Specification: X\n`);
    fc.assert(
      fc.property(documents, (text) => {
        const errors: unknown[] = [];
        for (const id of MINE) {
          const findings = lintText(text, { rules: only(id), templates, now: NOW, onRuleError: (_rule, error) => errors.push(error) });
          for (const finding of findings) for (const fix of finding.fixes ?? []) apply(text, fix);
        }
        assert.deepEqual(errors, []);
      }),
      { numRuns: 300 },
    );
  });
});

describe('every fix of these rules, applied alone to their invalid fixtures', () => {
  for (const id of MINE) {
    const folder = join(__dirname, '../rules', id);
    for (const name of readdirSync(folder).filter((n) => /^invalid[^.]*\.md$/.test(n)).sort()) {
      test(`${id}/${name}`, () => {
        const text = readFileSync(join(folder, name), 'utf8');
        const findings = lint(text, id);
        const messages = findings.map((finding) => finding.message).sort();
        for (const finding of findings) {
          for (const fix of finding.fixes ?? []) {
            assert.equal(fix.edits.length, 1, fix.title);
            const [edit] = fix.edits as [Fix['edits'][number]];
            const fixed = apply(text, fix);
            assert.equal(fixed.slice(0, edit.range.start), text.slice(0, edit.range.start), `${fix.title}: text before the edit`);
            assert.equal(fixed.slice(edit.range.start + edit.newText.length), text.slice(edit.range.end), `${fix.title}: text after the edit`);
            const after = lint(fixed, id).map((f) => f.message).sort();
            const expected = [...messages];
            expected.splice(expected.indexOf(finding.message), 1);
            assert.deepEqual(after, expected, `${fix.title} removes its finding and nothing else changes`);
          }
        }
      });
    }
  }
});
