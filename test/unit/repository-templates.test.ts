import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { builtInFamilies } from '../../server/src/core/families/built-in';
import type { Family } from '../../server/src/core/families/family';
import { identifyFamily } from '../../server/src/core/families/identify';
import { createRepositoryTemplate, type RepositoryTemplate } from '../../server/src/core/families/repository-template';
import { namesTemplate, numberedTemplateName } from '../../server/src/core/families/template-files';
import { lintText } from '../../server/src/core/lint/lint';
import type { Finding } from '../../server/src/core/lint/types';
import { parseSpec } from '../../server/src/core/parse/spec-document';
import { isRepositoryTemplateFile, repositoryTemplatesFor } from '../../server/src/workspace/repository-templates';

const FIXTURES = join(__dirname, '../fixtures/repository-templates');
const families = builtInFamilies();
const familyNamed = (id: string) => families.find((family) => family.id === id) as Family;
const fixture = (repository: string, path: string) => readFileSync(join(FIXTURES, repository, path), 'utf8');
const identify = (text: string, path: string) => {
  const choice = identifyFamily({ document: parseSpec(text), families, path });
  return choice && { family: choice.family.id, kind: choice.kind, templateFile: choice.templateFile };
};
const lines = (text: string, findings: readonly Finding[], rule: string) =>
  findings.filter((finding) => finding.ruleId === rule).map((finding) => text.slice(0, finding.range.start).split('\n').length);
const templateOf = (repository: string, path: string, family: string, kind: string): RepositoryTemplate =>
  createRepositoryTemplate(fixture(repository, path), path, familyNamed(family), kind);

