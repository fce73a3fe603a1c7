import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { scratch, specwright } from './helpers';

// A team whose requirements are numbered with prefixes of its own (`REQ-001`, `BR-1`)
// declares them in the config file; they are then defined, cited and traced as the
// built-in prefixes are, in specs, task lists, tests and code.
const FIXTURE = resolve(__dirname, '../fixtures/trace/own-prefixes');

interface JsonTrace {
  specs: { requirements: { id: string; tasks: { id: string }[]; tests: { file: string; line: number }[] }[] }[];
  unknownIds: { id: string; file: string; line: number }[];
}

describe('requirement IDs of a team’s own prefixes', () => {
  test('specwright trace: declared prefixes are requirements, cited by tasks and tests; an undefined one is unknown', async () => {
    const root = scratch(FIXTURE);
    const { code, stdout, stderr } = await specwright(['trace', '--format', 'json'], { cwd: root });
    assert.equal(code, 0, stderr);
    const trace = JSON.parse(stdout) as JsonTrace;
    const rows = trace.specs.flatMap((spec) => spec.requirements).map((row) => `${row.id} tasks:${row.tasks.map((task) => task.id).join(',')} tests:${row.tests.map((t) => `${t.file}:${t.line}`).join(',')}`);
    assert.deepEqual(rows, ['REQ-001 tasks:T001 tests:tests/invoice.test.ts:1', 'REQ-002 tasks: tests:tests/invoice.test.ts:2', 'BR-1 tasks:T002 tests:']);
    assert.deepEqual(trace.unknownIds.map((unknown) => `${unknown.id} ${unknown.file}:${unknown.line}`), ['REQ-009 specs/001-billing/tasks.md:6']);
  });

  test('specwright lint: the task citing an undefined declared ID is reported; without the declaration nothing of them is traced', async () => {
    const root = scratch(FIXTURE);
    const linted = await specwright(['lint', '--format', 'json'], { cwd: root });
    const report = JSON.parse(linted.stdout) as { files: { path: string; findings: { line: number; ruleId: string; message: string }[] }[] };
    const unknown = report.files.flatMap((file) => file.findings.filter((finding) => finding.ruleId === 'unknown-id').map((finding) => `${file.path}:${finding.line} ${finding.message}`));
    assert.equal(unknown.length, 1, unknown.join('\n'));
    assert.match(unknown[0] ?? '', /tasks\.md:6 .*REQ-009/);

    rmSync(join(root, '.specwright.yaml'));
    const { stdout } = await specwright(['trace', '--format', 'json'], { cwd: root });
    const ids = (JSON.parse(stdout) as JsonTrace).specs.flatMap((spec) => spec.requirements).map((row) => row.id);
    assert.deepEqual(ids, []);
  });
});
