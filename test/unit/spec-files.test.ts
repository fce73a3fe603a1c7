import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSpec } from '../../server/src/core/parse/spec-document';
import { DEFAULT_SETTINGS, isBoundedGlob, normalizeSettings } from '../../server/src/core/config/settings';
import { isSpecFile, relativePath, specPath, specPathOf } from '../../server/src/workspace/spec-files';

describe('which files are specs', () => {
  test('paths are relative to the innermost workspace folder, decoded', () => {
    const folders = ['file:///ws', 'file:///ws/docs'];
    assert.equal(relativePath('file:///ws/specs/a.md', folders), 'specs/a.md');
    assert.equal(relativePath('file:///ws/docs/specs/b%20c.md', folders), 'specs/b c.md');
    assert.equal(relativePath('file:///elsewhere/specs/d.md', folders), 'elsewhere/specs/d.md');
    assert.equal(relativePath('untitled:Untitled-1', folders), 'Untitled-1');
  });

  test('default globs match specs and not other Markdown', () => {
    const is = (path: string) => isSpecFile(path, DEFAULT_SETTINGS, undefined);
    assert.equal(is('specs/checkout.md'), true);
    assert.equal(is('product/specs/v2/export.md'), true);
    assert.equal(is('api.spec.md'), true);
    assert.equal(is('rfcs/0001-queues.md'), true);
    assert.equal(is('kaa-rfcs/0003/README.md'), true, 'a folder named as a set of RFCs');
    // KEPs kept one file each, or as an enhancement's README: checked where they show a KEP's headings.
    for (const kep of ['keps/0003-kep-cli.md', 'keps/sig-node/0002-swap.md', 'keps/0004-swap/README.md', 'enhancements/20260106-host-devices.md', 'enhancements/tenant-onboarding/README.md']) {
      assert.equal(is(kep), true, kep);
    }
    assert.equal(is('keps/README.md'), false);
    assert.equal(is('enhancements/README.md'), false);
    assert.equal(is('README.md'), false);
    assert.equal(is('notes/meeting.md'), false);
    assert.equal(is('node_modules/pkg/specs/x.md'), false, 'excluded by default');
    // The prompt a feature's folder keeps for its agent, with the agent's pasted output: not a spec; the folder's documents are.
    assert.equal(is('.kiro/specs/0010-sql-log/prompt.md'), false);
    assert.equal(is('.kiro/specs/0010-sql-log/requirements.md'), true);
  });

  test("a repository of documents cloned under its own name: its folder's name places what the path alone does not", () => {
    // Yarn's RFCs sit in `accepted/`, a decision log repository named `adr` keeps them at its top.
    assert.equal(specPath('accepted/0001-x.md', 'rfcs', DEFAULT_SETTINGS), 'rfcs/accepted/0001-x.md');
    assert.equal(specPath('0005-use-postgres.md', 'adr', DEFAULT_SETTINGS), 'adr/0005-use-postgres.md');
    assert.equal(specPathOf('file:///home/ana/src/adr/0005-use-postgres.md', ['file:///home/ana/src/adr'], DEFAULT_SETTINGS), 'adr/0005-use-postgres.md');
    assert.equal(isSpecFile(specPath('accepted/0001-x.md', 'rfcs', DEFAULT_SETTINGS), DEFAULT_SETTINGS, undefined), true);
    // Vue's `active-rfcs/` is a folder of RFCs by its own name.
    assert.equal(specPath('active-rfcs/0001-x.md', 'rfcs', DEFAULT_SETTINGS), 'active-rfcs/0001-x.md');
    // What the path places stays as it is; the repository's own files at its top are never specs by the name.
    assert.equal(specPath('text/0001-x.md', 'rfcs', DEFAULT_SETTINGS), 'text/0001-x.md');
    for (const file of ['README.md', 'CONTRIBUTING.md', 'CODE_OF_CONDUCT.md', 'LICENSE.md', 'changelog.md']) assert.equal(specPath(file, 'rfcs', DEFAULT_SETTINGS), file, file);
    // Inside the repository, a README is a document like any other (a KEP's folder holds one).
    assert.equal(specPath('accepted/README.md', 'rfcs', DEFAULT_SETTINGS), 'rfcs/accepted/README.md');
    // Any other folder's name places nothing; excluded files stay excluded.
    assert.equal(specPath('notes/meeting.md', 'website', DEFAULT_SETTINGS), 'notes/meeting.md');
    assert.equal(specPath('node_modules/x/0001.md', 'rfcs', DEFAULT_SETTINGS), 'node_modules/x/0001.md');
    assert.equal(specPath('draft.md', 'rfcs', normalizeSettings({ excludeFiles: ['**/rfcs/draft.md'] })), 'draft.md');
    assert.equal(specPath('0001-x.md', undefined, DEFAULT_SETTINGS), '0001-x.md');
  });

  test('includeFiles opts in, excludeFiles wins, enable turns everything off', () => {
    const settings = normalizeSettings({ includeFiles: ['notes/design.md'], excludeFiles: ['specs/old/**'] });
    assert.equal(isSpecFile('notes/design.md', settings, undefined), true);
    assert.equal(isSpecFile('specs/old/a.md', settings, undefined), false);
    assert.equal(isSpecFile('specs/a.md', normalizeSettings({ enable: false }), undefined), false);
  });

  test('globs that would make matching slow are not used: at most 4 runs of `*`, 3 in one segment', () => {
    for (const glob of [...DEFAULT_SETTINGS.files, ...DEFAULT_SETTINGS.excludeFiles, 'docs/**/specs/**/*-spec*.md', '*a*a*b']) assert.ok(isBoundedGlob(glob), glob);
    for (const glob of ['*a*a*a*b', '**/*a*a*a*b', '**/a/**/b/**/c/**/d*.md']) assert.ok(!isBoundedGlob(glob), glob);
    const settings = normalizeSettings({ files: ['**/specs/**/*.md', '**/*a*a*a*a*b'], includeFiles: ['*x*x*x*x*'], excludeFiles: ['**/node_modules/**'] });
    assert.deepEqual([settings.files, settings.includeFiles, settings.excludeFiles], [['**/specs/**/*.md'], [], ['**/node_modules/**']]);
  });

  test('front matter naming a Specwright template opts a file in', () => {
    const named = parseSpec('---\nspecwright: technical-spec\n---\n# Design\n');
    const empty = parseSpec('---\nspecwright:\n---\n# Design\n');
    assert.equal(isSpecFile('notes/design.md', DEFAULT_SETTINGS, named), true);
    assert.equal(isSpecFile('notes/design.md', DEFAULT_SETTINGS, empty), false);
    assert.equal(isSpecFile('node_modules/x/design.md', DEFAULT_SETTINGS, named), false);
  });
});
