// The CLI on documents shaped to stall or crash the Markdown parser: each is checked,
// with a parse-degraded finding saying what was read as plain text, and the run ends as
// any other does.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { scratch, specwright } from './helpers';

const REPROS = join(__dirname, '../fixtures/repros');
const HEAD = '# Spec: Hostile\n\n## Overview\n\n';

describe('specwright lint on hostile documents', () => {
  test('every file is checked, each hostile one with a parse-degraded finding', async () => {
    const folder = scratch();
    mkdirSync(join(folder, 'specs'));
    const files: Record<string, string> = {
      'deep-list.md': (JSON.parse(readFileSync(join(REPROS, 'hostile-deep-inline-list-stack-overflow.json'), 'utf8')) as { text: string }).text,
      'setext-run.md': (JSON.parse(readFileSync(join(REPROS, 'hostile-setext-underline-run-stall.json'), 'utf8')) as { text: string }).text,
      'front-matter.md': `---\n${'key: value\n'.repeat(60_000)}`,
      'emphasis.md': `${HEAD}${'*a'.repeat(50_000)}\n`,
      'wide-table.md': `${HEAD}|${' a |'.repeat(50_000)}\n|${' - |'.repeat(50_000)}\n`,
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, 'specs', name), text);
    writeFileSync(join(folder, 'specs', 'normal.md'), '# Spec: Normal\n\n## Goals\n\nShip [Feature Name].\n');
    const { code, stdout, stderr } = await specwright(['lint', '--format', 'json', 'specs'], { cwd: folder });
    // The unclosed front matter is an error; nothing crashed.
    assert.equal(code, 1, stderr);
    const output = JSON.parse(stdout) as { files: { path: string; findings: { ruleId: string }[] }[]; summary: { fileErrors: number } };
    assert.equal(output.summary.fileErrors, 0);
    for (const name of Object.keys(files)) {
      const file = output.files.find((entry) => entry.path === `specs/${name}`);
      assert.ok(file?.findings.some((finding) => finding.ruleId === 'parse-degraded'), `${name}: ${JSON.stringify(file?.findings.map((f) => f.ruleId))}`);
    }
    const normal = output.files.find((entry) => entry.path === 'specs/normal.md');
    assert.ok(normal?.findings.some((finding) => finding.ruleId === 'unfilled-placeholder'));
    assert.ok(!normal?.findings.some((finding) => finding.ruleId === 'parse-degraded'));
  });
});
