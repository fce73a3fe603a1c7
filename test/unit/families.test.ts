import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { builtInFamilies } from '../../server/src/core/families/built-in';
import { parseFamily } from '../../server/src/core/families/family';
import { identifyFamily } from '../../server/src/core/families/identify';
import { lintText } from '../../server/src/core/lint/lint';
import { RULES } from '../../server/src/core/lint/registry';
import { parseSpec } from '../../server/src/core/parse/spec-document';

const FAMILIES_DIR = join(__dirname, '../../templates/families');
const only = (id: string) => Object.fromEntries(RULES.map((rule) => [rule.meta.id, rule.meta.id === id ? rule.meta.defaultSeverity : ('off' as const)]));
/** The placeholder texts the rule reports for `text` at `path`. */
const placeholders = (text: string, path?: string) =>
  lintText(text, { rules: only('unfilled-placeholder'), ...(path !== undefined ? { path } : {}) }).map((finding) => text.slice(finding.range.start, finding.range.end));
const identify = (text: string, path?: string) => {
  const choice = identifyFamily({ document: parseSpec(text), families: builtInFamilies(), ...(path !== undefined ? { path } : {}) });
  return choice && { family: choice.family.id, kind: choice.kind, how: choice.how };
};

describe('document families', () => {
  test('every family description in templates/families is valid and built in', () => {
    const files = readdirSync(FAMILIES_DIR).filter((name) => name.endsWith('.json'));
    assert.ok(files.length >= 8, `expected the built-in families, found ${files.join(', ')}`);
    for (const file of files) {
      const { family, problems } = parseFamily(JSON.parse(readFileSync(join(FAMILIES_DIR, file), 'utf8')));
      assert.deepEqual(problems, [], file);
      assert.equal(`${family?.id}.json`, file, 'a family lives in the file named after its id');
    }
    assert.deepEqual(builtInFamilies().map((family) => family.id).sort(), files.map((file) => file.replace(/\.json$/, '')).sort());
  });

  test('a description with a bad pattern or a path to an unknown kind is refused, with reasons', () => {
    const { family, problems } = parseFamily({
      id: 'broken',
      label: 'Broken',
      paths: [{ glob: 'x/*.md', kind: 'nope' }],
      kinds: { spec: { label: 'spec', shape: { headings: ['A'], lines: ['('] } } },
    });
    assert.equal(family, undefined);
    assert.equal(problems.length, 2, problems.join('\n'));
    assert.equal(parseFamily({ id: 'Bad Id', label: 'x', kinds: {} }).family, undefined);
  });

  describe('identification: the path first', () => {
    const cases: [string, string, string][] = [
      ['specs/001-photo-albums/spec.md', 'spec-kit', 'spec'],
      ['specs/001-photo-albums/plan.md', 'spec-kit', 'plan'],
      ['specs/001-photo-albums/tasks.md', 'spec-kit', 'tasks'],
      ['specs/001-photo-albums/checklists/requirements.md', 'spec-kit', 'checklist'],
      ['.kiro/specs/user-auth/requirements.md', 'kiro', 'requirements'],
      ['.kiro/specs/user-auth/tasks.md', 'kiro', 'tasks'],
      // A translation kept beside the spec, or instead of it: `design.ja.md`, `requirements.zh-CN.md`.
      ['.kiro/specs/user-auth/design.ja.md', 'kiro', 'design'],
      ['.kiro/specs/user-auth/requirements.zh-CN.md', 'kiro', 'requirements'],
      // cc-sdd's research log, written in the discovery phase beside the design.
      ['.kiro/specs/user-auth/research.md', 'kiro', 'research'],
      ['openspec/specs/auth/spec.md', 'openspec', 'spec'],
      ['openspec/changes/add-2fa/proposal.md', 'openspec', 'proposal'],
      ['openspec/changes/add-2fa/specs/auth/spec.md', 'openspec', 'delta'],
      ['openspec/changes/archive/2025-01-01-add-2fa/tasks.md', 'openspec', 'tasks'],
      ['keps/sig-node/1234-swap/README.md', 'kep', 'kep'],
      ['enhancements/sig-architecture/19-projected-serviceaccount-token/README.md', 'kep', 'kep'],
      ['enhancements/baremetal/additional-ntp-servers.md', 'kep', 'kep'],
      ['text/0123-my-feature.md', 'rfc', 'rfc'],
      ['text/359-construct-hub-deny-list.md', 'rfc', 'rfc'],
      // Folder names as repositories capitalise them.
      ['RFCs/0003-build-profiles.md', 'rfc', 'rfc'],
      ['docs/proposals/20250101-album-sharing.md', 'proposal', 'proposal'],
      ['docs/proposals/1234-album-sharing/README.md', 'proposal', 'proposal'],
      ['proposals/0042-remove-copyright-dates.md', 'proposal', 'proposal'],
      // Cluster API providers keep theirs in `docs/proposal/`.
      ['docs/proposal/20230317-irsa-support-for-awscluster.md', 'proposal', 'proposal'],
      ['cilium/CFP-31752-active-connection-tracking.md', 'proposal', 'proposal'],
    ];
    for (const [path, family, kind] of cases) {
      test(`${path}: ${family} ${kind}`, () => {
        assert.deepEqual(identify('# Title\n\nText.\n', path), { family, kind, how: 'path' });
      });
    }

    test('a proposals folder is shared by several processes: a KEP, RFC or ADR kept there is told by its headings', () => {
      const kep = '# KEP-1: Swap\n\n## Summary\n\nX.\n\n## Motivation\n\nY.\n\n## Proposal\n\nZ.\n\n## Design Details\n\nD.\n\n## Implementation History\n\nH.\n';
      const choice = identifyFamily({ document: parseSpec(kep), families: builtInFamilies(), path: 'docs/proposals/1-swap/README.md' });
      assert.deepEqual(choice && { family: choice.family.id, kind: choice.kind, how: choice.how }, { family: 'kep', kind: 'kep', how: 'shape' });
      assert.match(choice?.detail ?? '', /in a folder other processes use too$/);
      // In a KEP's own folder, the path decides as before.
      assert.deepEqual(identify(kep, 'keps/sig-node/1-swap/README.md'), { family: 'kep', kind: 'kep', how: 'path' });
      // The index of the folder is not a proposal.
      assert.notEqual(identify('# Proposals\n\n- [Swap](1-swap/README.md)\n', 'docs/proposals/README.md')?.family, 'proposal');
    });

    test('a template kept apart from the documents is the kind its name says, whatever its headings', () => {
      const text = '# Quickstart: [FEATURE NAME]\n\n## Commands\n\nRun the tests.\n';
      assert.equal(identify(text, '.specify/templates/quickstart-template.md')?.kind, 'quickstart');
      assert.equal(identify(text, '.specify/templates/checklist-template.md')?.kind, 'checklist');
      assert.equal(identify(text, '.kiro/settings/templates/specs/design.md')?.kind, 'design');
      assert.equal(identify(text, '.kiro/settings/templates/specs/research.md')?.kind, 'research');
      // A name that gives no kind leaves it to the headings.
      assert.equal(identify('# Plan\n\n## Summary\n\nX.\n\n## Technical Context\n\nY.\n', '.specify/templates/agent-file-template.md')?.kind, 'plan');
    });

    test('ADR folders are shared by MADR and Nygard: the headings decide', () => {
      const madr = '# Use Postgres\n\n## Context and Problem Statement\n\nX.\n\n## Considered Options\n\n* A\n\n## Decision Outcome\n\nA.\n';
      const nygard = '# 1. Use Postgres\n\n## Status\n\nAccepted\n\n## Context\n\nX.\n\n## Decision\n\nA.\n\n## Consequences\n\nY.\n';
      assert.deepEqual(identify(madr, 'docs/adr/0001-use-postgres.md'), { family: 'madr', kind: 'decision', how: 'path' });
      assert.deepEqual(identify(nygard, 'docs/adr/0001-use-postgres.md'), { family: 'nygard-adr', kind: 'decision', how: 'path' });
      // A numbered docs folder of ADRs (`docs/70_ADR/`, `docs/02-adr/`) is an ADR folder too; `docs/madr-notes/` is not.
      assert.deepEqual(identify(nygard, 'docs/70_ADR/014_lefthook.md'), { family: 'nygard-adr', kind: 'decision', how: 'path' });
      assert.deepEqual(identify(madr, 'docs/02-adr/0001-use-postgres.md'), { family: 'madr', kind: 'decision', how: 'path' });
      assert.notEqual(identify('# Notes\n\nText.\n', 'docs/madr-notes/ideas.md')?.how, 'path');
    });
  });

  describe('identification: the shape when the path says nothing', () => {
    test('a spec-kit spec kept elsewhere', () => {
      const text = '# Feature Specification: Albums\n\n**Feature Branch**: `001-albums`\n\n## User Scenarios & Testing *(mandatory)*\n\nX.\n\n## Requirements *(mandatory)*\n\nY.\n\n## Success Criteria *(mandatory)*\n\nZ.\n';
      assert.deepEqual(identify(text, 'docs/albums.md'), { family: 'spec-kit', kind: 'spec', how: 'shape' });
    });

    test('an OpenSpec capability spec by its requirement and scenario headings', () => {
      const text = '# Auth\n\n## Purpose\n\nSign people in.\n\n## Requirements\n\n### Requirement: Login\n\nThe system SHALL log in.\n\n#### Scenario: ok\n\n- WHEN x\n- THEN y\n';
      assert.deepEqual(identify(text, 'docs/auth.md'), { family: 'openspec', kind: 'spec', how: 'shape' });
    });

    test("a task list of the kit's shape in its feature folder, under a name of its own", () => {
      const text = '# Issues: Expense report\n\n## Phase 1: Setup\n\n- [ ] T003 [P] Add editor configs in .editorconfig\n- [ ] T004 [P] [US1] Add Postgres in docker-compose.yml\n- [x] T005 [US1] Add the session store in src/session.ts\n';
      assert.deepEqual(identify(text, 'specs/002-expense-report/issues.md'), { family: 'spec-kit', kind: 'tasks', how: 'shape' });
      assert.deepEqual(placeholders(text, 'specs/002-expense-report/issues.md'), []);
      // Half the shape is not enough outside the kit's folders, nor without the kit's lines in them.
      assert.deepEqual(identify(text, 'docs/issues.md'), { family: 'specwright', kind: 'spec', how: 'default' });
      assert.deepEqual(identify('# Review\n\n## Findings\n\nNone.\n', 'specs/002-expense-report/REVIEW.md'), { family: 'specwright', kind: 'spec', how: 'default' });
      // One line of a kind's form is not a document made of them: a technical brief with the spec's header line.
      assert.deepEqual(identify('# Technical Requirements: Bot\n\n**Feature Branch**: `002-bot`\n\n## 1. Executive Summary\n\nText.\n', 'specs/002-bot/technical-requirements.md'), { family: 'specwright', kind: 'spec', how: 'default' });
    });

    test('anything else is the default family', () => {
      assert.deepEqual(identify('# Notes\n\n## Summary\n\nText.\n', 'docs/notes.md'), { family: 'specwright', kind: 'spec', how: 'default' });
      assert.deepEqual(identify('# Notes\n'), { family: 'specwright', kind: 'spec', how: 'default' });
      // An area's landing page beside its enhancements is no proposal.
      assert.deepEqual(identify('# Compute\n\nLanding page for compute related concerns.\n', 'enhancements/compute/README.md'), { family: 'specwright', kind: 'spec', how: 'default' });
      // A proposal kept as `enhancements/<name>/README.md` shows the kind, and is a KEP there.
      const osac = '# Tenant On-boarding\n\n## Summary\n\nAutomate onboarding.\n\n## Motivation\n\nManual today.\n\n## Proposal\n\nA controller.\n\n## Open Questions\n\nNone.\n';
      assert.deepEqual(identify(osac, 'enhancements/OSAC-24-tenant-onboarding/README.md'), { family: 'kep', kind: 'kep', how: 'path' });
      // A KEP kept the way the first ones were, one file per proposal in `keps/` (`keps/0001-x.md`, `keps/sig-x/0002-y.md`), where it shows the kind.
      assert.deepEqual(identify(osac, 'keps/0001-mutliple-backends.md'), { family: 'kep', kind: 'kep', how: 'path' });
      assert.deepEqual(identify(osac, 'keps/sig-network/0002-telemetry.md'), { family: 'kep', kind: 'kep', how: 'path' });
      assert.deepEqual(identify(osac, 'enhancements/20260106-host-devices.md'), { family: 'kep', kind: 'kep', how: 'path' });
      assert.deepEqual(identify('# Enhancements\n\nHow we propose changes.\n\n## Process\n\nOpen a PR.\n', 'enhancements/process.md'), { family: 'specwright', kind: 'spec', how: 'default' });
      assert.deepEqual(identify('# KEP process\n\nHow we write KEPs.\n\n## Reviews\n\nTwo approvers.\n', 'keps/process.md'), { family: 'specwright', kind: 'spec', how: 'default' });
    });
  });

  test("a KEP's status in its front matter sets strictness: a provisional one's gaps are hints, an implemented one's warnings", () => {
    const kep = (status: string) => `---\ntitle: Workloads\nstatus: ${status}\n---\n\n# Workloads\n\n## Summary\n\nRun workloads.\n\n## Motivation\n\n## Proposal\n\nA controller.\n\n## Design Details\n\nIts API.\n`;
    const severities = (status: string) => lintText(kep(status), { path: 'enhancements/compute/workloads/README.md' }).filter((f) => f.ruleId === 'empty-section').map((f) => f.severity);
    assert.deepEqual(severities('provisional'), ['hint']);
    assert.deepEqual(severities('implemented'), ['error']);
  });

  describe('placeholders in each family’s dialect', () => {
    test("a title's opening bracket is the author's when it names no slot: the title kept in the template's brackets, or a tag before it", () => {
      const at = 'text/0038-cpython-support.md';
      assert.deepEqual(placeholders('# [CPython version support]\n\nText.\n', at), []);
      assert.deepEqual(placeholders('# [PT2.1 Feature Proposal] SDPA CPU Optimization\n\nText.\n', at), []);
      assert.deepEqual(placeholders('# [RFC] Relay Next Roadmap\n\nText.\n', at), []);
      // What a template's title slot says stays a slot, and so does a title holding two.
      assert.deepEqual(placeholders('# [Feature Name]\n\nText.\n', at), ['[Feature Name]']);
      assert.deepEqual(placeholders('# [Title]\n\nText.\n', at), ['[Title]']);
      assert.deepEqual(placeholders('# [Project Name] Technical Specification\n\nText.\n', at), ['[Project Name]']);
      assert.deepEqual(placeholders('# [feature_name] Implementation Tasks\n\nText.\n', at), ['[feature_name]']);
      assert.deepEqual(placeholders('# [CHECKLIST TYPE] Checklist: [FEATURE NAME]\n\nText.\n', at), ['[CHECKLIST TYPE]', '[FEATURE NAME]']);
    });

    test('a tag in bold that opens two or more paragraphs is the author\'s', () => {
      const text = '# 9. SDK as a client library\n\n## Status\n\nAccepted\n\n## Consequences\n\n**[Must Address]** Creation of a shim over the aggregator.\n\n**[Must Address]**: A builder class for parameters.\n\nThe [Owner] decides.\n';
      assert.deepEqual(placeholders(text, 'docs/architecture/decisions/0009-sdk.md'), ['[Owner]']);
    });

    test('spec-kit task tags are markup, not placeholders', () => {
      const text = [
        '# Tasks: Photo Albums',
        '',
        '**Input**: Design documents from `specs/001-albums/`',
        '',
        'Tasks marked [P] can run in parallel; [US1] tags name the story.',
        '',
        '## Phase 3: [US1] Create an album (Priority: P1)',
        '',
        '- [ ] T023 [P] [US1] Contract test for POST /albums in tests/contract/test_albums.py',
        '- [x] T024 [US1] Album model in src/models/album.py',
        '- [ ] T025 [P] Wire [FEATURE NAME] into the menu',
        '',
      ].join('\n');
      assert.deepEqual(placeholders(text, 'specs/001-albums/tasks.md'), ['[FEATURE NAME]']);
    });

    test('the same tags outside spec-kit still read as placeholders, except bracketed IDs', () => {
      assert.deepEqual(placeholders('# Plan\n\nRun [P] then [US1] and [Owner].\n', 'docs/specs/plan.md'), ['[P]', '[Owner]']);
    });

    test('spec-kit clarifications stay placeholders', () => {
      const text = '# Feature Specification: X\n\n## Requirements\n\n- **FR-001**: System MUST sign in via [NEEDS CLARIFICATION: auth method?]\n';
      assert.deepEqual(placeholders(text, 'specs/001-x/spec.md'), ['[NEEDS CLARIFICATION: auth method?]']);
    });

    test('type and index notation, and slots inside quoted text, are not placeholders anywhere', () => {
      const text = [
        '# Data Model',
        '',
        '- `sources`: array[SourceCitation], List[str] in Python',
        '- The banner reads "retry in [seconds left] s" while offline.',
        '- Window title: "Archy - YYYY-MM-DD HH:MM".',
        '- Still to write: "[Feature Name]" and (v[version]).',
        '',
      ].join('\n');
      assert.deepEqual(placeholders(text, 'specs/001-x/data-model.md'), ['[Feature Name]', '[version]']);
    });

    test('literal lists and TODO words written about are not placeholders anywhere', () => {
      const text = [
        '# Build order',
        '',
        '- getBuildOrder() returns [A, B, C]; the config holds ["P1"] and [\'x\', \'y\'].',
        '- The agent looks for TODO/FIXME comments and writes a brief TBD placeholder purpose.',
        '- Owner: TBD',
        '- TODO write the rollout plan',
        '- Reviewers: [Name]',
        '',
      ].join('\n');
      assert.deepEqual(placeholders(text, 'docs/specs/build.md'), ['TBD', 'TODO', '[Name]']);
    });

    test('OpenSpec risk labels before an arrow are markup', () => {
      const text = [
        '# Design',
        '',
        '## Risks / Trade-offs',
        '',
        '- [Risk] Extra reads when changes exist → Mitigation: return early.',
        '- **[Old installs keep the old path]** → cleaned up on the next init.',
        '- **[Trade-off] the dedup key leaves out the timeout** → two requests share the first one’s.',
        '- [Mitigation still to write]',
        '',
      ].join('\n');
      assert.deepEqual(placeholders(text, 'openspec/changes/x/design.md'), ['[Mitigation still to write]']);
      assert.equal(placeholders(text, 'docs/specs/design.md').length, 4, 'outside OpenSpec, brackets are placeholders');
    });

    test('a KEP’s questionnaire left as the template gives it is unfilled; one answered in part is the author’s', () => {
      const questionnaire = (gate: string, metric: string) =>
        [
          '# KEP-1397: Evictions in background',
          '',
          '## Production Readiness Review Questionnaire',
          '',
          '###### How can this feature be enabled / disabled in a live cluster?',
          '',
          `- [${gate.startsWith('x') ? 'x' : ' '}] Feature gate (also fill in values in \`kep.yaml\`)`,
          `  - Feature gate name:${gate.startsWith('x') ? gate.slice(1) : ''}`,
          '  - Components depending on the feature gate:',
          '- [ ] Other',
          '  - Describe the mechanism:',
          '  - Will enabling / disabling the feature require downtime of the control',
          '    plane?',
          '',
          '###### What are the SLIs?',
          '',
          '- [ ] Metrics',
          `  - Metric name:${metric}`,
          '  - [Optional] Aggregation method:',
          '  - Components exposing the metric:',
          '',
        ].join('\n');
      const path = 'keps/sig-scheduling/1397-evictions-in-background/README.md';
      assert.deepEqual(placeholders(questionnaire('', ''), path), [
        'Feature gate name:',
        'Components depending on the feature gate:',
        'Describe the mechanism:',
        'Metric name:',
        'Aggregation method:',
        'Components exposing the metric:',
      ]);
      // A gate chosen and named, or a metric named: the rest is left blank on purpose.
      assert.deepEqual(placeholders(questionnaire('x EvictionsInBackground', ''), path), []);
      assert.deepEqual(placeholders(questionnaire('', ' descheduler_evictions_total'), path), []);
      // A value given below its label counts as an answer.
      assert.deepEqual(placeholders(questionnaire('', '').replace('  - Components depending on the feature gate:', '  - Components depending on the feature gate:\n    - kube-scheduler'), path), []);
      // Older KEPs write the options without their boxes (`- Events`, `- Metrics`): the same fields, as blank.
      const unboxed = questionnaire('', '').replace(/^- \[ \] /gm, '- ');
      assert.equal(placeholders(unboxed, path).length, 6);
      assert.deepEqual(placeholders(unboxed.replace('  - Metric name:', '  - Metric name: descheduler_evictions_total'), path), []);
    });

    test('a choice list of words joined by slashes counts only where a template or family says so', () => {
      const text = '# Plan\n\n| Layer | Choice |\n|---|---|\n| Stack | Ubuntu 22.04 LTS / Nginx + PHP-FPM / MySQL 8.0 |\n\nAssert schemas/formats/structure\n\nTier: 1 | 2 | 3 | 4\n';
      assert.deepEqual(placeholders(text, 'specs/001-x/plan.md'), ['1 | 2 | 3 | 4']);
    });

    test('MADR’s {single braces} count in MADR records only', () => {
      const text = '---\nstatus: proposed\n---\n\n# {short title of solved problem}\n\n## Context and Problem Statement\n\n{Describe the context and problem statement}\n\nWe send `{ id }` and {"a": 1}.\n\n## Considered Options\n\n* {title of option 1}\n\n## Decision Outcome\n\nChosen.\n';
      assert.deepEqual(placeholders(text, 'docs/decisions/0001-x.md'), [
        '{short title of solved problem}',
        '{Describe the context and problem statement}',
        '{title of option 1}',
      ]);
      // The same record kept elsewhere is still a MADR record by its headings; a spec is not.
      assert.equal(placeholders(text, 'docs/specs/x.md').length, 3);
      assert.deepEqual(placeholders('# Notes\n\n## Summary\n\n{Describe the context and problem statement}\n', 'docs/specs/x.md'), []);
    });

    test('a document that writes its slots in braces has them counted in any family; braces in a finished spec are not slots', () => {
      const template = [
        '# Spec: {NNN}-{slug}',
        '',
        '**Owner:** @{engineer-or-team}',
        '**Last updated:** {YYYY-MM-DD}',
        '',
        '## Summary',
        '',
        '{1–3 sentences: what changes and why}',
        '',
        '## Scope',
        '',
        '- {…}',
        '',
        '## User stories',
        '',
        '- As a {role}, I want {capability}, so that {benefit}.',
        '- Calls `GET /items/{id}` and sends {"a": 1}.',
      ].join('\n');
      assert.deepEqual(placeholders(template, 'specs/001-x/spec.md'), [
        '{NNN}',
        '{slug}',
        '{engineer-or-team}',
        '{YYYY-MM-DD}',
        '{1–3 sentences: what changes and why}',
        '{…}',
        '{role}',
        '{capability}',
        '{benefit}',
      ]);
      // A finished spec naming a message's fields, or a route's: interpolations and paths, not slots.
      const finished = [
        '# Spec: Notifications',
        '',
        '## Messages',
        '',
        '- Subject: {title}',
        '- Body: {message}',
        '- Footer: {signature}',
        '',
        'Given a user, When they POST /api-keys with {name}, Then HTTP 201 with body {code: "KEY_CREATED"}.',
        '',
        'ScenarioStep: {X, 0}',
        '',
        'ScenarioStep: {X, 1}',
        '',
        'ScenarioStep: {Y, 0}',
      ].join('\n');
      assert.deepEqual(placeholders(finished, 'specs/002-y/spec.md'), []);
      // An agent's definition: its braces are the format it answers in (a date's mask is one everywhere).
      assert.deepEqual(placeholders(`---\nname: plan\ntools: ["read"]\n---\n\n${template.split('\n').slice(1).join('\n')}`, 'specs/003-z/spec.md'), ['YYYY-MM-DD']);
      assert.deepEqual(placeholders(`You are a senior planning agent.\n\n${template.split('\n').slice(1).join('\n')}`, 'specs/003-z/spec.md'), ['YYYY-MM-DD']);
    });

    test('fields of a list left blank together are slots; in the header only those the author gives', () => {
      const rfc = '# Albums\n\n- Feature Name: albums\n- Start Date: \n- RFC PR: \n- Supersedes:\n\n## Summary\n\nShare albums.\n';
      assert.deepEqual(placeholders(rfc, 'text/0001-albums.md'), ['- Start Date:'.slice(2)]);
      assert.deepEqual(placeholders('# Albums\n\n- Status: proposed\n- Related components:\n- Discussion:\n- Superseded by:\n\n## Summary\n\nShare albums.\n', 'text/0002-x.md'), []);
      const adr = '# Use X\n\n## Consequences\n\n- Positive:\n- Negative:\n\n## References\n\n- PR:\n- Issue:\n\n## Notes\n\n- Pros:\n  - fast\n- Cons:\n  - slow\n\n- Example:\n\nSome text.\n';
      assert.deepEqual(placeholders(adr, 'docs/adr/0001-use-x.md'), ['Positive:', 'Negative:', 'PR:', 'Issue:']);
      // Steps, a label for the items after it, the header's owner and target date, a sign-off.
      const others =
        '# Plan\n\n- Contribution Name: mtls\n- Implementation Owner:\n- Target Date:\n\n## Steps\n\n1. SpecKit runs:\n2. Squad reviews:\n\n## Model\n\n- Fields:\n-  - `source_path`\n- Validation rules:\n-  - must be false\n\n## Sign-off\n\n- Reviewer name:\n- Approved by:\n';
      assert.deepEqual(placeholders(others, 'docs/adr/0002-plan.md'), []);
    });

    test('a MADR slot in braces whose closing brace stands alone on the next line is one slot', () => {
      const text =
        '# Use X\n\n## Context and Problem Statement\n\n{Describe the context.\nIt may be a question.}\n{e.g., we need a web application.\n}\n\n' +
        'A set is written\n{\n}\n\n## Considered Options\n\n* A\n\n## Decision Outcome\n\nChosen.\n';
      assert.deepEqual(placeholders(text, 'docs/decisions/0002-x.md'), ['{Describe the context.\nIt may be a question.}', '{e.g., we need a web application.\n}']);
    });

    test("a MADR choice list in braces with a link as one choice is a slot; other braces holding a link are not", () => {
      const text =
        '# NNNN. {Short decision title}\n\n* Status: {proposed | accepted | superseded by [NNNN](NNNN-*.md)}\n\n## Context and Problem Statement\n\n' +
        'We call {see [the API](https://example.org/api) for details} here.\n\n## Considered Options\n\n* A\n\n## Decision Outcome\n\nChosen.\n';
      assert.deepEqual(placeholders(text, 'docs/decisions/0004-x.md'), ['{Short decision title}', '{proposed | accepted | superseded by [NNNN](NNNN-*.md)}']);
    });

    test('a MADR placeholder that names another one inside it is one placeholder', () => {
      // MADR's template: `{justification … which resolves force {force} | …}`.
      const text =
        '# Pick a queue\n\n## Context and Problem Statement\n\nJobs pile up.\n\n## Considered Options\n\n* Redis\n\n## Decision Outcome\n\n' +
        'Chosen option: "Redis", because {justification. e.g., only option, which resolves force {force} | … | comes out best (see below)}.\n\n' +
        'The mark reads `ZOTERO_ITEM {json}` and the heading "cited in {citationkey}"; an object is {a: {b}}.\n';
      assert.deepEqual(placeholders(text, 'docs/decisions/0003-pick-a-queue.md'), [
        '{justification. e.g., only option, which resolves force {force} | … | comes out best (see below)}',
      ]);
    });

    test("a title that is the word itself and a heading's label followed by an ellipsis are slots, in every family", () => {
      const text = '# Title\n\nOne line.\n\n## Alternatives\n\n### Alternative 1: ...\n\nText.\n\n### Options: see below\n\nText.\n';
      assert.deepEqual(placeholders(text, 'designs/x.md'), ['Title', '...']);
      assert.deepEqual(placeholders(text.replace('# Title', '# Proposal title'), 'rfcs/0001-x.md'), ['Proposal title', '...']);
      assert.deepEqual(placeholders('# Title Insurance Claims\n\nText.\n\n## Title\n\nThe title field.\n', 'docs/specs/x.md'), []);
    });

    test("a task whose ID is still a mask is the template's sample, numbered by nobody; the template's last phase, `Phase N`, is kept by written task lists", () => {
      const text =
        '# Tasks: Export\n\n## Phase 1: Setup\n\n- [ ] T001 Create the project\n\n## Phase N: Polish & Cross-Cutting Concerns\n\n' +
        '- [ ] TXXX [P] Documentation updates in docs/\n- [ ] **T###** Code cleanup\n- [ ] T002 Run the TXXX check\n\nTXXX tasks are numbered later.\n';
      assert.deepEqual(placeholders(text, 'specs/001-export/tasks.md'), ['TXXX', 'T###']);
    });

    test('a heading that is one bracket over written text names the section in the template\'s style; over nothing, or naming a title, it is a slot', () => {
      const text = '# RFC-0017 for Presto\n\n## [Title]\n\nProposers\n\n* Ana\n\n## [Related Issues]\n\n- prestodb/presto#123\n\n## [Motivation]\n\n## Summary\n\nCatalogs for functions.\n';
      assert.deepEqual(placeholders(text, 'RFC-0017-functions.md'), ['[Title]', '[Motivation]']);
    });

    test('a section whose only text is an ellipsis is unwritten, in every family', () => {
      // A merged RFC that left two sections at `...`; an ellipsis among other text, in code,
      // or ahead of subsections is the author's own.
      const text =
        '# Summary\n[summary]: #summary\n\nIntrinsics.\n\n| a | b |\n|---|---|\n| ... | ... |\n\n# Motivation\n\nFaster, and so on …\n\n' +
        '```\nfn f() {\n    ...\n}\n```\n\n# Unresolved questions\n\n[unresolved-questions]: #unresolved-questions\n\n...\n\n' +
        '# Future possibilities\n[future-possibilities]: #future-possibilities\n<!-- later -->\n\n…\n\n# Design\n\n...\n\n## Parts\n\nTwo.\n';
      assert.deepEqual(placeholders(text, 'rfcs/0003-intrinsics.md'), ['...', '…']);
      assert.deepEqual(placeholders(text, 'docs/notes.md'), ['...', '…']);
    });
  });

  describe('status from the family', () => {
    const severities = (text: string, path: string) =>
      lintText(text, { rules: { 'unfilled-placeholder': undefined, ...Object.fromEntries(RULES.filter((r) => r.meta.id !== 'unfilled-placeholder').map((r) => [r.meta.id, 'off' as const])) }, path }).map((f) => f.severity);

    test('a MADR record’s front-matter status sets the strictness', () => {
      const body = '# Use {database}\n\n## Context and Problem Statement\n\n{problem statement here}\n\n## Considered Options\n\n* A\n\n## Decision Outcome\n\nA.\n';
      assert.deepEqual(severities(`---\nstatus: proposed\n---\n\n${body}`, 'docs/decisions/0001.md'), ['hint']);
      assert.deepEqual(severities(`---\nstatus: accepted\n---\n\n${body}`, 'docs/decisions/0001.md'), ['error']);
    });

    test('a Nygard record’s Status section, and a spec-kit spec’s bold label', () => {
      const nygard = (status: string) => `# 2. Use [Database]\n\n## Status\n\n${status}\n\n## Context\n\nX.\n\n## Decision\n\nA.\n\n## Consequences\n\nB.\n`;
      assert.deepEqual(severities(nygard('Proposed'), 'doc/adr/0002-db.md'), ['hint']);
      assert.deepEqual(severities(nygard('Accepted'), 'doc/adr/0002-db.md'), ['error']);
      const specKit = '# Feature Specification: X\n\n**Status**: Draft\n\n## Requirements\n\n- **FR-001**: [NEEDS CLARIFICATION: which?]\n';
      assert.deepEqual(severities(specKit, 'specs/001-x/spec.md'), ['hint']);
    });
  });

  describe('what real documents of each family hold and are not placeholders', () => {
    test('spec-kit: the clarification marker named in prose, checkboxes written about, a plan\'s workflow sections (not its example rows)', () => {
      const spec = '# Feature Specification: Markers\n\n## Requirements\n\n- **FR-001**: The system MUST keep [NEEDS CLARIFICATION] markers until answered.\n- **FR-002**: [NEEDS CLARIFICATION: how many rounds?]\n';
      assert.deepEqual(placeholders(spec, 'specs/001-markers/spec.md'), ['[NEEDS CLARIFICATION: how many rounds?]']);
      const tasks = '# Tasks\n\n### [X] T001: Modify the root lookup\n\nDone when all tasks are marked [X].\n';
      assert.deepEqual(placeholders(tasks, 'specs/001-markers/tasks.md'), []);
      const plan = [
        '# Implementation Plan: Markers',
        '',
        '## Summary',
        '',
        '[Extract from feature spec]',
        '',
        '## Phase 0: Outline & Research',
        '',
        '1. **Consolidate findings** in `research.md` using format:',
        '   - Decision: [what was chosen]',
        '',
        '## Complexity Tracking',
        '',
        '| Violation | Why Needed |',
        '|---|---|',
        '| [e.g., 4th project] | [current need] |',
        '',
      ].join('\n');
      // Complexity Tracking's example rows are the template's, to replace or delete: they count.
      assert.deepEqual(placeholders(plan, 'specs/001-markers/plan.md'), ['[Extract from feature spec]', '[e.g., 4th project]', '[current need]']);
      assert.deepEqual(placeholders(plan), ['[Extract from feature spec]', '[what was chosen]', '[e.g., 4th project]', '[current need]'], 'outside spec-kit they are placeholders');
    });

    test('spec-kit: an open question the author asked in the execution flow counts; the kit\'s own wording there does not', () => {
      const spec = [
        '# Feature Specification: Questions',
        '',
        '## Execution Flow (main)',
        '',
        '1. For each unclear aspect:',
        '   → Mark with [NEEDS CLARIFICATION: specific question]',
        '   → [NEEDS CLARIFICATION: How many rounds of clarification are acceptable?]',
        '',
        '## Requirements',
        '',
        '- **FR-001**: The system MUST ask once.',
        '',
      ].join('\n');
      assert.deepEqual(placeholders(spec, 'specs/001-questions/spec.md'), ['[NEEDS CLARIFICATION: How many rounds of clarification are acceptable?]']);
    });

    test('KEP: checkboxes written without a list marker and the template\'s tags; anchors and TODO comments anywhere', () => {
      const kep = '# KEP-1: Watch\n\n## Test Plan\n\n[X] I/we understand the owners may require updates.\n\n- [Optional] Aggregation method:\n\nSee [#protect-daemons] and the [Owner] field.\n\nUse TODO comments: rejected.\n';
      assert.deepEqual(placeholders(kep, 'keps/sig-node/1-watch/README.md'), ['[Owner]']);
    });

    test('a MADR option title the author kept in the template’s braces is the author’s, when the document writes it out too', () => {
      const madr = (first: string, second: string) =>
        `# Use ECS\n\n## Considered Options\n\n* ${first}\n* Change ECS to OOP\n\n## Pros and Cons of the Options\n\n### {Keeping the Entity-Component-System}\n\nKeep it.\n\n### ${second}\n\nRenew it.\n`;
      assert.deepEqual(placeholders(madr('Keeping the Entity-Component-System', '{Change ECS to OOP}'), 'docs/decisions/0001-use-ecs.md'), []);
      // Written only in braces, it is the template's slot.
      assert.deepEqual(placeholders(madr('{title of option 1}', '{title of option 1}'), 'docs/decisions/0001-use-ecs.md'), [
        '{title of option 1}',
        '{Keeping the Entity-Component-System}',
        '{title of option 1}',
      ]);
    });

    test('an RFC header’s instruction is a slot in a table row and in front matter too; a to-do word written as a name is no marker', () => {
      const rfc = '---\npr: (leave this empty until the PR is created)\n---\n\n# Retry budget\n\n| **RFC #** | (update when you have a PR #) |\n| :-- | :-- |\n| **Updated** | 2026-12-01 |\n\n## Summary\n\nText (leave this to the reader).\n';
      assert.deepEqual(placeholders(rfc, 'rfcs/0042-retry-budget.md'), ['(leave this empty until the PR is created)', '(update when you have a PR #)']);
      // A header list with bold labels; a field the author filled keeps its parentheses as text.
      const header = '# RFC 0007: Retry budget\n\n- **Discussion:** (link to the issue/PR)\n- **Supersedes / Superseded by:** (if any)\n- **Owner:** Ana (platform team)\n\n## Summary\n\nText.\n';
      assert.deepEqual(placeholders(header, 'rfcs/0007-retry-budget.md'), ['(link to the issue/PR)', '(if any)']);
      const org = '# RFC process\n\n## Summary\n\nChanges to projects maintained by TBD. TBD\'s engineering leads review them.\n\n## Motivation\n\nTBD\n';
      assert.deepEqual(placeholders(org, 'rfcs/0001-rfc-process.md'), []);
      assert.deepEqual(placeholders(org.replace("TBD's", 'The'), 'rfcs/0001-rfc-process.md'), ['TBD', 'TBD']);
      // A feature that handles TODO comments names them: its headings and tasks are no markers.
      const icons = '# Requirements\n\n## Glossary\n\n- **TODO_Icon**: an icon beside lines with TODO comments\n\n### Requirement 3: Spooky TODO Icons\n\n1. WHEN a line contains "TODO", THE extension SHALL show a TODO_Icon.\n\n- [ ] 4. Implement TODO Icon Controller\n';
      assert.deepEqual(placeholders(icons, '.kiro/specs/blood-drip/requirements.md'), []);
      assert.deepEqual(placeholders('# Requirements\n\n### Requirement 3: Icons\n\n1. THE extension SHALL show TODO.\n', '.kiro/specs/blood-drip/requirements.md'), ['TODO']);
      // One mention of a TODO comment, or TBD quoted as a YAML value, names nothing: the markers stay.
      const tasks = '# Tasks\n\n| Store | Delay |\n| --- | --- |\n| Redis | removed (TODO) |\n\n- [ ] T001 Check the TODO comment is removed in src/redis.cs\n';
      assert.deepEqual(placeholders(tasks, 'specs/002-delay/tasks.md'), ['TODO']);
      const kep = '---\ntitle: Testing\nowners:\n  - "TBD"\neditor: TBD\n---\n\n# Testing\n\n## Summary\n\nA harness.\n\n## Motivation\n\nNone yet.\n\n## Proposal\n\nA tool.\n';
      assert.deepEqual(placeholders(kep, 'keps/0008-operator-testing.md'), ['TBD']);
    });

    test('a title that names itself, in a heading or in front matter', () => {
      assert.deepEqual(placeholders('---\ntitle: Short Title\nstatus: DRAFTED\n---\n\n# Short Title\n\n## Summary\n\nText.\n', 'rfcs/0002-new.md'), ['Short Title', 'Short Title']);
      assert.deepEqual(placeholders('---\ntitle: Short Titles for Long Tables\n---\n\n# Short Titles for Long Tables\n\n## Summary\n\nText.\n', 'rfcs/0001-titles.md'), []);
      // A title that says what it stands for: `Title of the Design/Proposal`, `Title of your RFC`.
      const titled = (title: string) => placeholders(`# ${title}\n\n## Summary\n\nText.\n`, 'keps/sig-x/1-y/README.md');
      assert.deepEqual(titled('Title of the Design/Proposal'), ['Title of the Design/Proposal']);
      assert.deepEqual(titled('Title of your RFC'), ['Title of your RFC']);
      assert.deepEqual(titled('Title of the Proposal Process'), []);
      assert.deepEqual(titled('Title of Nobility Records'), []);
      // Written as a setext heading, underlined.
      assert.deepEqual(placeholders('Title of the Design\n===================\n\n## Summary\n\nText.\n', 'keps/sig-x/1-y/README.md'), ['Title of the Design']);
      assert.deepEqual(placeholders('Album sharing\n=============\n\n## Summary\n\nText.\n', 'keps/sig-x/1-y/README.md'), []);
    });
  });
});
