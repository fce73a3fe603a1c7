import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { scratch, specwright } from './helpers';

// `specwright lint` at the root of workspaces laid out as spec-kit, Kiro, OpenSpec, MADR
// and KEPs lay them out: the default globs find every document of the family, finished
// documents pass `--max-warnings 0`, and a placeholder left in one is found.
const FAMILIES = resolve(__dirname, '../fixtures/families');
const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  'spec-kit': [
    'specs/001-photo-albums/checklists/requirements.md',
    'specs/001-photo-albums/data-model.md',
    'specs/001-photo-albums/plan.md',
    'specs/001-photo-albums/spec.md',
    'specs/001-photo-albums/tasks.md',
  ],
  kiro: ['.kiro/specs/photo-albums/design.md', '.kiro/specs/photo-albums/requirements.md', '.kiro/specs/photo-albums/tasks.md'],
  openspec: [
    'openspec/changes/add-album-sharing/proposal.md',
    'openspec/changes/add-album-sharing/specs/albums/spec.md',
    'openspec/changes/add-album-sharing/tasks.md',
    'openspec/project.md',
    'openspec/specs/albums/spec.md',
  ],
  madr: ['docs/decisions/0001-store-albums-in-postgres.md'],
  kep: ['keps/sig-storage/4321-album-snapshots/README.md'],
  proposal: ['docs/proposals/YYYYMMDD-template.md', 'docs/proposals/20250101-album-sharing.md'],
};

interface JsonLint {
  files: { path: string; findings: { ruleId: string; line: number; message: string }[] }[];
}

describe('specwright lint on each family’s workspace', () => {
  for (const [family, files] of Object.entries(EXPECTED)) {
    test(`${family}: every document found by the default globs, finished ones clean, a placeholder found`, async () => {
      const root = scratch(join(FAMILIES, family));
      const clean = await specwright(['lint', '--format', 'json', '--max-warnings', '0'], { cwd: root });
      assert.equal(clean.code, 0, clean.stdout + clean.stderr);
      const report = JSON.parse(clean.stdout) as JsonLint;
      assert.deepEqual(report.files.map((file) => file.path.replace(/\\/g, '/')).sort(), [...files].sort());
      assert.deepEqual(report.files.flatMap((file) => file.findings.map((finding) => `${file.path}:${finding.line} ${finding.ruleId}: ${finding.message}`)), []);

      const target = join(root, files[files.length - 1] as string);
      writeFileSync(target, `${readFileSync(target, 'utf8')}\nOwner: [Team Name]\n`);
      const unfinished = await specwright(['lint', '--format', 'json'], { cwd: root });
      const findings = (JSON.parse(unfinished.stdout) as JsonLint).files.flatMap((file) => file.findings.map((finding) => finding.ruleId));
      assert.deepEqual(findings, ['unfilled-placeholder']);
    });
  }
});

describe('design proposals written from the repository’s own template', () => {
  test('the template’s title and guidance left in a proposal are found; its table of contents and repeated options are not', async () => {
    const root = scratch(join(FAMILIES, 'proposal'));
    const target = join(root, 'docs/proposals/20250101-album-sharing.md');
    const text = readFileSync(target, 'utf8')
      .replace('# Proposal: Album sharing', '# Proposal: Template')
      .replace('None: the review settled how long a link lives (30 days).', 'List what the review has to settle before the work starts.');
    writeFileSync(target, text);
    const result = await specwright(['lint', '--format', 'json', 'docs/proposals/20250101-album-sharing.md'], { cwd: root });
    const findings = (JSON.parse(result.stdout) as JsonLint).files.flatMap((file) => file.findings.map((finding) => `${finding.line} ${finding.ruleId}: ${finding.message}`));
    assert.deepEqual(findings, [
      "1 template-text-unchanged: Expected your own title, found the template's `Proposal: Template`",
      "50 template-text-unchanged: Expected your own text in `# Open questions`, found the template's text unchanged",
    ]);
  });
});

