import assert from 'node:assert/strict';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { lintText } from '../../server/src/core/lint/lint';
import { applyPreferredFixes, writeIfUnchanged } from '../../server/src/cli/lint/fix';
import { FIXTURES, scratch, specwright } from './helpers';

const before = readFileSync(join(FIXTURES, 'fix/specs/pasted.md'));
const after = readFileSync(join(FIXTURES, 'fix/expected/pasted.md'));

describe('specwright lint --fix', () => {
  test('applies every preferred fix, byte for byte, and reports what remains', async () => {
    const folder = scratch(join(FIXTURES, 'fix'));
    const { code, stdout, stderr } = await specwright(['lint', '--fix', 'specs'], { cwd: folder });
    assert.equal(stderr, '');
    assert.equal(code, 0, 'only warnings remain');
    assert.deepEqual(readFileSync(join(folder, 'specs/pasted.md')), after);
    assert.equal(
      stdout,
      [
        'specs/pasted.md',
        '  13:3  warning  Expected the placeholder `[What was planned but not built]` to be replaced, found it unfilled  unfilled-placeholder',
        '',
        '✖ 1 problem (0 errors, 1 warning)',
        '✔ fixed 6 problems in 1 file',
        '',
      ].join('\n'),
    );
    assert.deepEqual(readdirSync(join(folder, 'specs')), ['pasted.md'], 'no temporary file is left behind');
  });

  test('keeps a byte-order mark and CRLF line endings', async () => {
    const folder = scratch();
    const crlf = (bytes: Buffer) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(bytes.toString('utf8').replace(/\n/g, '\r\n'))]);
    mkdirSync(join(folder, 'specs'));
    writeFileSync(join(folder, 'specs/pasted.md'), crlf(before));
    const { stdout } = await specwright(['lint', '--fix', '-f', 'json'], { cwd: folder });
    assert.deepEqual(readFileSync(join(folder, 'specs/pasted.md')), crlf(after));
    const [file] = JSON.parse(stdout).files;
    assert.equal(file.fixed, 6);
    assert.deepEqual(
      file.findings.map((f: { ruleId: string; line: number }) => `${f.ruleId}@${f.line}`),
      ['unfilled-placeholder@13'],
    );
  });

  test('leaves files without fixes untouched, and keeps permissions and links', async () => {
    const folder = scratch(join(FIXTURES, 'fix'));
    mkdirSync(join(folder, 'specs/linked'));
    symlinkSync(join(folder, 'expected/pasted.md'), join(folder, 'specs/linked/clean.md'));
    writeFileSync(join(folder, 'real.md'), before);
    symlinkSync(join(folder, 'real.md'), join(folder, 'specs/linked/pasted.md'));
    chmodSync(join(folder, 'real.md'), 0o640);
    const untouched = statSync(join(folder, 'expected/pasted.md'));
    assert.equal((await specwright(['lint', '--fix', 'specs/linked'], { cwd: folder })).code, 0);
    const stillUntouched = statSync(join(folder, 'expected/pasted.md'));
    assert.equal(stillUntouched.ino, untouched.ino, 'not rewritten');
    assert.equal(stillUntouched.mtimeMs, untouched.mtimeMs, 'not rewritten');
    assert.ok(lstatSync(join(folder, 'specs/linked/pasted.md')).isSymbolicLink(), 'the link is still a link');
    assert.deepEqual(readFileSync(join(folder, 'real.md')), after, 'its target was fixed');
    assert.equal(statSync(join(folder, 'real.md')).mode & 0o777, 0o640);
  });

  test('without --fix nothing is written, and fixable findings are counted', async () => {
    const folder = scratch(join(FIXTURES, 'fix'));
    const { stdout } = await specwright(['lint'], { cwd: folder });
    assert.deepEqual(readFileSync(join(folder, 'specs/pasted.md')), before);
    assert.match(stdout, /\n {2}6 problems fixable with the `--fix` option\n$/);
  });
});

// The guard against overwriting a file that changed after it was read. The CLI writes
// files only through writeIfUnchanged (the last test proves that), so testing the
// function with a file changed between "read" and "write" tests the command.
describe('writeIfUnchanged', () => {
  test('refuses to write a file that changed since it was read', () => {
    const folder = scratch();
    const path = join(folder, 'spec.md');
    writeFileSync(path, before);
    const read = readFileSync(path);
    writeFileSync(path, 'Saved by an editor meanwhile.\n');
    const error = writeIfUnchanged(path, read, after.toString('utf8'));
    assert.deepEqual(error, { code: 'changed', message: 'changed while it was being fixed; left as it is (run again to fix it)' });
    assert.equal(readFileSync(path, 'utf8'), 'Saved by an editor meanwhile.\n');
    assert.deepEqual(readdirSync(folder), ['spec.md']);
  });

  test('replaces an unchanged file in one rename', () => {
    const folder = scratch();
    const path = join(folder, 'spec.md');
    writeFileSync(path, before);
    const inode = statSync(path).ino;
    assert.equal(writeIfUnchanged(path, readFileSync(path), after.toString('utf8')), undefined);
    assert.deepEqual(readFileSync(path), after);
    assert.notEqual(statSync(path).ino, inode, 'a new file took its place: readers never see half of it');
    assert.deepEqual(readdirSync(folder), ['spec.md']);
  });

  test('reports a file that vanished instead of creating it', () => {
    const folder = scratch();
    const error = writeIfUnchanged(join(folder, 'gone.md'), before, 'x');
    assert.equal(error?.code, 'unreadable');
    assert.deepEqual(readdirSync(folder), []);
  });

  test('is the only way the CLI rewrites a file (`new` only creates files, exclusively; `trace --accept` writes only the trace lock)', () => {
    const root = resolve(__dirname, '../../server/src/cli');
    const writers: string[] = [];
    const visit = (folder: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) visit(path);
        else if (/\b(writeFileSync|writeFile|writeSync|appendFileSync|createWriteStream|copyFileSync|renameSync|truncateSync)\b/.test(readFileSync(path, 'utf8'))) {
          writers.push(relative(root, path));
        }
      }
    };
    visit(root);
    assert.deepEqual(writers, ['commands/new.ts', 'lint/fix.ts', 'trace/lock-file.ts']);
    assert.match(readFileSync(join(root, 'trace/lock-file.ts'), 'utf8'), /const path = join\(root, TRACE_LOCK_PATH\);/, 'the lock writer writes the lock only');
    assert.match(readFileSync(join(root, 'commands/new.ts'), 'utf8'), /openSync\(target, constants\.O_CREAT \| constants\.O_EXCL \| constants\.O_WRONLY/, 'new creates with O_EXCL');
    assert.equal(readFileSync(join(root, 'lint/fix.ts'), 'utf8').match(/\b(writeSync|renameSync)\(/g)?.length, 2, 'one write, one rename, in writeIfUnchanged');
  });
});

describe('applyPreferredFixes', () => {
  test('takes each fix whole, skips one that overlaps a fix already taken', () => {
    const text = 'âœ… and Ã©';
    const findings = lintText(text).filter((finding) => finding.ruleId === 'mojibake');
    assert.equal(findings.length, 2);
    assert.deepEqual(applyPreferredFixes(text, findings), { text: '✅ and é', applied: 2 });
    const overlapping = [findings[0], { ...findings[1], fixes: [{ title: 'x', preferred: true, edits: [{ range: { start: 1, end: 5 }, newText: 'x' }] }] }];
    assert.deepEqual(applyPreferredFixes(text, overlapping as typeof findings), { text: '✅ and Ã©', applied: 1 });
  });
});
