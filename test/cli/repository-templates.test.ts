import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { scratch, specwright } from './helpers';

// `specwright lint` in workspaces laid out as MADR, adr-tools, Rust-style RFC and KEP
// repositories, each with its own template beside its documents: the template is clean
// (it is meant to hold slots), and a document started by copying it is checked against it.
const FIXTURES = resolve(__dirname, '../fixtures/repository-templates');

interface JsonLint {
  files: { path: string; findings: { ruleId: string; line: number; message: string; data?: Record<string, unknown> }[] }[];
}

const REPOSITORIES = [
  { name: 'madr', template: 'docs/decisions/adr-template.md', document: 'docs/decisions/0001-keep-albums-in-postgres.md', copy: 'docs/decisions/0002-new-decision.md' },
  { name: 'adr-tools', template: 'doc/adr/template.md', document: 'doc/adr/0001-record-architecture-decisions.md', copy: 'doc/adr/0002-new-decision.md' },
  { name: 'rust-rfc', template: '0000-template.md', document: 'text/0001-album-sharing.md', copy: 'text/0002-new-proposal.md' },
  { name: 'kep', template: 'keps/NNNN-template/README.md', document: 'keps/sig-storage/4321-album-snapshots/README.md', copy: 'keps/sig-storage/5555-new-proposal/README.md' },
] as const;

/** The rules that report what a document started from a template left as the template has it. */
const LEFT_AS_IS = new Set(['unfilled-placeholder', 'template-text-unchanged', 'leftover-guidance', 'empty-section']);

async function lint(root: string, files: readonly string[]): Promise<JsonLint> {
  const result = await specwright(['lint', '--format', 'json', ...files], { cwd: root });
  assert.ok(result.code === 0 || result.code === 1, result.stdout + result.stderr);
  return JSON.parse(result.stdout) as JsonLint;
}

describe("specwright lint in repositories that keep their own template", () => {
  for (const repository of REPOSITORIES) {
    test(`${repository.name}: the template and a finished document are clean; a copy of the template is not`, async () => {
      const root = scratch(join(FIXTURES, repository.name));
      const clean = await lint(root, [repository.template, repository.document]);
      assert.deepEqual(clean.files.flatMap((file) => file.findings.map((finding) => `${file.path}:${finding.line} ${finding.ruleId}: ${finding.message}`)), []);

      mkdirSync(dirname(join(root, repository.copy)), { recursive: true });
      copyFileSync(join(root, repository.template), join(root, repository.copy));
      const copy = await lint(root, [repository.copy]);
      const rules = new Set(copy.files.flatMap((file) => file.findings.map((finding) => finding.ruleId)));
      assert.ok(rules.has('template-text-unchanged'), `template-text-unchanged on the copy: ${[...rules].join(', ')}`);
      // Every section of the copy is reported, at its heading or in it: nothing left as the template has it goes unsaid.
      const text = readFileSync(join(root, repository.copy), 'utf8').split('\n');
      const headings = text.flatMap((line, index) => (/^#{2,} /.test(line) ? [index + 1] : []));
      const reported = (copy.files[0]?.findings ?? []).filter((finding) => LEFT_AS_IS.has(finding.ruleId)).map((finding) => finding.line);
      for (const [i, heading] of headings.entries()) {
        const end = headings[i + 1] ?? text.length + 1;
        assert.ok(reported.some((line) => line >= heading && line < end), `${repository.copy}: nothing reported in the section on line ${heading}`);
      }
    });
  }

  test('an RFC started from the template and partly written: what is still the template’s is reported, section by section', async () => {
    const root = scratch(join(FIXTURES, 'rust-rfc'));
    const template = readFileSync(join(root, '0000-template.md'), 'utf8');
    const written = template
      .replace('(a unique name in snake case, such as `album_sharing`)', '`album_export`')
      .replace("(today's date, YYYY-MM-DD)", '2026-11-02')
      .replace('Say in one paragraph what the change is.', 'Owners can export an album as a zip file.')
      .replace(
        'Explain the problem this change solves and who has it, with an example of each use case.',
        'People who leave the service want their albums in order.\n\nExplain the problem this change solves and who has it, with an example of each use case.',
      );
    writeFileSync(join(root, 'text/0002-album-export.md'), written);
    const report = await lint(root, ['text/0002-album-export.md']);
    const findings = (report.files[0]?.findings ?? []).map((finding) => [finding.line, finding.ruleId, finding.data?.['kind']]);
    assert.deepEqual(findings, [
      [12, 'template-text-unchanged', 'paragraph'],
      [16, 'template-text-unchanged', 'section'],
      [20, 'template-text-unchanged', 'section'],
      [24, 'template-text-unchanged', 'section'],
    ]);
  });

  test('a template with a front-matter error still gets it', async () => {
    const root = scratch(join(FIXTURES, 'madr'));
    const path = join(root, 'docs/decisions/adr-template.md');
    writeFileSync(path, readFileSync(path, 'utf8').replace('status: "{proposed', 'status: [{proposed'));
    const report = await lint(root, ['docs/decisions/adr-template.md']);
    assert.deepEqual(report.files[0]?.findings.map((finding) => finding.ruleId), ['front-matter-syntax']);
  });
});

describe('a spec-kit quickstart written from the repository’s quickstart template', () => {
  const TEMPLATE = [
    '# Quickstart: [FEATURE NAME]',
    '',
    '**Created**: [DATE]',
    '',
    '## Scenarios',
    '',
    '> Each scenario takes the form: `- [ ] E2E-### [USx] step and expected result`.',
    '',
    '## Commands',
    '',
    '```bash',
    '[TARGETED_UNIT_COMMAND]',
    '```',
    '',
  ].join('\n');

  test('the template is known as the quickstart’s by its name: what a copy keeps of it is found, the form it shows is not a slot', async () => {
    const root = scratch();
    mkdirSync(join(root, '.git'));
    mkdirSync(join(root, '.specify/templates'), { recursive: true });
    mkdirSync(join(root, 'specs/001-export'), { recursive: true });
    writeFileSync(join(root, '.specify/templates/quickstart-template.md'), TEMPLATE);
    writeFileSync(join(root, 'specs/001-export/quickstart.md'), TEMPLATE);
    const copy = await lint(root, ['specs/001-export/quickstart.md']);
    // The command left in the code block is the template's example code, reported whole; line 7 shows
    // the form scenarios take, no slot, and a section that holds only that note is the template's text
    // (spec-kit has no quickstart template of its own: a team's holds the team's instructions).
    const found = (copy.files[0]?.findings ?? []).map((finding) => `${finding.line} ${finding.ruleId}`);
    assert.deepEqual(found, ['1 unfilled-placeholder', '3 unfilled-placeholder', '7 template-text-unchanged', '11 template-text-unchanged']);

    const written = TEMPLATE.replace('[FEATURE NAME]', 'Export')
      .replace('[DATE]', '2026-03-01')
      .replace('[TARGETED_UNIT_COMMAND]', 'npm test -- export')
      .replace(/> Each scenario takes the form: .*/, '- [ ] E2E-001 [US1] Export March and open the CSV: it lists every transaction.');
    writeFileSync(join(root, 'specs/001-export/quickstart.md'), written);
    const clean = await lint(root, ['specs/001-export/quickstart.md']);
    assert.deepEqual(clean.files.flatMap((file) => file.findings.map((finding) => `${finding.line} ${finding.ruleId}: ${finding.message}`)), []);
  });
});