describe('a template kept in a folder beside the proposals’ folders', () => {
  test('Cilium’s layout: cfps/CFP-003-template.md is the template of cilium/CFP-*.md', async () => {
    const root = scratch();
    mkdirSync(join(root, '.git'));
    mkdirSync(join(root, 'cfps'));
    mkdirSync(join(root, 'cilium'));
    writeFileSync(
      join(root, 'cfps/CFP-003-template.md'),
      '# CFP-003: Template\n\n## Summary\n\nState the change in two sentences.\n\n## Options\n\n### Option 1:\n\n#### Pros\n\n#### Cons\n\n### Option 2:\n\n#### Pros\n\n#### Cons\n',
    );
    writeFileSync(
      join(root, 'cilium/CFP-7-faster-probes.md'),
      '# CFP-003: Template\n\n## Summary\n\nHealth probes run in parallel, ten at a time.\n\n## Options\n\n### Option 1 (selected): a worker pool\n\n#### Pros\n\nBounded.\n\n#### Cons\n\nQueues.\n\n### Option 2 (discarded): one goroutine each\n\n#### Pros\n\nSimple.\n\n#### Cons\n\nUnbounded.\n\n### Option 3 (discarded): sequential\n\n#### Pros\n\nNone to speak of.\n\n#### Cons\n\nSlow.\n',
    );
    const result = await specwright(['lint', '--format', 'json'], { cwd: root });
    const report = JSON.parse(result.stdout) as JsonLint;
    assert.deepEqual(report.files.map((file) => file.path.replace(/\\/g, '/')).sort(), ['cfps/CFP-003-template.md', 'cilium/CFP-7-faster-probes.md']);
    const findings = report.files.flatMap((file) => file.findings.map((finding) => `${file.path.replace(/\\/g, '/')}:${finding.line} ${finding.ruleId}`));
    assert.deepEqual(findings, ['cilium/CFP-7-faster-probes.md:1 template-text-unchanged']);
  });
});

describe('a repository of documents cloned under its own name', () => {
  test('a clone named `rfcs` with its RFCs in `accepted/`: they are checked, its README and CONTRIBUTING are not, from inside it or above it', async () => {
    const root = join(scratch(), 'rfcs');
    mkdirSync(join(root, '.git'), { recursive: true });
    mkdirSync(join(root, 'accepted'));
    writeFileSync(join(root, 'README.md'), '# Our RFCs\n\nCopy `0000-template.md` to `accepted/0000-my-feature.md` and fill in [the sections].\n');
    writeFileSync(join(root, 'CONTRIBUTING.md'), '# Contributing\n\n## Before you start\n');
    const rfc = (motivation: string) =>
      `# Summary\n\nQueues get a dead-letter topic.\n\n# Motivation\n\n${motivation}\n\n# Detailed design\n\nFailed messages move after five tries.\n\n# Drawbacks\n\nOne more topic per queue.\n\n# Alternatives\n\nRetry forever.\n`;
    writeFileSync(join(root, 'accepted/0001-dead-letters.md'), rfc('Poison messages block a queue today.'));
    writeFileSync(join(root, 'accepted/0002-retries.md'), rfc('[Why are we doing this?]'));
    for (const cwd of [root, join(root, '..')]) {
      const result = await specwright(['lint', '--format', 'json'], { cwd });
      const report = JSON.parse(result.stdout) as JsonLint;
      const prefix = cwd === root ? '' : 'rfcs/';
      assert.deepEqual(report.files.map((file) => file.path.replace(/\\/g, '/')).sort(), [`${prefix}accepted/0001-dead-letters.md`, `${prefix}accepted/0002-retries.md`]);
      const findings = report.files.flatMap((file) => file.findings.map((finding) => `${file.path.replace(/\\/g, '/')}:${finding.line} ${finding.ruleId}`));
      assert.deepEqual(findings, [`${prefix}accepted/0002-retries.md:7 unfilled-placeholder`]);
    }
  });
});