describe("a repository's own template of a family", () => {
  test('is named as a template: a template word beside at most one other or the kind spelled out, after a number of zeros or a letter mask', () => {
    const words = familyNamed('madr').templateFiles?.words ?? [];
    for (const name of ['template', 'adr-template', 'template-adr', '0000-template', 'NNNN-template', 'XXXX-template', '0000-modele-adr', '0000-modèle-ADR', 'TEMPLATE', 'adr_template', 'adr-vorlage', 'ADRXXX-architecture-decision-record-template', 'architecture-decision-record-template', '0000_example', 'yyyy-mm-dd-template', '0000-adr-template-de', 'template.zh-cn', 'adr-template-ja', 'RFC-0000-template', 'KEP-0000-template', 'YYYYMMDD-proposal-template', 'YYYYmmDD-template', 'cep-0000', 'RFC-0000', 'adr-000']) {
      assert.equal(namesTemplate(name, words), true, name);
    }
    // A numbered document, a draft numbered 0000 as Rust-style RFCs are before they merge, and names that only mention a template.
    for (const name of ['0001-choix-du-modele-adr', '0005-use-the-adr-template', '0000-my-feature', '0000-use-markdown-architectural-decision-records', 'use-the-madr-template', 'templates-are-good', 'README', '1282-execution-attempts', 'modelo-datos', 'mal-nommage', 'NNNN', 'example', '0001-example', 'my-great-template-for-things', '2025-09-04-template-cleanup', '0001-adr-de', 'de', 'RFC-0001-template-engine', 'RFC-0000-my-feature', 'cep-0022', 'cep-0', 'release-0000', 'spec-00']) {
      assert.equal(namesTemplate(name, words), false, name);
    }
  });

  test('is identified by its path as the family’s template; documents beside it are not', () => {
    assert.deepEqual(identify(fixture('madr', 'docs/decisions/adr-template.md'), 'docs/decisions/adr-template.md'), { family: 'madr', kind: 'decision', templateFile: 'file name' });
    assert.deepEqual(identify(fixture('adr-tools', 'doc/adr/template.md'), 'doc/adr/template.md'), { family: 'nygard-adr', kind: 'decision', templateFile: 'file name' });
    assert.deepEqual(identify(fixture('rust-rfc', '0000-template.md'), '0000-template.md'), { family: 'rfc', kind: 'rfc', templateFile: 'path' });
    assert.deepEqual(identify(fixture('rust-rfc', '0000-template.md'), 'text/0000-template.md'), { family: 'rfc', kind: 'rfc', templateFile: 'path' });
    assert.deepEqual(identify(fixture('rust-rfc', '0000-template.md'), 'rfcs/rfc-template.md'), { family: 'rfc', kind: 'rfc', templateFile: 'file name' });
    assert.deepEqual(identify(fixture('kep', 'keps/NNNN-template/README.md'), 'keps/NNNN-template/README.md'), { family: 'kep', kind: 'kep', templateFile: 'folder name' });
    const specKit = '# Feature Specification: [FEATURE NAME]\n\n**Feature Branch**: `[###-feature-name]`\n\n## User Scenarios & Testing\n\n## Requirements\n\n## Success Criteria\n';
    assert.deepEqual(identify(specKit, '.specify/templates/spec-template.md'), { family: 'spec-kit', kind: 'spec', templateFile: 'path' });

    assert.equal(identify(fixture('madr', 'docs/decisions/0001-keep-albums-in-postgres.md'), 'docs/decisions/0001-keep-albums-in-postgres.md')?.templateFile, undefined);
    assert.equal(identify(fixture('madr', 'docs/decisions/adr-template.md'), 'docs/decisions/0000-use-markdown-decision-records.md')?.templateFile, undefined);
    assert.equal(identify(fixture('rust-rfc', '0000-template.md'), 'text/0000-album-sharing.md')?.templateFile, undefined);
    assert.equal(identify(fixture('kep', 'keps/NNNN-template/README.md'), 'keps/sig-storage/4321-album-snapshots/README.md')?.templateFile, undefined);
    // Outside the family's folders a file named template is a template of nobody's documents.
    assert.equal(identify(fixture('madr', 'docs/decisions/adr-template.md'), 'notes/template.md')?.templateFile, 'name only');
  });

  test('a file named as a template where no family keeps its templates is a template too, of nobody’s documents', () => {
    const text = '# Feature Spec: [Feature Name]\n\n## Overview\n\n[Describe the feature.]\n\n## Risks\n';
    for (const path of ['specs/feature-template.md', 'docs/specs/template.md', 'specs/spec-vorlage.md', 'docs/specs/spec-template-de.md', 'docs/specs/template.ja.md']) {
      assert.equal(identify(text, path)?.templateFile, 'name only', path);
      assert.deepEqual(lintText(text, { path }), [], path);
    }
    // Named otherwise, the same text is a spec with slots left.
    for (const path of ['specs/checkout.md', 'specs/001-x/template-contracts.md', 'specs/example-templates.md', 'specs/template-comparison.md']) {
      assert.equal(identify(text, path)?.templateFile, undefined, path);
      assert.notDeepEqual(lintText(text, { path }), [], path);
    }
  });

  test('is not checked for unfinished work, but its front matter still is', () => {
    for (const [repository, path] of [
      ['madr', 'docs/decisions/adr-template.md'],
      ['adr-tools', 'doc/adr/template.md'],
      ['rust-rfc', '0000-template.md'],
      ['kep', 'keps/NNNN-template/README.md'],
    ] as const) {
      const text = fixture(repository, path);
      assert.deepEqual(lintText(text, { path }).map((finding) => `${finding.ruleId}: ${finding.message}`), [], path);
      // The same text as a document of the family: its slots are reported.
      const copy = path.replace(/[^/]*template[^/]*(?=\/README\.md$|$)/i, '9999-new-document').replace(/^0000-/, 'text/9999-');
      assert.notDeepEqual(lintText(text, { path: copy }), [], copy);
    }
    const broken = `---\nstatus: [proposed\n---\n${fixture('madr', 'docs/decisions/adr-template.md').replace(/^---[\s\S]*?---\n/, '')}`;
    assert.deepEqual(
      lintText(broken, { path: 'docs/decisions/adr-template.md' }).map((finding) => finding.ruleId),
      ['front-matter-syntax'],
    );
  });

  test('a document started from it is checked against it: its text unchanged, its guidance left, its title kept', () => {
    const rfc = templateOf('rust-rfc', '0000-template.md', 'rfc', 'rfc');
    const text = fixture('rust-rfc', '0000-template.md');
    const findings = lintText(text, { path: 'text/0002-new.md', repositoryTemplates: [rfc] });
    assert.deepEqual(lines(text, findings, 'template-text-unchanged'), [6, 10, 14, 18, 22]);
    // Without the repository's template, only the date mask is found.
    assert.deepEqual(lintText(text, { path: 'text/0002-new.md' }).map((finding) => finding.ruleId), ['unfilled-placeholder']);

    const kep = templateOf('kep', 'keps/NNNN-template/README.md', 'kep', 'kep');
    const kepText = fixture('kep', 'keps/NNNN-template/README.md');
    const kepFindings = lintText(kepText, { path: 'keps/sig-storage/5555-new/README.md', repositoryTemplates: [kep] });
    assert.deepEqual(lines(kepText, kepFindings, 'template-text-unchanged'), [1, 18, 22, 26]);
    assert.deepEqual(lines(kepText, kepFindings, 'empty-section'), [10]);
    // The table of contents and the markers around it, and the checkbox to tick, are kept as they are.
    assert.deepEqual(lines(kepText, kepFindings, 'leftover-guidance'), []);

    const madr = templateOf('madr', 'docs/decisions/adr-template.md', 'madr', 'decision');
    const madrText = fixture('madr', 'docs/decisions/adr-template.md');
    const written = madrText.replace('{Describe the situation and the question to decide in two or three sentences.}', 'Albums need an order. Where do we keep it?');
    const madrFindings = lintText(written, { path: 'docs/decisions/0002-new.md', repositoryTemplates: [madr] });
    assert.deepEqual(lines(written, madrFindings, 'leftover-guidance'), [20]);
    assert.deepEqual(lines(written, madrFindings, 'template-text-unchanged'), [28]);
    // A section of slots is reported once, at its slots, in the family's dialect.
    assert.deepEqual(lines(written, madrFindings, 'unfilled-placeholder'), [2, 3, 5, 13, 14, 18, 18, 23, 24], 'line 18 holds `{title of option 1}` and `{justification}`, both the template\'s');
  });

  test("its name line, a top-level heading with nothing under it before the template's other top-level headings, is its title", () => {
    const template = '---\nnav_order: 0\n---\n\n# Decision record template\n\n# {short title of the decision}\n\n## Context and Problem Statement\n\n{Describe the context.}\n\n## Considered Options\n\n* {title of option 1}\n\n## Decision Outcome\n\nChosen option: "{title of option 1}", because {justification}.\n';
    const madr = createRepositoryTemplate(template, 'docs/decisions/template.md', familyNamed('madr'), 'decision');
    assert.equal(madr.template.sections[0]?.isTitle, true);
    const findings = lintText(template, { path: 'docs/decisions/0007-new.md', repositoryTemplates: [madr] });
    // Left as the template has it, it is reported once, as the template's title, not as an empty section.
    assert.deepEqual(lines(template, findings, 'empty-section'), []);
    assert.deepEqual(lines(template, findings, 'template-text-unchanged'), [5]);
    // An empty top-level heading that does not open the template is a section like any other.
    const later = template.replace('# Decision record template\n\n', '- Owner: {name}\n\n# Decision record template\n\n');
    const laterTemplate = createRepositoryTemplate(later, 'docs/decisions/template.md', familyNamed('madr'), 'decision');
    assert.equal(laterTemplate.template.sections[0]?.isTitle, false);
    assert.deepEqual(lines(later, lintText(later, { path: 'docs/decisions/0007-new.md', repositoryTemplates: [laterTemplate] }), 'empty-section'), [7]);
  });

  test("a title written inside the brackets of the template's title slot is the author's own", () => {
    const template = '# [title of solved problem and its solution]\n\n* Status: [proposed | accepted]\n\n## Context and Problem Statement\n\n[Describe the context.]\n\n## Considered Options\n\n* [option 1]\n\n## Decision Outcome\n\nChosen option: "[option 1]", because [justification].\n';
    const madr = createRepositoryTemplate(template, 'docs/decisions/adr-template.md', familyNamed('madr'), 'decision');
    const written = '# [Date Handling]\n\n* Status: accepted\n\n## Context and Problem Statement\n\nDates arrive in three formats.\n\n## Considered Options\n\n* Luxon\n\n## Decision Outcome\n\nChosen option: "Luxon", because it parses all three.\n';
    assert.deepEqual(lines(written, lintText(written, { path: 'docs/decisions/ADR-003-dates.md', repositoryTemplates: [madr] }), 'unfilled-placeholder'), []);
    // The template's own slot left as it is, and brackets elsewhere, are still placeholders.
    const unfilled = written.replace('# [Date Handling]', '# [title of solved problem and its solution]').replace('Dates arrive in three formats.', '[Describe the dates.]');
    assert.deepEqual(lines(unfilled, lintText(unfilled, { path: 'docs/decisions/ADR-003-dates.md', repositoryTemplates: [madr] }), 'unfilled-placeholder'), [1, 7]);
    // Without a repository template, a title in brackets that names no slot is the author's too;
    // one that says what to write is still a placeholder.
    assert.deepEqual(lines(written, lintText(written, { path: 'docs/decisions/ADR-003-dates.md' }), 'unfilled-placeholder'), []);
    const slot = written.replace('# [Date Handling]', '# [Short title of the decision]');
    assert.deepEqual(lines(slot, lintText(slot, { path: 'docs/decisions/ADR-003-dates.md' }), 'unfilled-placeholder'), [1]);
  });

  test('a section the family requires and the template has is missing-section’s to report, under a title too', () => {
    const template = '# {short title of the decision}\n\n## Context and Problem Statement\n\n{Describe the context.}\n\n## Considered Options\n\n* {option 1}\n\n## Decision Outcome\n\nChosen option: {option 1}.\n\n## More Information\n\n{Links.}\n';
    const madr = createRepositoryTemplate(template, 'docs/decisions/adr-template.md', familyNamed('madr'), 'decision');
    assert.deepEqual(madr.template.sections.filter((section) => section.required).map((section) => section.title), ['Context and Problem Statement', 'Considered Options', 'Decision Outcome']);
    const written = '# Keep albums in Postgres\n\n## Context and Problem Statement\n\nAlbums need a home.\n\n## Considered Options\n\n* Postgres\n* S3\n';
    const findings = lintText(written, { path: 'docs/decisions/0004-albums.md', repositoryTemplates: [madr] });
    // The outcome is missing; More Information is the template's, but the family lets it go.
    assert.deepEqual(findings.filter((finding) => finding.ruleId === 'missing-section').map((finding) => finding.data?.['section'] ?? finding.message), ['Decision Outcome']);
  });

  test("a section written under another title the family accepts for it is not missing: a decision's Consequences as Benefits", () => {
    const template = '# 1. Title\n\n## Status\n\n[Proposed, Accepted, Deprecated, Superseded]\n\n## Context\n\n## Decision\n\n## Consequences\n';
    const nygard = createRepositoryTemplate(template, 'docs/architecture/decisions/0000-ladr-template.md', familyNamed('nygard-adr'), 'decision');
    const written = '# 13. Remove the aggregator layer\n\n## Status\n\nApproved\n\n## Context\n\nTwo layers do one job.\n\n## Decision\n\nRemove one.\n\n## Benefits\n\nLess code.\n';
    const findings = lintText(written, { path: 'docs/architecture/decisions/0013-remove-aggregator.md', repositoryTemplates: [nygard] });
    assert.deepEqual(findings.map((finding) => `${finding.ruleId}: ${finding.message}`), []);
    const without = lintText(written.replace('## Benefits', '## Notes'), { path: 'docs/architecture/decisions/0013-remove-aggregator.md', repositoryTemplates: [nygard] });
    assert.deepEqual(without.filter((finding) => finding.ruleId === 'missing-section').map((finding) => finding.data?.['section']), ['Consequences']);
  });

  test('a sign-off the template asks every document to keep, a paragraph introducing a box to tick, is not its text left unchanged', () => {
    const signOff = 'Ticking the box below indicates that the public API of this RFC has been\nsigned-off by the API bar raiser:\n\n```\n[ ] Signed-off by API Bar Raiser @xxxxx\n```\n';
    const template = `# {RFC title}\n\n## Working Backwards\n\nWrite the README of the feature as it would be on launch day.\n\n---\n\n${signOff}\n## Public FAQ\n\n### What are we launching today?\n`;
    const rfc = createRepositoryTemplate(template, '0000-template.md', familyNamed('rfc'), 'rfc');
    const written = `# Construct Hub deny list\n\n## Working Backwards\n\nThe hub can now leave packages out.\n\n---\n\n${signOff.replace('[ ]', '[x]').replace('@xxxxx', '@reviewer')}\n## Public FAQ\n\n### What are we launching today?\n\nA deny list.\n`;
    const findings = lintText(written, { path: 'text/0359-construct-hub-deny-list.md', repositoryTemplates: [rfc] });
    assert.deepEqual(findings.map((finding) => `${finding.ruleId}: ${finding.message}`), []);
  });

  test("a page that follows none of its template's sections (an area's landing page beside its proposals) is not told what it misses", () => {
    const kep = templateOf('kep', 'keps/NNNN-template/README.md', 'kep', 'kep');
    const landing = '# datumctl\n\nThe command-line experience.\n\n## Enhancements\n\n- [Login](./login/README.md)\n';
    assert.deepEqual(lintText(landing, { path: 'keps/experiences/datumctl/README.md', repositoryTemplates: [kep] }).filter((finding) => finding.ruleId === 'missing-section'), []);
  });

  test('a paragraph of its instructions left in a section otherwise written is reported', () => {
    const kep = templateOf('kep', 'keps/NNNN-template/README.md', 'kep', 'kep');
    const text = fixture('kep', 'keps/sig-storage/4321-album-snapshots/README.md').replace(
      'A `Snapshot` object names its album and holds the ordered photo IDs.',
      'A `Snapshot` object names its album and holds the ordered photo IDs.\n\nDescribe the API changes and how the controller handles them.',
    );
    const findings = lintText(text, { path: 'keps/sig-storage/4321-album-snapshots/README.md', repositoryTemplates: [kep] });
    assert.deepEqual(
      findings.filter((finding) => finding.ruleId === 'template-text-unchanged').map((finding) => [text.slice(0, finding.range.start).split('\n').length, finding.data?.['kind']]),
      [[28, 'paragraph']],
    );
    // The finished document as it is has nothing of the template left.
    const finished = fixture('kep', 'keps/sig-storage/4321-album-snapshots/README.md');
    assert.deepEqual(lintText(finished, { path: 'keps/sig-storage/4321-album-snapshots/README.md', repositoryTemplates: [kep] }), []);
  });

  test('a document of another family or kind, or one naming a Specwright template, does not follow it', () => {
    const rfc = templateOf('rust-rfc', '0000-template.md', 'rfc', 'rfc');
    const text = fixture('rust-rfc', '0000-template.md');
    assert.deepEqual(lines(text, lintText(text, { path: 'docs/decisions/0002-new.md', repositoryTemplates: [rfc] }), 'template-text-unchanged'), []);
    const named = `---\nspecwright: technical-design\n---\n${text}`;
    assert.deepEqual(lines(named, lintText(named, { path: 'text/0002-new.md', repositoryTemplates: [rfc] }), 'template-text-unchanged'), []);
  });

  test("adr-tools' template, kept in a templates folder inside the decisions' folder, is the family's template and the decisions there follow it", async () => {
    const root = join(FIXTURES, 'adr-tools-templates');
    const path = 'doc/architecture/decisions/templates/template.md';
    const text = fixture('adr-tools-templates', path);
    assert.deepEqual(identify(text, path), { family: 'nygard-adr', kind: 'decision', templateFile: 'path' });
    assert.deepEqual(identify(text, 'doc/adr/templates/template.md'), { family: 'nygard-adr', kind: 'decision', templateFile: 'path' });
    // Another file of that folder is a template too, of nobody's documents (a folder of templates names its files); its README is not.
    assert.equal(identify(text, 'doc/architecture/decisions/templates/notes.md')?.templateFile, 'name only');
    assert.equal(identify(text, 'doc/architecture/decisions/templates/README.md')?.templateFile, undefined);
    // A template.md in a templates folder elsewhere is nobody's.

    assert.equal(identify(text, 'website/templates/template.md')?.templateFile, 'name only');
    const found = await repositoryTemplatesFor(root, 'doc/architecture/decisions/0002-new.md', families);
    assert.deepEqual(found.map((template) => [template.path, template.family, template.kind]), [[path, 'nygard-adr', 'decision']]);
    // A decision started from it and left so: its tokens and its one-line questions are the template's text.
    const findings = lintText(text, { path: 'doc/architecture/decisions/0002-new.md', repositoryTemplates: found });
    const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
    assert.deepEqual(
      findings.filter((finding) => finding.ruleId === 'template-text-unchanged').map((finding) => [lineOf(finding.range.start), lineOf(finding.range.end)]),
      [[1, 1], [3, 6], [10, 10], [14, 14], [18, 18], [22, 22]],
    );
    const written = fixture('adr-tools-templates', 'doc/architecture/decisions/0001-keep-thumbnails-in-object-storage.md');
    assert.deepEqual(lintText(written, { path: 'doc/architecture/decisions/0001-keep-thumbnails-in-object-storage.md', repositoryTemplates: found }), []);
  });

  test("a template kept where adr-tools keeps its own, written with MADR's headings, is MADR's template, and MADR decisions started from it follow it", () => {
    const path = 'docs/decisions/templates/template.md';
    const text = '# NUMBER. TITLE\n\nDate: DATE\n\n## Context and Problem Statement\n\nThe issue motivating this decision.\n\n## Decision Drivers\n\n- Driver 1: Description of the driver.\n\n## Considered Options\n\n- Option 1: Description of the option\n\n## Decision Outcome\n\nThe change that we are proposing.\n';
    assert.deepEqual(identify(text, path), { family: 'madr', kind: 'decision', templateFile: 'path' });
    // adr-tools' own template there is still Nygard's.
    assert.equal(identify(fixture('adr-tools-templates', 'doc/architecture/decisions/templates/template.md'), path)?.family, 'nygard-adr');
    const template = createRepositoryTemplate(text, path, familyNamed('madr'), 'decision');
    const findings = lintText(text, { path: 'docs/decisions/0002-new.md', repositoryTemplates: [template] });
    assert.ok(findings.filter((finding) => finding.ruleId === 'template-text-unchanged').length >= 3, 'a copy left unchanged is told so');
  });

  test('a KEP template kept outside keps/ (proposals/NNNN-template/README.md) is named by its folder and serves the proposals beside it', async () => {
    const root = join(FIXTURES, 'kep-elsewhere');
    const path = 'docs/proposals/NNNN-template/README.md';
    assert.deepEqual(identify(fixture('kep-elsewhere', path), path), { family: 'kep', kind: 'kep', templateFile: 'name only' });
    const found = await repositoryTemplatesFor(root, 'docs/proposals/0042-albums/README.md', families);
    assert.deepEqual(found.map((template) => [template.path, template.family, template.kind]), [[path, 'kep', 'kep']]);
    // A proposal started from it and left so is told what is still the template's.
    const text = fixture('kep-elsewhere', path);
    const findings = lintText(text, { path: 'docs/proposals/0042-albums/README.md', repositoryTemplates: found });
    assert.ok(findings.some((finding) => finding.ruleId === 'template-text-unchanged'), 'template text left in a copy is reported');
    // A README in a folder that is not named as a template is a document.
    assert.equal(identify(text, 'docs/proposals/0042-albums/README.md')?.templateFile, undefined);
  });

  test("a template in a templates folder at the top of the repository serves the family's documents kept elsewhere", async () => {
    const root = join(FIXTURES, 'templates-folder');
    const path = 'templates/adr-template.md';
    const found = await repositoryTemplatesFor(root, 'docs/0004-pin-runtime-versions.md', families);
    assert.deepEqual(found.map((template) => [template.path, template.family, template.kind]), [[path, 'nygard-adr', 'decision']]);
    // A decision written to it (its `Current Context` for the family's `Context`) is not told it misses a section.
    const written = fixture('templates-folder', 'docs/0004-pin-runtime-versions.md');
    assert.deepEqual(lintText(written, { path: 'docs/0004-pin-runtime-versions.md', repositoryTemplates: found }).map((finding) => finding.ruleId), []);
    assert.ok(lintText(written, { path: 'docs/0004-pin-runtime-versions.md' }).some((finding) => finding.ruleId === 'missing-family-section'), 'without its template, the family is the measure');
    // One started from it and left so is told, section by section.
    const copy = fixture('templates-folder', path);
    const findings = lintText(copy, { path: 'docs/0005-new.md', repositoryTemplates: found });
    assert.deepEqual(lines(copy, findings, 'template-text-unchanged'), [3, 7, 11, 15, 19, 23]);
    // Its `# Title` is a slot, in every family.
    assert.deepEqual(lines(copy, findings, 'unfilled-placeholder'), [1]);
  });

  test('a document in a folder no family keeps, following the template kept beside it, is of the template’s family and checked against it', async () => {
    const root = join(FIXTURES, 'design-folder');
    const found = await repositoryTemplatesFor(root, 'docs/design/0009-new.md', families);
    assert.deepEqual(found.map((template) => [template.path, template.family, template.kind]), [['docs/design/0000-template.md', 'rfc', 'rfc']]);
    // A copy left as the template has it: its front matter's title, its guidance, its month mask and its title.
    const copy = fixture('design-folder', 'docs/design/0000-template.md');
    const findings = lintText(copy, { path: 'docs/design/0009-new.md', repositoryTemplates: found });
    assert.deepEqual(lines(copy, findings, 'template-text-unchanged'), [3, 8, 12, 16, 20, 24, 28]);
    assert.deepEqual(lines(copy, findings, 'unfilled-placeholder'), [5]);
    // Without the template, the folder is nobody's and the copy's text is not known for the template's.
    assert.deepEqual(lines(copy, lintText(copy, { path: 'docs/design/0009-new.md' }), 'template-text-unchanged'), []);
    // One written to it is clean; a note beside it that follows none of its headings is not told it misses them.
    for (const path of ['docs/design/0003-retry-budget.md', 'docs/design/0004-pool-notes.md']) {
      assert.deepEqual(lintText(fixture('design-folder', path), { path, repositoryTemplates: found }).map((finding) => finding.ruleId), [], path);
    }
  });

  test("a template kept in a folder of its process's guidelines beside the documents' folders serves them (Jupyter's proposal guidelines)", async () => {
    const root = join(FIXTURES, 'proposal-guidelines');
    const path = 'proposal-guidelines/PROPOSAL-TEMPLATE.md';
    const found = await repositoryTemplatesFor(root, '013-new/new.md', families);
    assert.deepEqual(found.map((template) => [template.path, template.family, template.kind, template.anyFamily]), [[path, 'rfc', 'rfc', undefined]]);
    // A proposal started from it and left so is told, section by section; its title is a slot.
    const copy = fixture('proposal-guidelines', path);
    const findings = lintText(copy, { path: '013-new/new.md', repositoryTemplates: found });
    assert.deepEqual(lines(copy, findings, 'template-text-unchanged'), [5, 9, 13, 17, 21, 25, 29]);
    // One written to it is clean.
    const written = fixture('proposal-guidelines', '012-faster-startup/faster-startup.md');
    assert.deepEqual(lintText(written, { path: '012-faster-startup/faster-startup.md', repositoryTemplates: found }).map((finding) => finding.ruleId), []);
    // The guidelines' README, which names the template, is not a template.
    assert.ok(!found.some((template) => template.path.endsWith('README.md')));
  });

  test('a file in a templates folder is a template whatever its name, and a document started from it follows it (Dapr’s templates/proposal.md)', async () => {
    const root = join(FIXTURES, 'proposals-repo');
    const path = 'templates/proposal.md';
    assert.equal(identify(fixture('proposals-repo', path), path)?.templateFile, 'name only');
    assert.deepEqual(lintText(fixture('proposals-repo', path), { path }), []);
    // Among a family's documents (`docs/proposals/`), it is that family's template, named by its folder.
    const kept = 'docs/proposals/templates/proposal.md';
    assert.equal(identify(fixture('proposals-repo', path), kept)?.templateFile, 'folder name');
    assert.deepEqual(lintText(fixture('proposals-repo', path), { path: kept }), []);
    assert.equal(identify(fixture('proposals-repo', 'templates/README.md'), 'docs/proposals/templates/README.md')?.templateFile, undefined);
    // The folder's README says how to use it: it is no template.
    const found = await repositoryTemplatesFor(root, '20250401-new.md', families);
    assert.deepEqual(found.map((template) => template.path), [path]);
    const copy = fixture('proposals-repo', path);
    const findings = lintText(copy, { path: '20250401-new.md', repositoryTemplates: found });
    assert.deepEqual(lines(copy, findings, 'template-text-unchanged'), [1, 8, 12, 16]);
    assert.deepEqual(lines(copy, findings, 'unfilled-placeholder'), [3, 4]);
    // A change to it on disk makes the server read the templates again; one to the folder's README does not.
    assert.equal(isRepositoryTemplateFile('file:///home/dana/proposals/templates/proposal.md'), true);
    assert.equal(isRepositoryTemplateFile('file:///home/dana/proposals/templates/README.md'), false);
    assert.equal(isRepositoryTemplateFile('file:///home/dana/proposals/20250301-bulk-publish.md'), false);
    const written = '20250301-bulk-publish.md';
    assert.deepEqual(lintText(fixture('proposals-repo', written), { path: written, repositoryTemplates: found }).map((finding) => finding.ruleId), []);
  });

  test("a template kept in the repository's docs folder, apart from the decisions, serves only the decisions that follow its headings", async () => {
    const root = join(FIXTURES, 'docs-folder');
    const path = 'docs/adr_template.md';
    const found = await repositoryTemplatesFor(root, 'decisions/0004-new.md', families);
    assert.deepEqual(found.map((template) => [template.path, template.family, template.kind, template.nearby]), [[path, 'nygard-adr', 'decision', true]]);
    // A decision started from it and left so is told, its title and section by section.
    const copy = fixture('docs-folder', path);
    const findings = lintText(copy, { path: 'decisions/0004-new.md', repositoryTemplates: found });
    assert.deepEqual(lines(copy, findings, 'template-text-unchanged'), [1, 9, 13, 17]);
    // One written to it is clean; the folder's README, which follows none of its headings, is not measured against it.
    for (const written of ['decisions/0003-one-repository-per-package.md', 'decisions/README.md']) {
      assert.deepEqual(lintText(fixture('docs-folder', written), { path: written, repositoryTemplates: found }).map((finding) => finding.ruleId), [], written);
    }
  });

  test("the series' document numbered zero is its template, and a copy keeps its copyright section as the template words it", async () => {
    const template = '# CEP 0 - A short title\n\n## Abstract\n\nA short description of the change being addressed.\n\n## Specification\n\nThe technical details of the proposed change.\n\n## Copyright\n\nAll CEPs are explicitly CC0 1.0 Universal.\n';
    assert.equal(identify(template, 'cep-0000.md')?.templateFile, 'name only');
    assert.equal(identify(template, 'cep-0022.md')?.templateFile, undefined);
    // A series that numbers its first document zero with fewer digits (`spec-00.md`) holds no template.
    assert.equal(identify(template, 'specs/spec-00.md')?.templateFile, undefined);
    const found = [createRepositoryTemplate(template, 'cep-0000.md', familyNamed('specwright'), 'spec', undefined, { anyFamily: true })];
    // A copy left as it is: its title and sections, but not the rights every CEP is published under.
    const findings = lintText(template, { path: 'cep-0023.md', repositoryTemplates: found });
    assert.deepEqual(lines(template, findings, 'template-text-unchanged'), [1, 5, 9]);
  });

  test("a file numbered as the series' first document and named for the kind's template is its template when it holds slots of its own", async () => {
    const words = familyNamed('proposal').templateFiles?.words ?? [];
    for (const name of ['docs/proposals/001-proposal-template.md', '0001-adr-template.md', '01-template.md', '0002-rfc-template-de.md', '001-design-proposal-template.md']) {
      assert.equal(numberedTemplateName(name, words), true, name);
    }
    // A subject that mentions a template, a number of zeros (namesTemplate's), a template word that is not the last.
    for (const name of ['0005-use-the-adr-template.md', '0001-template-engine.md', '0000-template.md', '001-proposal.md', 'proposal-template.md', '0003-adr-template-choice.md']) {
      assert.equal(numberedTemplateName(name, words), false, name);
    }
    const root = join(FIXTURES, 'numbered-template');
    const path = 'docs/proposals/001-proposal-template.md';
    const template = fixture('numbered-template', path);
    assert.equal(identify(template, path)?.templateFile, 'file name and slots');
    // The decision that adopted a template, named for it, holds no slot: a document, checked as one.
    assert.equal(identify(fixture('numbered-template', 'docs/adr/0001-adr-template.md'), 'docs/adr/0001-adr-template.md')?.templateFile, undefined);
    assert.deepEqual(
      lintText(fixture('numbered-template', 'docs/adr/0001-adr-template.md'), { path: 'docs/adr/0001-adr-template.md' }).map((finding) => finding.ruleId),
      [],
    );
    const found = await repositoryTemplatesFor(root, 'docs/proposals/004-new.md', families);
    assert.deepEqual(found.map((template) => template.path), [path]);
    assert.deepEqual(await repositoryTemplatesFor(root, 'docs/adr/0003-new.md', families).then((templates) => templates.map((template) => template.path)), []);
    // A copy left as it is: the front matter's title, the title and every section.
    assert.deepEqual(lines(template, lintText(template, { path: 'docs/proposals/004-new.md', repositoryTemplates: found }), 'template-text-unchanged'), [2, 10, 12, 16, 20, 24, 28]);
    // A proposal that kept the template's title in its front matter and one section is told of both; one written out is clean.
    const kept = fixture('numbered-template', 'docs/proposals/002-album-export.md');
    assert.deepEqual(lines(kept, lintText(kept, { path: 'docs/proposals/002-album-export.md', repositoryTemplates: found }), 'template-text-unchanged'), [2, 24]);
    const written = 'docs/proposals/003-shared-albums.md';
    assert.deepEqual(lintText(fixture('numbered-template', written), { path: written, repositoryTemplates: found }).map((finding) => finding.ruleId), []);
  });

  test("a file's licence header, kept in a comment as every file of the repository keeps it, is not guidance left", () => {
    const header = '<!--\nCopyright The Album Contributors\n\nSPDX-License-Identifier: Apache-2.0\n-->\n\n';
    const template = header + '# Proposal title\n\n## Summary\n\n<!-- Say what the proposal adds, in one paragraph the release notes can use. -->\n';
    const found = [createRepositoryTemplate(template, 'docs/proposals/0000-template.md', familyNamed('proposal'), 'proposal')];
    const written = header + '# Build runtime class\n\n## Summary\n\nBuilds may name the runtime class their pods run under.\n';
    assert.deepEqual(lintText(written, { path: 'docs/proposals/0040-build-runtime-class.md', repositoryTemplates: found }).map((finding) => finding.ruleId), []);
    // The template's guidance comment is still told where it is left.
    const left = header + '# Build runtime class\n\n## Summary\n\n<!-- Say what the proposal adds, in one paragraph the release notes can use. -->\n\nBuilds may name the runtime class.\n';
    assert.deepEqual(lines(left, lintText(left, { path: 'docs/proposals/0040-build-runtime-class.md', repositoryTemplates: found }), 'leftover-guidance'), [11]);
  });

  test("a kit that keeps its template's purpose lines in every document is still told of the template's sample lists left in its sections", () => {
    const template = [
      '# Research & Design Decisions',
      '',
      '**Purpose**: Record what discovery found and why the design chose as it did.',
      '',
      '**Usage**:',
      '',
      '- Log each investigation and its outcome.',
      '- Keep trade-offs too detailed for the design here.',
      '',
      '## Summary',
      '',
      '- **Feature**: `<feature-name>`',
      '',
      '## Risks & Mitigations',
      '',
      '- Risk 1 — how it is kept small',
      '- Risk 2 — how it is kept small',
      '',
    ].join('\n');
    const path = '.kiro/settings/templates/specs/research.md';
    const found = [createRepositoryTemplate(template, path, familyNamed('kiro'), 'research')];
    // Purpose and usage kept, as the kit's finished logs keep them: nothing to report.
    const finished = template.replace('`<feature-name>`', '`album-export`').replace(/- Risk 1[^\n]*\n- Risk 2[^\n]*/, '- Large albums tie up the workers — a queue of their own, with a size cap');
    assert.deepEqual(lintText(finished, { path: '.kiro/specs/album-export/research.md', repositoryTemplates: found }).map((finding) => finding.ruleId), []);
    // The sample risks left as they are: reported, the purpose and usage still not.
    const left = template.replace('`<feature-name>`', '`album-export`');
    assert.deepEqual(lines(left, lintText(left, { path: '.kiro/specs/album-export/research.md', repositoryTemplates: found }), 'template-text-unchanged'), [16]);
  });

  test("a decision series' `adr-000.md` is its template: a decision that leaves out a section it does not hold is not told so, and a notice every copy keeps is not unchanged text", async () => {
    const template =
      '# ADR-000: [Short Title]\n\n> **Note:** This decision reflects the discussion as of its date.\n\n## Status\n\nProposed\n\n## Context\n\nWhat is the issue we are facing?\n\n## Decision\n\nWhat are we going to do? Be specific and concrete.\n';
    assert.notEqual(identify(template, 'docs/adr/adr-000.md')?.templateFile, undefined);
    const found = [createRepositoryTemplate(template, 'docs/adr/adr-000.md', familyNamed('nygard-adr'), 'decision')];
    const written =
      '# ADR-032: Decide by default\n\n> **Note:** This decision reflects the discussion as of its date.\n\n## Status\n\nAccepted\n\n## Context\n\nReviews stall on small choices.\n\n## Decision\n\nThe author decides; reviewers may object within a day.\n';
    assert.deepEqual(lintText(written, { path: 'docs/adr/adr-032-decide-by-default.md', repositoryTemplates: found }).map((finding) => `${finding.ruleId}: ${finding.message}`), []);
    // Without it, Nygard's own outline asks for the Consequences the team's template does not hold.
    assert.deepEqual(lintText(written, { path: 'docs/adr/adr-032-decide-by-default.md' }).map((finding) => finding.ruleId), ['missing-family-section']);
    // A copy left as it is: its context and decision, but not the notice, nor its status, `Proposed` as a new decision's is.
    assert.deepEqual(lines(template, lintText(template, { path: 'docs/adr/adr-033.md', repositoryTemplates: found }), 'template-text-unchanged'), [11, 15]);
  });

  test('a template of no family’s shape, named as one in a guidelines folder, serves only the documents that follow its headings', async () => {
    const root = join(FIXTURES, 'design-guidelines');
    const path = 'guidelines/design_template.md';
    const found = await repositoryTemplatesFor(root, 'designs/new-design.md', families);
    assert.deepEqual(found.map((template) => [template.path, template.anyFamily]), [[path, true]]);
    // A design started from it and left so: its guidance in each section, and its title.
    const copy = fixture('design-guidelines', path);
    const findings = lintText(copy, { path: 'designs/new-design.md', repositoryTemplates: found });
    assert.deepEqual(lines(copy, findings, 'template-text-unchanged'), [1, 3, 7, 11, 15, 19, 23]);
    // Without it the same copy's guidance is not known for a template's.
    assert.deepEqual(lines(copy, lintText(copy, { path: 'designs/new-design.md' }), 'template-text-unchanged'), []);
    // One written to it is clean; notes that follow none of its headings are not told what they miss.
    for (const written of ['designs/cache-warming.md', 'designs/meeting-notes.md']) {
      assert.deepEqual(lintText(fixture('design-guidelines', written), { path: written, repositoryTemplates: found }).map((finding) => finding.ruleId), [], written);
    }
  });

  test('an RFC template kept as a folder with a file named as the folder (0000-template/0000-template.md) serves the RFCs kept the same way', async () => {
    const root = join(FIXTURES, 'rfc-folders');
    const path = '0000-template/0000-template.md';
    const found = await repositoryTemplatesFor(root, 'rfcs/0037-new-rule/0037-new-rule.md', families);
    assert.deepEqual(found.map((template) => [template.path, template.family, template.kind]), [[path, 'rfc', 'rfc']]);
    // An RFC started from it and left so: its title and the choices in its front matter are still the template's.
    const copy = fixture('rfc-folders', path);
    const findings = lintText(copy, { path: 'rfcs/0037-new-rule/0037-new-rule.md', repositoryTemplates: found });
    assert.deepEqual(lines(copy, findings, 'template-text-unchanged'), [9]);
    // Line 5 is `Author: Your Name <your@email.com>`: the template's example person, twice.
    assert.deepEqual(lines(copy, findings, 'unfilled-placeholder'), [3, 4, 5, 5, 6]);
    // One written out is not.
    const written = fixture('rfc-folders', 'rfcs/0036-header-deps/0036-header-deps.md');
    const clean = lintText(written, { path: 'rfcs/0036-header-deps/0036-header-deps.md', repositoryTemplates: found });
    assert.deepEqual(clean.filter((finding) => ['template-text-unchanged', 'unfilled-placeholder', 'empty-section'].includes(finding.ruleId)), []);
  });

  test("a team's Kiro template writes its slots in braces: a copy still holding them reports each, a written design's interpolations are not", () => {
    const template = [
      '# Design: {feature-name}',
      '',
      '## Overview',
      '',
      '{Describe the overall architecture and data flow}',
      '',
      '## Components',
      '',
      '| Component | Why |',
      '|---|---|',
      '| {Component 1} | {Justification} |',
      '',
      '- `{path/to/new/file}.ts` — {description}',
      '',
    ].join('\n');
    assert.equal(identify(template, '.kiro/templates/design.md')?.templateFile, 'path');
    // Kept as a feature folder of its own among the specs, a team's templates are the repository's too.
    assert.deepEqual(identify(template, '.kiro/specs/templates/design-template.md'), { family: 'kiro', kind: 'design', templateFile: 'path' });
    assert.equal(identify(template, '.kiro/specs/templates/requirements.md')?.templateFile, 'path');
    assert.deepEqual(identify(template, '.kiro/specs/_template/design.md'), { family: 'kiro', kind: 'design', templateFile: 'path' });
    const kiro = createRepositoryTemplate(template, '.kiro/templates/design.md', familyNamed('kiro'), 'design');
    const slots = (text: string) =>
      lintText(text, { path: '.kiro/specs/search/design.md', repositoryTemplates: [kiro] })
        .filter((finding) => finding.ruleId === 'unfilled-placeholder')
        .map((finding) => text.slice(finding.range.start, finding.range.end));
    assert.deepEqual(slots(template), ['{feature-name}', '{Describe the overall architecture and data flow}', '{Component 1}', '{Justification}', '{path/to/new/file}', '{description}']);
    const written = template
      .replace('{feature-name}', 'Search')
      .replace('{Describe the overall architecture and data flow}', 'Queries go to `/search/{index}` and results are cached.')
      .replace('| {Component 1} | {Justification} |', '| Indexer | Builds {shard} files per index |')
      .replace('`{path/to/new/file}.ts` — {description}', '`src/search.ts` — the query parser');
    assert.deepEqual(slots(written), []);
    // A slot of a sentence or two: `{One-paragraph overview of the feature. Describe what it achieves, who uses it, and why.}`
    const long = '# Design: Search\n\n## Overview\n\n{One-paragraph overview of the feature. Describe what it achieves, who uses it, and why it is needed.}\n';
    const longTemplate = createRepositoryTemplate(long, '.kiro/templates/design.md', familyNamed('kiro'), 'design');
    assert.deepEqual(
      lintText(long, { path: '.kiro/specs/search/design.md', repositoryTemplates: [longTemplate] })
        .filter((finding) => finding.ruleId === 'unfilled-placeholder')
        .map((finding) => long.slice(finding.range.start, finding.range.end)),
      ['{One-paragraph overview of the feature. Describe what it achieves, who uses it, and why it is needed.}'],
    );
  });

  test("a template's diagram of bracketed boxes, a notation it introduces and a route's parameter in its code are not slots a copy keeps", () => {
    const template = [
      '# Design: {Feature Name}',
      '',
      '## Architecture',
      '',
      '```',
      '[Frontend] → [Backend API] → [Service]',
      '# [REMOVE IF UNUSED] Option 1',
      '```',
      '',
      'EARS notation: `WHEN [condition/event] THE SYSTEM SHALL [expected behavior]`',
      '',
      '- [ ] No dynamic routes (`/[id]/` prohibited); models in `src/models/[entity].py`',
      '',
    ].join('\n');
    const kiro = createRepositoryTemplate(template, '.kiro/specs/_template/design.md', familyNamed('kiro'), 'design');
    const slots = lintText(template, { path: '.kiro/specs/search/design.md', repositoryTemplates: [kiro] })
      .filter((finding) => finding.ruleId === 'unfilled-placeholder')
      .map((finding) => template.slice(finding.range.start, finding.range.end));
    assert.deepEqual(slots, ['{Feature Name}', '[REMOVE IF UNUSED]', '[entity]']);
  });

  test("a template's quoted guidance left in a copy is its text unchanged, also in a section whose fields are still slots", () => {
    const template = [
      '# {RFC_TITLE}',
      '',
      '* **Original Author(s):**: @{AUTHOR}',
      '',
      '> Write one sentence which is a brief description of the feature. It should describe:',
      '>',
      '> * What is the user pain we are solving?',
      '',
      '## Working Backwards',
      '',
      'We wrote this.',
      '',
    ].join('\n');
    const rfc = createRepositoryTemplate(template, '0000-template.md', familyNamed('rfc'), 'rfc');
    const findings = lintText(template, { path: 'text/0042-new.md', repositoryTemplates: [rfc] });
    assert.deepEqual(lines(template, findings, 'unfilled-placeholder'), [1, 3]);
    assert.deepEqual(lines(template, findings, 'template-text-unchanged'), [5, 11], 'the quote, and the section below still the template\'s');
    const written = template.replace(/> Write[^]*?solving\?\n/, 'Deploys take an hour; this makes them take a minute.\n');
    assert.deepEqual(lines(written, lintText(written, { path: 'text/0042-new.md', repositoryTemplates: [rfc] }), 'template-text-unchanged'), [9], 'only the section below, two lines up');
  });

  test("an RFC template's date mask in a code span is a slot a copy still holds; a written date is not", () => {
    const template = '# (Feature Name Goes Here)\n\n- Start Date: `YYYY-MM-DD`\n\n# Summary\n\nOne paragraph explanation of the feature.\n\n# Motivation\n\nWhy are we doing this?\n';
    const rfc = createRepositoryTemplate(template, '0000-template.md', familyNamed('rfc'), 'rfc');
    const slots = (text: string) => lintText(text, { path: 'text/0016-new.md', repositoryTemplates: [rfc] }).filter((finding) => finding.ruleId === 'unfilled-placeholder').map((finding) => text.slice(finding.range.start, finding.range.end));
    assert.deepEqual(slots(template), ['YYYY-MM-DD']);
    const written = template.replace('YYYY-MM-DD', '2024-05-01').replace('(Feature Name Goes Here)', 'Relay servers').replace('One paragraph explanation of the feature.', 'Clients reach each other through relays.').replace('Why are we doing this?', 'Direct connections fail behind NAT.');
    assert.deepEqual(slots(written), []);
  });

  test('is found in the document’s folder or a folder above it, nearest first, and read only inside the workspace', async () => {
    const rfc = await repositoryTemplatesFor(join(FIXTURES, 'rust-rfc'), 'text/0002-new.md', families);
    assert.deepEqual(rfc.map((template) => [template.path, template.family, template.kind]), [['0000-template.md', 'rfc', 'rfc']]);
    const kep = await repositoryTemplatesFor(join(FIXTURES, 'kep'), 'keps/sig-storage/5555-new/README.md', families);
    assert.deepEqual(kep.map((template) => template.path), ['keps/NNNN-template/README.md']);
    const madr = await repositoryTemplatesFor(join(FIXTURES, 'madr'), 'docs/decisions/0002-new.md', families);
    assert.deepEqual(madr.map((template) => [template.path, template.family]), [['docs/decisions/adr-template.md', 'madr']]);
    // The template itself is not offered to itself.
    assert.deepEqual(await repositoryTemplatesFor(join(FIXTURES, 'madr'), 'docs/decisions/adr-template.md', families), []);
    assert.deepEqual(await repositoryTemplatesFor(join(FIXTURES, 'madr'), 'missing/folder/doc.md', families), []);
  });

  test("a header field's instruction in parentheses, kept as the template has it, is a slot", () => {
    const templateText = '# Title (Ex. 0000: HIPE Topic)\n- Author: (your name and/or email)\n- Status Date: (date of first submission or last status change)\n- Status Note: (explanation of current status; if adopted, \n  links to impls)\n\n## Summary\n\nOne paragraph explanation of the feature.\n\n## Motivation\n\nWhy are we doing this?\n\n## Tutorial\n\nExplain the proposal.\n\n## Drawbacks\n\nWhy should we not do this?\n';
    const hipe = createRepositoryTemplate(templateText, '0000-template.md', familyNamed('rfc'), 'rfc');
    const text = '# 0033: Basic message\n- Author: Sam Curren\n- Status Date: (date of first submission or last status change)\n- Status Note: (explanation of current status; if adopted, \n  links to impls)\n- Status Date: (2019-01-16)\n\n## Summary\n\nMessages between agents.\n\n## Motivation\n\nAgents need to talk.\n\n## Tutorial\n\nSend a message.\n\n## Drawbacks\n\nNone known.\n';
    const found = lintText(text, { path: 'text/0033-basic-message/README.md', repositoryTemplates: [hipe] }).filter((finding) => finding.ruleId === 'unfilled-placeholder');
    assert.deepEqual(found.map((finding) => text.slice(finding.range.start, finding.range.end)), ['(date of first submission or last status change)', '(explanation of current status; if adopted,']);
    // After a sample address, or holding parentheses of its own (salsa's RFC template).
    const salsa = createRepositoryTemplate('# Description/title\n\n## Metadata\n\n* Author: (Github username(s) or real names, as you prefer)\n* Introduced in: https://github.com/salsa-rs/salsa/pull/1 (please update once you open your PR)\n* ID: `0000-my-feature` (fill me in with a unique ident)\n* State: **REVIEW** (possible states are: **REVIEW**, **ACCEPTED** and **REJECTED**)\n\n## Summary\n\nSummarize the effects of the RFC.\n\n## Motivation\n\nWhy do this?\n', 'book/src/rfcs/template.md', familyNamed('rfc'), 'rfc');
    const kept = '# Interning\n\n## Metadata\n\n* Author: (Github username(s) or real names, as you prefer)\n* Introduced in: https://github.com/salsa-rs/salsa/pull/1 (please update once you open your PR)\n* ID: `0000-my-feature` (fill me in with a unique ident)\n* State: **REVIEW** (possible states are: **REVIEW**, **ACCEPTED** and **REJECTED**)\n\n## Summary\n\nIntern values.\n\n## Motivation\n\nSpeed.\n';
    assert.deepEqual(
      lintText(kept, { path: 'book/src/rfcs/0002-interning.md', repositoryTemplates: [salsa] }).filter((finding) => finding.ruleId === 'unfilled-placeholder').map((finding) => kept.slice(finding.range.start, finding.range.end)),
      ['(Github username(s) or real names, as you prefer)', 'https://github.com/salsa-rs/salsa/pull/1 (please update once you open your PR)', '`0000-my-feature` (fill me in with a unique ident)'],
    );
    // A value the template gives, explained in parentheses, is a value: an RFC in review keeps `**REVIEW**`.
    // Without the repository's template, a value in parentheses is the author's.
    assert.deepEqual(lintText(text, { path: 'text/0033-basic-message/README.md' }).filter((finding) => finding.ruleId === 'unfilled-placeholder'), []);
  });
});
