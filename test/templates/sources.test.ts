import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { loadTemplates, templateFolders } from '../../server/src/workspace/template-store';
import { templatesOf } from '../../server/src/core/templates/template-set';

const root = mkdtempSync(join(tmpdir(), 'specwright-sources-'));
after(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

describe('template sources', () => {
  const workspace = join(root, 'workspace');
  const team = join(root, 'team-templates');
  write(join(workspace, '.specwright/templates/feature-spec/template.md'), '# Our Feature Spec: [Feature Name]\n\n## Why\n\n## What\n');
  write(join(workspace, '.specwright/templates/feature-spec/manifest.yaml'), 'id: feature-spec\nlabel: Our feature spec\n');
  write(join(workspace, '.specwright/templates/rfc.md'), '# RFC: [Title]\n\n## Summary\n\n## Motivation\n');
  write(join(workspace, '.specwright/templates/broken/template.md'), '# Broken\n');
  write(join(workspace, '.specwright/templates/broken/manifest.yaml'), 'id: Broken Id\nlabel: Broken\n');
  write(join(workspace, '.specify/templates/spec-template.md'), '# Feature Specification: [FEATURE NAME]\n\n## User Scenarios & Testing\n');
  write(join(team, 'adr/template.md'), '# ADR: [Decision]\n\n## Context\n\n## Decision\n\n## Consequences\n');
  write(join(team, 'adr/manifest.yaml'), 'id: adr\nlabel: Architecture decision record\n');
  write(join(root, 'secret.md'), '# Secret\n');
  symlinkSync(join(root, 'secret.md'), join(workspace, '.specwright/templates/escape.md'));

  test('precedence: built-in < user folders < spec-kit < workspace, and overrides are listed', async () => {
    const set = await loadTemplates(templateFolders(workspace, [team]));
    const entry = set.entries.find((e) => e.template.id === 'feature-spec');
    assert.equal(entry?.template.origin, 'workspace');
    assert.equal(entry?.template.manifest.label, 'Our feature spec');
    assert.deepEqual(entry?.overrides.map((t) => t.origin), ['built-in']);
    const ids = templatesOf(set).map((t) => `${t.id}:${t.origin}`);
    assert.ok(ids.includes('adr:user'), ids.join());
    assert.ok(ids.includes('rfc:workspace'), ids.join());
    assert.ok(ids.includes('spec-kit-spec:spec-kit'), ids.join());
    assert.equal(templatesOf(set).find((t) => t.id === 'rfc')?.manifest.label, 'RFC');
  });

  test('an invalid manifest leaves its template out, with a problem on the exact value', async () => {
    const set = await loadTemplates(templateFolders(workspace, []));
    assert.ok(!templatesOf(set).some((t) => t.manifest.label === 'Broken'));
    const problem = set.problems.find((p) => p.location.endsWith(join('broken', 'manifest.yaml')));
    assert.ok(problem?.range, JSON.stringify(set.problems));
    assert.equal('id: Broken Id\n'.slice(problem.range.start, problem.range.end), 'Broken Id');
  });

  test('a link that leads out of the templates folder is not read', async () => {
    const set = await loadTemplates(templateFolders(workspace, []));
    assert.ok(!templatesOf(set).some((t) => t.id === 'escape'));
    assert.ok(set.problems.some((p) => p.location.endsWith('escape.md') && /leads out/.test(p.message)));
  });

  test('a workspace template folder that links out of the workspace is not read', async () => {
    const linked = join(root, 'linked-workspace');
    mkdirSync(join(linked, '.specwright'), { recursive: true });
    mkdirSync(join(linked, 'docs'), { recursive: true });
    symlinkSync(team, join(linked, '.specwright', 'templates'));
    symlinkSync(team, join(linked, 'docs', 'templates'));
    // The second folder is what a config file in the workspace names (inside it, but a link out).
    const set = await loadTemplates(templateFolders(linked, [join(linked, 'docs', 'templates')]));
    assert.ok(!templatesOf(set).some((t) => t.id === 'adr'), templatesOf(set).map((t) => t.id).join());
    const outside = set.problems.filter((p) => /inside the workspace/.test(p.message)).map((p) => p.location);
    assert.deepEqual(outside.sort(), [join(linked, '.specwright', 'templates'), join(linked, 'docs', 'templates')]);
    // The same folder named by the user (outside the workspace) is read.
    const user = await loadTemplates(templateFolders(linked, [team]));
    assert.ok(templatesOf(user).some((t) => t.id === 'adr'));
  });

  test('missing folders are fine', async () => {
    const set = await loadTemplates(templateFolders(join(root, 'nowhere'), [join(root, 'nothing')]));
    assert.equal(set.problems.length, 0);
    assert.equal(templatesOf(set).length, 6);
  });

  test('spec-kit placeholders such as [FEATURE NAME] are filled without a manifest', async () => {
    const { instantiate } = await import('../../server/src/core/templates/instantiate');
    const set = await loadTemplates(templateFolders(workspace, []));
    const specKit = templatesOf(set).find((t) => t.id === 'spec-kit-spec')!;
    const instance = instantiate(specKit, { title: 'Photo albums', now: new Date('2026-01-01T00:00:00Z') });
    assert.ok(instance.text.startsWith('# Feature Specification: Photo albums\n'));
  });
});
