import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { specwright } from './helpers';

const root = mkdtempSync(join(tmpdir(), 'specwright-cli-new-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** A fresh folder that stands for a repository (its own .git), so nothing above it is searched. */
function workspace(name: string): string {
  const folder = join(root, name);
  mkdirSync(join(folder, '.git'), { recursive: true });
  return folder;
}

describe('specwright templates', () => {
  test('lists the built-in spec templates with their origin', async () => {
    const cwd = workspace('list');
    const result = await specwright(['templates'], { cwd });
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trim().split('\n');
    assert.match(lines[0] ?? '', /^ID\s+LABEL\s+ORIGIN$/);
    assert.equal(lines.length, 6);
    assert.match(result.stdout, /^technical-design\s+Technical Specification\s+built-in$/m);
  });

  test('a workspace template overrides a built-in one, and JSON says so', async () => {
    const cwd = workspace('override');
    mkdirSync(join(cwd, '.specwright/templates/technical-spec'), { recursive: true });
    writeFileSync(join(cwd, '.specwright/templates/technical-spec/template.md'), '# Tech: [Title]\n\n## Why\n');
    writeFileSync(join(cwd, '.specwright/templates/technical-spec/manifest.yaml'), 'id: technical-spec\nlabel: Our tech spec\n');
    const table = await specwright(['templates'], { cwd });
    assert.match(table.stdout, /^technical-spec\s+Our tech spec\s+workspace \(overrides built-in\)$/m);
    const json = JSON.parse((await specwright(['templates', '--format', 'json', '--all'], { cwd })).stdout);
    const entry = json.templates.find((t: { id: string }) => t.id === 'technical-spec');
    assert.deepEqual(entry.overrides, [{ origin: 'built-in', location: 'built-in/technical-spec' }]);
    assert.equal(entry.location, '.specwright/templates/technical-spec/template.md');
    assert.ok(json.templates.some((t: { kind: string }) => t.kind === 'prompt'));
  });
});

describe('specwright new', () => {
  test('creates the spec in docs/specs with known values filled, and prints its path', async () => {
    const cwd = workspace('create');
    const result = await specwright(['new', 'feature-implementation', '--title', 'Webhook retries', '--author', 'Ada'], { cwd });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, 'docs/specs/webhook-retries.md\n');
    const text = readFileSync(join(cwd, 'docs/specs/webhook-retries.md'), 'utf8');
    assert.ok(text.startsWith('---\nspecwright: feature-implementation\n'));
    assert.match(text, /^name: Webhook retries$/m);
    assert.match(text, /^owner: Ada$/m);
    assert.match(text, /^status: Draft$/m);
    assert.match(text, /^created: \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/m);
    // The new spec lints: only its placeholders are left, as hints while it is a draft.
    const lint = await specwright(['lint', '--format', 'json'], { cwd });
    const report = JSON.parse(lint.stdout);
    const rules = new Set(report.files[0].findings.map((f: { ruleId: string }) => f.ruleId));
    assert.deepEqual([...rules].sort(), ['unfilled-placeholder']);
    assert.ok(report.files[0].findings.every((f: { severity: string }) => f.severity === 'hint'));
  });

  test('never overwrites a file', async () => {
    const cwd = workspace('exists');
    mkdirSync(join(cwd, 'docs/specs'), { recursive: true });
    writeFileSync(join(cwd, 'docs/specs/mine.md'), 'my words\n');
    const again = await specwright(['new', 'feature-spec', '--title', 'Mine'], { cwd });
    assert.equal(again.code, 1);
    assert.match(again.stderr, /mine\.md already exists; nothing was written/);
    assert.equal(readFileSync(join(cwd, 'docs/specs/mine.md'), 'utf8'), 'my words\n');
  });

  test('unsafe titles still give a file inside the folder', async () => {
    const cwd = workspace('unsafe');
    for (const [title, expected] of [['../../etc/passwd', 'etc-passwd.md'], ['???', 'untitled.md'], ['CON', 'con-spec.md']] as const) {
      const result = await specwright(['new', 'feature-spec', '--title', title, '--dir', 'out'], { cwd });
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, `out/${expected}\n`);
      assert.ok(existsSync(join(cwd, 'out', expected)));
    }
  });

  test('--stdout prints instead of writing; wrong arguments exit 2', async () => {
    const cwd = workspace('args');
    const printed = await specwright(['new', 'technical-spec', '--title', 'Queue', '--stdout'], { cwd });
    assert.equal(printed.code, 0);
    assert.ok(printed.stdout.startsWith('# Technical Spec: Queue\n'));
    assert.ok(!existsSync(join(cwd, 'docs')));
    assert.equal((await specwright(['new', 'nope', '--title', 'x'], { cwd })).code, 2);
    assert.equal((await specwright(['new', 'feature-spec'], { cwd })).code, 2);
    assert.equal((await specwright(['new'], { cwd })).code, 2);
    assert.match((await specwright(['new', 'nope', '--title', 'x'], { cwd })).stderr, /available: feature-implementation, feature-spec/);
  });
});
