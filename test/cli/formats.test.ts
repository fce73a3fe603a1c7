import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { RULES } from '../../server/src/core/lint/registry';
import { FIXTURES, scratch, specwright } from './helpers';
import { assertValidSarif } from './sarif-schema';

// The fixtures are copied out of the repository first, so no config file or .gitignore
// above them (the repository's own) can change what the CLI sees.
const findings = scratch(join(FIXTURES, 'findings'));
const ESC = '\u001b[';

describe('specwright lint output formats', () => {
  test('stylish, piped: plain text grouped by file, then a summary', async () => {
    const { code, stdout, stderr } = await specwright(['lint'], { cwd: findings });
    assert.equal(code, 1, 'the front-matter error fails the run');
    assert.equal(stderr, '');
    assert.ok(!stdout.includes(ESC), 'no colours when piped');
    assert.equal(
      stdout,
      [
        'notes/opted-in.md',
        '  6:1  warning  Expected finished text, found `TODO`  unfilled-placeholder',
        '',
        'specs/broken.md',
        '  4:1  error  Expected valid YAML, found: Missing closing "quote  front-matter-syntax',
        '',
        'specs/checkout.md',
        '  1:13  warning  Expected the placeholder `[Feature Name]` to be replaced, found it unfilled  unfilled-placeholder',
        '  3:19  warning  Expected a date, found the mask `YYYY-MM-DD`                                 unfilled-placeholder',
        '  5:1   warning  Expected content in section `## Goals`, found none                           empty-section',
        '',
        '✖ 5 problems (1 error, 4 warnings)',
        '',
      ].join('\n'),
    );
  });

  test('stylish colours with FORCE_COLOR, and NO_COLOR wins', async () => {
    const forced = await specwright(['lint'], { cwd: findings, env: { FORCE_COLOR: '1' } });
    assert.ok(forced.stdout.includes(`${ESC}31m`), 'errors in red');
    assert.ok(forced.stdout.includes(`${ESC}4mspecs/checkout.md${ESC}0m`), 'file names underlined');
    const none = await specwright(['lint'], { cwd: findings, env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    assert.ok(!none.stdout.includes(ESC));
  });

  test('stylish says nothing for a clean run', async () => {
    const clean = scratch(join(FIXTURES, 'clean'));
    assert.deepEqual(await specwright(['lint'], { cwd: clean }), { code: 0, stdout: '', stderr: '' });
  });

  test('json: the documented shape, stable and complete', async () => {
    const { code, stdout } = await specwright(['lint', '--format', 'json', 'specs'], { cwd: findings });
    assert.equal(code, 1);
    const output = JSON.parse(stdout);
    assert.deepEqual(Object.keys(output), ['version', 'tool', 'files', 'configProblems', 'summary']);
    assert.equal(output.version, 1);
    assert.deepEqual(output.tool, { name: 'specwright', version: JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')).version });
    assert.deepEqual(
      output.files.map((file: { path: string }) => file.path),
      ['specs/broken.md', 'specs/checkout.md'],
    );
    const checkout = output.files[1];
    assert.equal(checkout.fixed, 0);
    assert.equal(checkout.error, undefined);
    assert.deepEqual(checkout.findings[0], {
      ruleId: 'unfilled-placeholder',
      severity: 'warning',
      message: 'Expected the placeholder `[Feature Name]` to be replaced, found it unfilled',
      line: 1,
      column: 13,
      endLine: 1,
      endColumn: 27,
      offset: 12,
      endOffset: 26,
      fixable: false,
      data: { kind: 'text', label: 'Feature Name', inFrontMatter: false },
    });
    const text = readFileSync(join(findings, 'specs/checkout.md'), 'utf8');
    for (const finding of checkout.findings) {
      assert.equal(text.split('\n')[finding.line - 1]?.slice(finding.column - 1), text.slice(finding.offset).split('\n')[0], 'line/column and offset agree');
    }
    assert.deepEqual(output.configProblems, []);
    assert.deepEqual(output.summary, { files: 2, errors: 1, warnings: 3, information: 0, hints: 0, fixable: 0, fixed: 0, fileErrors: 0 });
  });

  test('sarif: valid SARIF 2.1.0 with rules, levels, relative locations and UTF-16 columns', async () => {
    const { code, stdout } = await specwright(['lint', '--format', 'sarif'], { cwd: findings });
    assert.equal(code, 1);
    const sarif = JSON.parse(stdout);
    assertValidSarif(sarif);
    const [run] = sarif.runs;
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, pathToFileURL(`${findings}/`).href);
    const { driver } = run.tool;
    assert.equal(driver.name, 'specwright');
    assert.match(driver.informationUri, /^https:\/\//);
    assert.deepEqual(
      driver.rules.map((rule: { id: string }) => rule.id),
      RULES.map((rule) => rule.meta.id),
    );
    for (const rule of driver.rules) {
      assert.ok(rule.shortDescription.text && rule.fullDescription.text, rule.id);
      assert.equal(rule.helpUri, `https://github.com/specwright/specwright/blob/main/docs/rules/${rule.id}.md`);
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
    }
    assert.equal(run.results.length, 5);
    const broken = run.results.find((result: { ruleId: string }) => result.ruleId === 'front-matter-syntax');
    assert.equal(broken.level, 'error');
    assert.equal(driver.rules[broken.ruleIndex].id, 'front-matter-syntax');
    assert.deepEqual(broken.locations[0].physicalLocation.artifactLocation, { uri: 'specs/broken.md', uriBaseId: '%SRCROOT%' });
    const placeholder = run.results.find((result: { message: { text: string } }) => result.message.text.includes('[Feature Name]'));
    assert.equal(placeholder.level, 'warning');
    assert.deepEqual(placeholder.locations[0].physicalLocation.region, { startLine: 1, startColumn: 13, endLine: 1, endColumn: 27 });
    assert.deepEqual(run.invocations, [{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  });

  test('sarif columns count UTF-16 code units, so an emoji counts two', async () => {
    const folder = scratch();
    mkdirSync(join(folder, 'specs'));
    writeFileSync(join(folder, 'specs/emoji.md'), '# 🟡 Status\n\n🟡🟡 [Owner]\n');
    const sarif = JSON.parse((await specwright(['lint', '-f', 'sarif'], { cwd: folder })).stdout);
    assertValidSarif(sarif);
    const region = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'unfilled-placeholder').locations[0].physicalLocation.region;
    assert.deepEqual(region, { startLine: 3, startColumn: 6, endLine: 3, endColumn: 13 });
  });

  test('a byte-order mark is not a column: line 1 counts as the editor shows it', async () => {
    const folder = scratch();
    mkdirSync(join(folder, 'specs'));
    writeFileSync(join(folder, 'specs/bom.md'), '\uFEFF# Spec: [Feature Name]\n\n## Goals\n\nText.\n');
    const stylish = await specwright(['lint'], { cwd: folder });
    assert.match(stylish.stdout, /^ {2}1:9 +warning +Expected the placeholder `\[Feature Name\]`/m);
    const json = JSON.parse((await specwright(['lint', '-f', 'json'], { cwd: folder })).stdout);
    const finding = json.files[0].findings[0];
    assert.deepEqual([finding.line, finding.column, finding.endLine, finding.endColumn], [1, 9, 1, 23]);
  });
});
