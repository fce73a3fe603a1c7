import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { FIXTURES, scratch, specwright } from './helpers';

const findings = scratch(join(FIXTURES, 'findings'));
const clean = scratch(join(FIXTURES, 'clean'));
const config = scratch(join(FIXTURES, 'config'));
// Broken config files are written here, not kept in the repository, so that linting
// the repository itself is not stopped by them.
for (const [folder, name, text] of [
  ['bad', '.specwright.yaml', 'rules:\n  empty-section: loud\ntemplateFolders:\n  - ../shared-templates\n'],
  ['broken-yaml', '.specwright.yml', 'files: [specs/**/*.md\nrules: {}\n'],
]) {
  mkdirSync(join(config, folder, 'specs'), { recursive: true });
  writeFileSync(join(config, folder, name), text);
  writeFileSync(join(config, folder, 'specs/search.md'), '# Search: [Feature Name]\n\n## Goals\n');
}

/** A folder with one spec that has only warnings (three of them). */
function warningsOnly(): string {
  const folder = scratch();
  mkdirSync(join(folder, 'specs'));
  writeFileSync(join(folder, 'specs/a.md'), '# [Feature Name]\n\n## Goals\n\n## Design\n\nWritten by [Owner].\n');
  return folder;
}

describe('specwright exit codes and options', () => {
  test('0 when clean, 1 for an error', async () => {
    assert.equal((await specwright(['lint'], { cwd: clean })).code, 0);
    assert.equal((await specwright(['lint', 'specs/broken.md'], { cwd: findings })).code, 1);
  });

  test('at the top of this repository, nothing written wrong on purpose stops or fails the run', async () => {
    // The test fixtures include a deliberately broken config file; the repository's own
    // config excludes test/, so that folder is not walked and that config never read.
    const run = await specwright(['lint', '--format', 'json'], { cwd: resolve(__dirname, '../..') });
    assert.equal(run.code, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /config file has errors/);
  });

  test('warnings alone exit 0 unless there are more than --max-warnings', async () => {
    const folder = warningsOnly();
    const run = (...args: string[]) => specwright(['lint', ...args], { cwd: folder });
    assert.equal((await run()).code, 0);
    assert.equal((await run('--max-warnings', '3')).code, 0);
    const over = await run('--max-warnings', '2');
    assert.equal(over.code, 1);
    assert.equal(over.stderr, 'specwright: too many warnings (3; at most 2 allowed)\n');
    assert.equal((await run('--max-warnings=0')).code, 1);
    assert.equal((await run('--max-warnings=-1')).code, 0, '-1 means no limit');
  });

  test('--quiet reports errors only, and warnings still count for --max-warnings', async () => {
    const quiet = await specwright(['lint', '--quiet'], { cwd: findings });
    assert.equal(quiet.code, 1);
    assert.equal(quiet.stdout, 'specs/broken.md\n  4:1  error  Expected valid YAML, found: Missing closing "quote  front-matter-syntax\n\n✖ 1 problem (1 error, 0 warnings)\n');
    const folder = warningsOnly();
    assert.deepEqual(await specwright(['lint', '-q'], { cwd: folder }), { code: 0, stdout: '', stderr: '' });
    assert.equal((await specwright(['lint', '-q', '--max-warnings', '0'], { cwd: folder })).code, 1);
  });

  test('2 for wrong arguments, with a pointer to --help', async () => {
    const cases: [string[], RegExp][] = [
      [[], /^Usage: specwright <command>/],
      [['frobnicate'], /unknown command 'frobnicate'/],
      [['lint', '--frobnicate'], /Unknown option '--frobnicate'/],
      [['lint', '--format', 'xml'], /unknown format 'xml' \(expected stylish, json, sarif\)/],
      [['lint', '--max-warnings', 'many'], /--max-warnings expects a whole number, found 'many'/],
      [['lint', '--max-warnings'], /argument missing|requires? an? (value|argument)/i],
      [['lint', '--config', '.specwright.yaml', '--no-config'], /cannot be used together/],
      [['lint', 'no/such/file.md'], /no such file or folder: no\/such\/file\.md/],
    ];
    for (const [args, pattern] of cases) {
      const { code, stdout, stderr } = await specwright(args, { cwd: clean });
      assert.equal(code, 2, args.join(' '));
      assert.equal(stdout, '', args.join(' '));
      assert.match(stderr, pattern, args.join(' '));
      if (args.length > 0) assert.match(stderr, /Run 'specwright (lint )?--help' for usage\.\n$/, args.join(' '));
    }
  });

  test('--help and --version', async () => {
    const help = await specwright(['--help'], { cwd: clean });
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: specwright <command> \[options\]\n/);
    assert.match(help.stdout, /\n {2}lint \[paths or globs\.\.\.\] +check spec files/);
    assert.match(help.stdout, /Exit codes:\n {2}0 .*\n {2}1 .*\n {2}2 /);
    const lintHelp = await specwright(['lint', '--help'], { cwd: clean });
    assert.equal(lintHelp.code, 0);
    assert.match(lintHelp.stdout, /^Usage: specwright lint \[options\] \[paths or globs\.\.\.\]\n/);
    for (const option of ['--format', '--max-warnings', '--quiet', '--fix', '--config', '--no-config']) assert.ok(lintHelp.stdout.includes(option), option);
    assert.equal((await specwright(['help', 'lint'], { cwd: clean })).stdout, lintHelp.stdout);
    const version = await specwright(['--version'], { cwd: clean });
    assert.deepEqual(version, { code: 0, stdout: '0.1.0\n', stderr: '' });
  });

  test('a config file changes which files are specs and the severities', async () => {
    // A bare `lint` checks what the config calls specs; a folder named on the command line would be checked whole.
    const { code, stdout } = await specwright(['lint', '--format', 'json'], { cwd: join(config, 'good') });
    assert.equal(code, 1, 'placeholders are errors here');
    const output = JSON.parse(stdout);
    assert.deepEqual(
      output.files.map((file: { path: string }) => file.path),
      ['design/search.md'],
      'design/ holds the specs; specs/ no longer does',
    );
    assert.deepEqual(
      output.files[0].findings.map((f: { ruleId: string; severity: string }) => `${f.ruleId} ${f.severity}`),
      ['unfilled-placeholder error'],
      'empty-section is off',
    );
  });

  test('--no-config ignores it; --config names one for every file', async () => {
    const none = JSON.parse((await specwright(['lint', '--no-config', '-f', 'json'], { cwd: join(config, 'good') })).stdout);
    assert.deepEqual(
      none.files.map((file: { path: string }) => file.path),
      ['specs/ignored-by-config.md'],
    );
    const named = JSON.parse((await specwright(['lint', '--config', '../good/.specwright.yaml', '-f', 'json'], { cwd: join(config, 'broken-yaml') })).stdout);
    assert.deepEqual(
      named.files.map((file: { path: string }) => file.path),
      [],
      'the named config applies, so broken-yaml/specs is not a spec folder, and its own broken config is never read',
    );
  });

  test('a bad config file: exit 2, its problems as file:line:col, nothing checked', async () => {
    const bad = await specwright(['lint', 'bad'], { cwd: config });
    assert.equal(bad.code, 2);
    assert.equal(bad.stdout, '');
    assert.equal(
      bad.stderr,
      [
        "bad/.specwright.yaml:2:18: error: Expected `error`, `warning`, `information`, `hint` or `off` for `rules.empty-section`, found `loud`",
        "bad/.specwright.yaml:4:5: error: Expected a folder inside the config file's folder, found a path that leaves it with `..`",
        'specwright: the config file has errors; nothing was checked.',
        '',
      ].join('\n'),
    );
    const broken = await specwright(['lint', '--format', 'json'], { cwd: join(config, 'broken-yaml') });
    assert.equal(broken.code, 2);
    assert.equal(broken.stdout, '');
    assert.match(broken.stderr, /^\.specwright\.yml:2:1: error: Expected valid YAML, found: Flow sequence/);
    const missing = await specwright(['lint', '--config', 'nowhere.yaml'], { cwd: clean });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^nowhere\.yaml:1:1: error: Expected a readable config file, found ENOENT\n/);
  });

  test('config warnings are shown and do not stop the run', async () => {
    const folder = scratch(join(FIXTURES, 'clean'));
    writeFileSync(join(folder, '.specwright.json'), '{ "rules": { "empty-sections": "off" } }\n');
    const { code, stderr, stdout } = await specwright(['lint', '-f', 'json'], { cwd: folder });
    assert.equal(code, 0);
    assert.match(stderr, /^\.specwright\.json:1:14: warning: Expected a rule id \(.*\), found the unknown rule `empty-sections`\n$/);
    assert.deepEqual(JSON.parse(stdout).configProblems, [
      { path: '.specwright.json', line: 1, column: 14, severity: 'warning', message: JSON.parse(stdout).configProblems[0].message },
    ]);
  });
});
