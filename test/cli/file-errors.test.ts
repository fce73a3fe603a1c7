import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, ftruncateSync, mkdirSync, openSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { scratch, specwright } from './helpers';
import { assertValidSarif } from './sarif-schema';

// Files that cannot be checked are made here rather than kept in Git: Git cannot hold a
// FIFO, a dangling link or an unreadable file, and an 11 MB fixture would be absurd.
function folderWithBadFiles(): string {
  const folder = scratch();
  const specs = join(folder, 'specs');
  mkdirSync(specs);
  writeFileSync(join(specs, 'good.md'), '# Good\n\nOwned by [Owner].\n');
  writeFileSync(join(specs, 'binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
  writeFileSync(join(specs, 'latin1.md'), Buffer.from('# Caf\xe9\n', 'latin1'));
  mkdirSync(join(specs, 'folder.md'));
  writeFileSync(join(specs, 'folder.md', 'inner.md'), '# Inner\n\nTODO\n');
  // Sparse: 11 MB long without writing 11 MB.
  const huge = openSync(join(specs, 'huge.md'), 'w');
  ftruncateSync(huge, 11 * 1024 * 1024);
  closeSync(huge);
  symlinkSync(join(specs, 'moved-away.md'), join(specs, 'dangling.md'));
  symlinkSync(join(specs, 'loop.md'), join(specs, 'loop.md'));
  execFileSync('mkfifo', [join(specs, 'fifo.md')]);
  return folder;
}

const EXPECTED_ERRORS = {
  'specs/binary.md': ['binary', 'is a binary file (it contains NUL bytes), not UTF-8 text'],
  'specs/dangling.md': ['unreadable', 'cannot be read: it does not exist (a broken symbolic link?)'],
  'specs/fifo.md': ['not-a-file', 'is not a regular file (a FIFO, socket or device)'],
  'specs/folder.md': ['directory', 'is a folder, not a file'],
  'specs/huge.md': ['too-large', 'is too large to check (11534336 bytes; the limit is 10485760)'],
  'specs/latin1.md': ['not-utf8', 'is not UTF-8 text (save it as UTF-8 to check it)'],
  'specs/loop.md': ['unreadable', 'cannot be read: too many levels of symbolic links'],
} as const;

describe('files that cannot be checked', () => {
  const folder = folderWithBadFiles();

  test('each is reported on stderr, the others are still checked, and the exit code is 1', async () => {
    const { code, stdout, stderr } = await specwright(['lint'], { cwd: folder });
    assert.equal(code, 1, 'only warnings were found, yet the run fails');
    assert.deepEqual(
      stderr.trimEnd().split('\n').sort(),
      Object.entries(EXPECTED_ERRORS).map(([path, [, message]]) => `specwright: ${path} ${message}`),
    );
    assert.match(stdout, /^specs\/folder\.md\/inner\.md\n {2}3:1 {2}warning {2}Expected finished text/m, 'files inside the folder named like a spec');
    assert.match(stdout, /^specs\/good\.md\n/m);
    assert.match(stdout, /✖ 7 files could not be checked or fixed \(see above\)\n$/);
  });

  test('json lists them with a code and a message', async () => {
    const { code, stdout } = await specwright(['lint', '--format', 'json'], { cwd: folder });
    assert.equal(code, 1);
    const output = JSON.parse(stdout);
    const errors = Object.fromEntries(
      output.files.filter((file: { error?: unknown }) => file.error).map((file: { path: string; error: { code: string; message: string } }) => [file.path, [file.error.code, file.error.message]]),
    );
    assert.deepEqual(errors, EXPECTED_ERRORS);
    assert.equal(output.summary.fileErrors, 7);
    assert.deepEqual(
      output.files.filter((file: { error?: unknown }) => !file.error).map((file: { path: string }) => file.path),
      ['specs/folder.md/inner.md', 'specs/good.md'],
    );
  });

  test('sarif reports them as tool execution notifications', async () => {
    const sarif = JSON.parse((await specwright(['lint', '--format', 'sarif'], { cwd: folder })).stdout);
    assertValidSarif(sarif);
    const [invocation] = sarif.runs[0].invocations;
    assert.equal(invocation.executionSuccessful, false);
    assert.deepEqual(
      invocation.toolExecutionNotifications.map((n: { level: string; descriptor: { id: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => [
        n.locations[0]?.physicalLocation.artifactLocation.uri,
        n.level,
        n.descriptor.id,
      ]),
      Object.entries(EXPECTED_ERRORS).map(([path, [code]]) => [path, 'error', code]),
    );
    assert.equal(sarif.runs[0].results.length, 2, 'findings of the readable files');
  });

  test('named explicitly, a bad file is still an error and a good one is still checked', async () => {
    const { code, stdout, stderr } = await specwright(['lint', '-f', 'json', 'specs/binary.md', 'specs/good.md'], { cwd: folder });
    assert.equal(code, 1);
    assert.equal(stderr, 'specwright: specs/binary.md is a binary file (it contains NUL bytes), not UTF-8 text\n');
    assert.equal(JSON.parse(stdout).files[1].findings.length, 1);
  });

  // chmod 000 does not stop root, and these tests run as root in CI. So when root, the
  // CLI runs as the unprivileged `nobody` user (uid 65534), for whom the mode is real;
  // otherwise it runs as the current user. Either way the kernel refuses the read.
  test('a file without read permission', async () => {
    const locked = scratch();
    mkdirSync(join(locked, 'specs'));
    writeFileSync(join(locked, 'specs/locked.md'), '# Locked\n');
    writeFileSync(join(locked, 'specs/open.md'), '# Open\n\nBy [Owner].\n');
    chmodSync(join(locked, 'specs/locked.md'), 0o000);
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const { code, stdout, stderr } = await specwright(['lint', '-f', 'json'], { cwd: locked, ...asUser });
    assert.equal(stderr, 'specwright: specs/locked.md cannot be read: permission denied\n');
    assert.equal(code, 1);
    const output = JSON.parse(stdout);
    assert.deepEqual(output.files[0].error, { code: 'unreadable', message: 'cannot be read: permission denied' });
    assert.equal(output.files[1].findings.length, 1, 'the readable file is checked');
  });

  test('a file that is not a spec is skipped quietly even when it cannot be read', async () => {
    const notes = scratch();
    mkdirSync(join(notes, 'notes'));
    writeFileSync(join(notes, 'notes/binary.md'), Buffer.from([0, 1, 2]));
    assert.deepEqual(await specwright(['lint'], { cwd: notes }), {
      code: 0,
      stdout: '',
      stderr: "specwright: no spec files found in the current folder (see 'specwright lint --help' for which files are specs)\n",
    });
  });
});
