import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from '../../server/src/cli/run';
import { scratch, specwright } from './helpers';

const SPEC = '# Spec\n\nOwned by [Owner].\n';

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

// A working tree (a `.git` folder is all it takes to mark one) with ignore rules at
// every level Git reads them from. Made at test time: Git would not add ignored files.
function repository(): string {
  const root = scratch();
  write(root, {
    '.git/info/exclude': 'specs/excluded-by-info.md\n',
    '.gitignore': 'generated/\n*.draft.md\n!specs/keep.draft.md\n',
    'specs/a.md': SPEC,
    'specs/generated/x.md': SPEC,
    'specs/b.draft.md': SPEC,
    'specs/keep.draft.md': SPEC,
    'specs/excluded-by-info.md': SPEC,
    'specs/sub/.gitignore': 'local.md\n',
    'specs/sub/local.md': SPEC,
    'specs/sub/shared.md': SPEC,
    'node_modules/pkg/specs/x.md': SPEC,
    'docs/notes.md': '# Notes\n\n[Name] is not a spec.\n',
    'docs/opted.md': `---\nspecwright: technical-spec\n---\n${SPEC}`,
    'docs/opted.txt': `---\nspecwright: technical-spec\n---\n${SPEC}`,
  });
  return root;
}

async function checked(args: string[], cwd: string): Promise<string[]> {
  const { code, stdout, stderr } = await specwright(['lint', '--format', 'json', ...args], { cwd });
  assert.equal(stderr, '');
  assert.equal(code, 0);
  return JSON.parse(stdout).files.map((file: { path: string }) => file.path);
}

describe('which files specwright lint checks', () => {
  const root = repository();

  test('a folder: specs by path or front matter, minus what Git ignores, node_modules and .git', async () => {
    assert.deepEqual(await checked([], root), ['docs/opted.md', 'specs/a.md', 'specs/keep.draft.md', 'specs/sub/shared.md']);
  });

  test('the .gitignore files above a subfolder still apply, from the top of the working tree', async () => {
    assert.deepEqual(await checked(['specs/sub'], root), ['specs/sub/shared.md']);
    assert.deepEqual(await checked([], join(root, 'specs')), ['a.md', 'keep.draft.md', 'sub/shared.md']);
  });

  test('named files are always checked: ignored, not a spec, or not Markdown', async () => {
    assert.deepEqual(await checked(['specs/b.draft.md', 'docs/notes.md', 'docs/opted.txt', 'node_modules/pkg/specs/x.md'], root), [
      'docs/notes.md',
      'docs/opted.txt',
      'node_modules/pkg/specs/x.md',
      'specs/b.draft.md',
    ]);
  });

  test('a folder named on the command line is checked whole, even outside the spec globs', async () => {
    assert.deepEqual(await checked(['docs'], root), ['docs/notes.md', 'docs/opted.md']);
  });

  test('a folder or glob that matches no Markdown file is a usage error, as in ESLint', async () => {
    const empty = scratch();
    write(empty, { 'design/readme.txt': 'not Markdown\n', 'specs/a.md': SPEC });
    for (const arg of ['design', 'design/*.md', 'nothing/**/*.md']) {
      const { code, stdout, stderr } = await specwright(['lint', arg], { cwd: empty });
      assert.equal(code, 2, arg);
      assert.equal(stdout, '');
      assert.match(stderr, new RegExp(`no Markdown files matching '${arg.replace(/[*.]/g, '\\$&')}' were found`), arg);
    }
  });

  test('folders a config above them excludes are not walked, and configs inside them are not read', async () => {
    const tree = scratch();
    write(tree, {
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.specwright.yaml': 'excludeFiles:\n  - "test/fixtures/**"\n',
      'specs/a.md': '# Spec\n\nDone.\n',
      'test/fixtures/broken/.specwright.yaml': 'rules:\n  empty-section: loud\n',
      'test/fixtures/broken/specs/b.md': SPEC,
    });
    assert.deepEqual(await checked([], tree), ['specs/a.md']);
  });

  test('a repository nested in a folder a config above excludes is walked from inside it: its own settings apply', async () => {
    const tree = scratch();
    write(tree, {
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.specwright.yaml': 'excludeFiles:\n  - "work/**"\n',
      'work/nested/.git/HEAD': 'ref: refs/heads/main\n',
      'work/nested/docs/specs/a.md': '# Spec\n\nDone.\n',
    });
    assert.deepEqual(await checked(['.'], join(tree, 'work/nested')), ['docs/specs/a.md']);
  });

  test('globs expand like folders: Git ignores apply, and what they name is checked whatever `files` says', async () => {
    assert.deepEqual(await checked(['specs/**/*.md'], root), ['specs/a.md', 'specs/keep.draft.md', 'specs/sub/shared.md']);
    assert.deepEqual(await checked(['docs/*.md'], root), ['docs/notes.md', 'docs/opted.md']);
    assert.deepEqual(await checked(['./specs/*.md', 'specs/a.md'], root), ['specs/a.md', 'specs/keep.draft.md'], 'each file once');
  });
});

describe('the progress line', () => {
  const many = scratch();
  write(many, Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`specs/spec-${String(i).padStart(2, '0')}.md`, SPEC])));

  test('never appears when stderr is not a terminal', async () => {
    const { code, stderr, stdout } = await specwright(['lint'], { cwd: many });
    assert.equal(code, 0);
    assert.equal(stderr, '');
    assert.ok(!stdout.includes('\r'));
    assert.match(stdout, /✖ 25 problems \(0 errors, 25 warnings\)\n$/);
  });

  // A child process cannot be given a terminal without a pseudo-terminal library, so
  // this runs the same code in-process with a stderr that says it is one.
  test('on a terminal, is drawn on stderr and cleared at the end', async () => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(['lint'], {
      cwd: many,
      env: {},
      stdout: { write: (text) => void (stdout += text), isTTY: false },
      stderr: { write: (text) => void (stderr += text), isTTY: true },
    });
    assert.equal(code, 0);
    assert.ok(stderr.startsWith('\r\u001b[2KChecking 1/25…'), JSON.stringify(stderr));
    assert.ok(stderr.endsWith('\r\u001b[2K'), 'cleared');
    assert.ok(!stdout.includes('Checking'));
    let few = '';
    await runCli(['lint', 'specs/spec-00.md'], { cwd: many, env: {}, stdout: { write: () => {}, isTTY: false }, stderr: { write: (text) => void (few += text), isTTY: true } });
    assert.equal(few, '', 'not for a handful of files');
  });
});
