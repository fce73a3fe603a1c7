import assert from 'node:assert/strict';
import { linkSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { collectCandidates } from '../../server/src/cli/lint/collect';
import { ConfigLookup } from '../../server/src/cli/lint/config-lookup';
import { lintFiles, type LintFilesOptions } from '../../server/src/cli/lint/lint-files';
import { CLI, FIXTURES, scratch, specwright } from './helpers';

// `specwright lint` checks files on worker threads when there are many: the reports,
// notices and exit codes must be exactly those of a run on one thread, in the same
// order, and `--fix` must write every file once, atomically.

const SEEDS = resolve(__dirname, '../fixtures/seeds');
const seeds = ['filled', 'unfilled'].flatMap((kind) =>
  readdirSync(join(SEEDS, kind))
    .filter((name) => name !== 'README.md')
    .map((name) => readFileSync(join(SEEDS, kind, name), 'utf8')),
);

const PER_TEAM = 16;

/** Small specs of several kinds (warnings, a template named in front matter, a clean one) and now and then a long one. */
function spec(i: number, team: string): string {
  switch (i % 4) {
    case 0:
      return `# Checkout ${i}: [Feature Name]\n\n**Last updated:** YYYY-MM-DD\n\n## Goals\n\n## Design\n\nPayments go through the ${team} gateway.\n`;
    case 1:
      return `---\nspecwright: feature-spec\nstatus: draft\n---\n# Search ${i}\n\n## Overview\n\nSearch finds what ${team} wrote [TBD].\n`;
    case 2:
      return `# Rate limits ${i}\n\nEach client of ${team} may send 100 requests a minute.\n`;
    default:
      return i % 8 === 3 ? `${seeds[(i >> 3) % seeds.length]}\nCopy ${i} for ${team}.\n` : `# Notes ${i}\n\n## Open questions\n\n- [Question]\n`;
  }
}

/**
 * A Git working tree with two teams, each with its own config and a broken template
 * (so each set of templates has problems to report) and PER_TEAM specs; team-b also has a
 * spec with an error and a binary file where specs are (an error that stops nothing else).
 */
function workspace(): string {
  const root = scratch();
  mkdirSync(join(root, '.git'));
  for (const team of ['team-a', 'team-b']) {
    mkdirSync(join(root, team, 'specs'), { recursive: true });
    writeFileSync(join(root, team, '.specwright.yaml'), 'files:\n  - "specs/**/*.md"\n');
    mkdirSync(join(root, team, '.specwright/templates/broken'), { recursive: true });
    writeFileSync(join(root, team, '.specwright/templates/broken/template.md'), '# [Title]\n\n## Goals\n');
    writeFileSync(join(root, team, '.specwright/templates/broken/manifest.yaml'), `id: 42\nsections: ${team}\n`);
    for (let i = 0; i < PER_TEAM; i++) writeFileSync(join(root, team, 'specs', `${String(i).padStart(2, '0')}.md`), spec(i, team));
  }
  writeFileSync(join(root, 'team-b/specs/broken.md'), readFileSync(join(FIXTURES, 'findings/specs/broken.md')));
  writeFileSync(join(root, 'team-b/specs/binary.md'), Buffer.from([0x23, 0x20, 0x00, 0x01]));
  return root;
}

/** The workspace's specs: PER_TEAM per team, and team-b's broken and binary ones. */
const SPECS = 2 * PER_TEAM + 2;
/** The files read to be checked: the specs, and each team's `template.md`, read as a template (named so: never checked for its slots). */
const READ = SPECS + 2;

/** The Markdown files in the two teams' folders: the specs and each team's `template.md`. */
const WORKSPACE_MARKDOWN = SPECS + 2;

async function inProcess(cwd: string, args: readonly string[], options: Partial<LintFilesOptions>) {
  const { candidates } = collectCandidates(args, cwd);
  return lintFiles(candidates, { cwd, configs: new ConfigLookup({ kind: 'search' }, cwd), fix: false, ...options });
}

describe('specwright lint on several threads', () => {
  test('reports exactly what one thread reports, run after run', async () => {
    const root = workspace();
    // The formats are functions of the reports; stylish also shows the summary and fixable counts.
    for (const format of ['json', 'stylish']) {
      const one = await specwright(['lint', '--format', format], { cwd: root, env: { SPECWRIGHT_JOBS: '1' } });
      assert.equal(one.code, 1, 'the binary file is an error');
      assert.match(one.stderr, /^specwright: team-b\/specs\/binary\.md is a binary file/);
      // The problems of each team's templates, once each, team-a's first: the order files are met in.
      assert.match(one.stderr, /team-a\/\.specwright\/templates\/broken\/manifest\.yaml: .*\n(.*team-a.*\n)*.*team-b\/\.specwright\/templates\/broken\/manifest\.yaml/);
      assert.equal(one.stderr.match(/team-a\/\.specwright\/templates\/broken\/manifest\.yaml: Expected `id`/g)?.length, 1);
      for (const jobs of format === 'json' ? ['3', '3'] : ['2']) {
        assert.deepEqual(await specwright(['lint', '--format', format], { cwd: root, env: { SPECWRIGHT_JOBS: jobs } }), one, `${format} on ${jobs} threads`);
      }
    }
    const json = JSON.parse((await specwright(['lint', '-f', 'json'], { cwd: root })).stdout) as { summary: { files: number } };
    assert.equal(json.summary.files, SPECS, 'the default (one thread for so little) checks every file');
  });

  test('the workers do the checking, and give the same reports and notices as the main thread alone', async () => {
    const root = workspace();
    const serial = await inProcess(root, [], { threads: 1 });
    assert.deepEqual(serial.checkedBy, [READ]);
    const parallel = await inProcess(root, [], { threads: 3, workerScript: CLI, checkOnMainThread: false });
    assert.equal(parallel.checkedBy[0], 0, 'the main thread left it to the workers');
    assert.equal(parallel.checkedBy.length, 3);
    assert.equal(parallel.checkedBy.reduce((sum, n) => sum + n, 0), READ);
    // The workspace read for IDs and the trace is shared out too: every Markdown file of
    // both teams' folders, the templates included, read once.
    assert.deepEqual(serial.readBy, [WORKSPACE_MARKDOWN]);
    assert.equal(parallel.readBy[0], 0, 'the main thread left the workspace read to the workers');
    assert.equal(parallel.readBy.reduce((sum, n) => sum + n, 0), WORKSPACE_MARKDOWN);
    assert.deepEqual(parallel.reports, serial.reports);
    assert.deepEqual(parallel.notices, serial.notices);
    assert.equal(serial.notices.length, 6, 'three problems in each team’s template');
  });

  test('a worker that cannot start leaves its files to the main thread', async () => {
    const root = workspace();
    const broken = join(scratch(), 'broken-worker.js');
    writeFileSync(broken, "throw new Error('this worker does not start');\n");
    const serial = await inProcess(root, [], { threads: 1 });
    const parallel = await inProcess(root, [], { threads: 3, workerScript: broken, checkOnMainThread: false });
    assert.deepEqual(parallel.checkedBy, [READ, 0, 0]);
    assert.deepEqual(parallel.readBy, [WORKSPACE_MARKDOWN, 0, 0]);
    assert.deepEqual(parallel.reports, serial.reports);
    assert.deepEqual(parallel.notices, serial.notices);
  });

  test('exit codes are those of one thread', async () => {
    const root = workspace();
    const run = (env: Record<string, string>, ...args: string[]) => specwright(['lint', ...args], { cwd: root, env });
    // Everything, with an error and a file that cannot be read: 1 (in the first test).
    assert.equal((await run({ SPECWRIGHT_JOBS: '3' }, 'team-a')).code, 0, 'warnings only');
    assert.equal((await run({ SPECWRIGHT_JOBS: '3' }, 'team-a', '--max-warnings', '0')).code, 1);
    for (const wrong of ['0', 'two', '1.5']) {
      const result = await run({ SPECWRIGHT_JOBS: wrong });
      assert.equal(result.code, 2, wrong);
      assert.match(result.stderr, /SPECWRIGHT_JOBS expects a whole number of at least 1/);
      assert.equal(result.stdout, '');
    }
  });

  test('--fix writes every file once and atomically, links to one file included', async () => {
    const original = readFileSync(join(FIXTURES, 'fix/specs/pasted.md'));
    const fixed = readFileSync(join(FIXTURES, 'fix/expected/pasted.md'));
    const make = () => {
      const root = scratch();
      mkdirSync(join(root, '.git'));
      mkdirSync(join(root, 'specs/links'), { recursive: true });
      for (let i = 0; i < 20; i++) writeFileSync(join(root, 'specs', `pasted-${String(i).padStart(2, '0')}.md`), original);
      // One file on disk, reached by three links (fixed once, through the first path met) and
      // a hard link (which the atomic replacement leaves holding the old text, so it is fixed too).
      writeFileSync(join(root, 'shared.md'), original);
      for (const name of ['a.md', 'b.md', 'c.md']) symlinkSync(join(root, 'shared.md'), join(root, 'specs/links', name));
      linkSync(join(root, 'shared.md'), join(root, 'specs/links/d.md'));
      return root;
    };
    const serialRoot = make();
    const parallelRoot = make();

    const one = await specwright(['lint', '--fix', '-f', 'json', 'specs'], { cwd: serialRoot, env: { SPECWRIGHT_JOBS: '1' } });
    assert.equal(one.code, 0, one.stderr);
    const report = JSON.parse(one.stdout) as { files: { path: string; fixed: number }[]; summary: { fixed: number } };
    assert.deepEqual(
      report.files.filter((file) => file.path.startsWith('specs/links/')).map((file) => [file.path, file.fixed]),
      [
        ['specs/links/a.md', 6],
        ['specs/links/b.md', 0],
        ['specs/links/c.md', 0],
        ['specs/links/d.md', 6],
      ],
    );
    assert.equal(report.summary.fixed, 22 * 6);

    const parallelResult = await inProcess(parallelRoot, ['specs'], { fix: true, threads: 3, workerScript: CLI, checkOnMainThread: false });
    assert.equal(parallelResult.checkedBy[0], 0);
    assert.deepEqual(
      parallelResult.reports.map((file) => [file.displayPath, file.fixed, file.error]),
      report.files.map((file) => [file.path, file.fixed, undefined]),
    );
    for (const root of [serialRoot, parallelRoot]) {
      for (const name of readdirSync(join(root, 'specs')).filter((entry) => entry.endsWith('.md'))) assert.deepEqual(readFileSync(join(root, 'specs', name)), fixed, name);
      assert.deepEqual(readFileSync(join(root, 'shared.md')), fixed);
      assert.deepEqual(readdirSync(join(root, 'specs')).filter((name) => !name.endsWith('.md')), ['links'], 'no temporary file is left behind');
    }

    // The command itself, on threads, gives the same output as on one.
    const again = make();
    assert.deepEqual(await specwright(['lint', '--fix', '-f', 'json', 'specs'], { cwd: again, env: { SPECWRIGHT_JOBS: '3' } }), one);
  });
});
