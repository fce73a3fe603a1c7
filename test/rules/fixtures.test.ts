import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { RULES } from '../../server/src/core/lint/registry';
import { lintText } from '../../server/src/core/lint/lint';
import type { Finding, TextEdit } from '../../server/src/core/lint/types';
import type { Template } from '../../server/src/core/templates/template';
import { builtInTemplates } from '../templates/helpers';
import { traceFor } from './trace-workspace';

// Each rule has a folder of Markdown scenarios; `<name>.expected.json` beside each is
// the golden output with only that rule enabled. `valid*` scenarios must produce none.
// A scenario whose findings carry preferred fixes also has `<name>.fixed.md`: the text
// with every preferred fix applied. Re-linted, it must have lost exactly those findings.
// A scenario for the trace rules has its workspace in `<name>.workspace/` (task lists,
// tests, a trace lock at their paths there); see `traceFor`.
// A scenario that must live at a certain path to be told its family (a spec-kit task
// list, Kiro requirements) says so on its first line: `<!-- path: specs/001-x/tasks.md -->`,
// or, when it starts with front matter, on the front matter's first line: `# path: …`.
// Regenerate goldens after an intended change with UPDATE_GOLDENS=1 and review the diff.
const update = process.env.UPDATE_GOLDENS === '1';
/** Fixtures are linted with the built-in templates and a fixed clock, so goldens are stable. */
const NOW = new Date('2026-01-15T12:00:00Z');
let templates: readonly Template[] = [];

/** A finding as the golden files record it: 1-based line and column, like an editor shows. */
function golden(text: string, finding: Finding): Record<string, unknown> {
  const at = (offset: number) => {
    const before = text.slice(0, offset);
    const line = before.split(/\r\n|\r|\n/).length;
    const column = offset - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
    return { line, column };
  };
  return {
    rule: finding.ruleId,
    severity: finding.severity,
    start: at(finding.range.start),
    end: at(finding.range.end),
    text: text.slice(finding.range.start, finding.range.end),
    message: finding.message,
    ...(finding.data ? { data: finding.data } : {}),
  };
}

describe('rule fixtures', async () => {
  templates = await builtInTemplates();
  for (const rule of RULES) {
    const folder = join(__dirname, rule.meta.id);
    describe(`rule ${rule.meta.id}`, () => {
      test('has fixtures, valid and invalid', () => {
        assert.ok(existsSync(folder), `missing fixture folder test/rules/${rule.meta.id}`);
        const names = readdirSync(folder).filter((name) => name.endsWith('.md'));
        assert.ok(names.some((name) => name.startsWith('valid')), 'a valid scenario');
        assert.ok(names.some((name) => name.startsWith('invalid')), 'an invalid scenario');
      });
      if (!existsSync(folder)) return;
      const only = Object.fromEntries(RULES.map((r) => [r.meta.id, r === rule ? r.meta.defaultSeverity : ('off' as const)]));
      const names = readdirSync(folder);
      // A scenario name has no dot before `.md`; `invalid.fixed.md` is a golden.
      for (const name of names.filter((n) => /^[^.]+\.md$/.test(n)).sort()) {
        test(name, () => {
          const text = readFileSync(join(folder, name), 'utf8');
          const actual = lintText(text, { rules: only, templates, now: NOW, ...declaredPath(text), ...traceFor(folder, name, text, declaredPath(text).path) }).map((finding) =>
            golden(text, finding),
          );
          if (name.startsWith('valid')) assert.deepEqual(actual, [], 'a valid scenario has no findings');
          else assert.ok(actual.length > 0, 'an invalid scenario has findings');
          const goldenPath = join(folder, name.replace(/\.md$/, '.expected.json'));
          if (update) writeFileSync(goldenPath, `${JSON.stringify(actual, null, 2)}\n`);
          assert.ok(existsSync(goldenPath), `missing golden ${goldenPath}; run with UPDATE_GOLDENS=1`);
          assert.deepEqual(actual, JSON.parse(readFileSync(goldenPath, 'utf8')));
        });
      }
      for (const name of names.filter((n) => /^[^.]+\.md$/.test(n)).sort()) {
        const fixedName = name.replace(/\.md$/, '.fixed.md');
        const text = readFileSync(join(folder, name), 'utf8');
        const findings = lintText(text, { rules: only, templates, now: NOW, ...declaredPath(text), ...traceFor(folder, name, text, declaredPath(text).path) });
        const fixable = findings.filter((finding) => preferredEdits(finding).length > 0);
        if (fixable.length === 0) {
          test(`${name} has no fixes, so no ${fixedName}`, () => {
            if (update && existsSync(join(folder, fixedName))) rmSync(join(folder, fixedName));
            assert.ok(!existsSync(join(folder, fixedName)), `${fixedName} is stale: ${name} has no preferred fixes`);
          });
          continue;
        }
        test(`${fixedName}: every preferred fix applied, then re-linted`, () => {
          const edits = fixable.flatMap(preferredEdits).sort((a, b) => a.range.start - b.range.start);
          const fixed = applyEdits(text, edits);
          const goldenPath = join(folder, fixedName);
          if (update) writeFileSync(goldenPath, fixed);
          assert.ok(existsSync(goldenPath), `missing golden ${goldenPath}; run with UPDATE_GOLDENS=1`);
          assert.equal(fixed, readFileSync(goldenPath, 'utf8'));
          // Outside the edits the text is byte-identical, in order.
          let cursor = 0;
          let at = 0;
          for (const edit of edits) {
            const kept = text.slice(cursor, edit.range.start);
            assert.equal(fixed.slice(at, at + kept.length), kept, `text before offset ${edit.range.start} unchanged`);
            at += kept.length + edit.newText.length;
            cursor = edit.range.end;
          }
          assert.equal(fixed.slice(at), text.slice(cursor), 'text after the last edit unchanged');
          // The fixed findings are gone; the others remain, word for word.
          const summary = (source: string, finding: Finding) => `${finding.ruleId}: ${source.slice(finding.range.start, finding.range.end)} — ${finding.message}`;
          const remaining = lintText(fixed, { rules: only, templates, now: NOW, ...declaredPath(fixed) }).map((finding) => summary(fixed, finding));
          const unfixable = findings.filter((finding) => !fixable.includes(finding)).map((finding) => summary(text, finding));
          assert.deepEqual(remaining, unfixable);
        });
      }
    });
  }
});

/** The path a scenario declares on its first line, if it declares one. */
function declaredPath(text: string): { path?: string } {
  // In a scenario with front matter, which must come first, a YAML comment inside it says so.
  const declared = /^(?:<!--\s*path:\s*(\S+)\s*-->|---\r?\n#\s*path:\s*(\S+))/.exec(text);
  return declared ? { path: (declared[1] ?? declared[2]) as string } : {};
}

function preferredEdits(finding: Finding): readonly TextEdit[] {
  return (finding.fixes ?? []).filter((fix) => fix.preferred).flatMap((fix) => fix.edits);
}

/** Applies edits sorted by start; they must not overlap, as a fixture's fixes are all applied at once. */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let result = '';
  let cursor = 0;
  for (const edit of edits) {
    assert.ok(edit.range.start >= cursor, `overlapping fixes at offset ${edit.range.start}`);
    result += text.slice(cursor, edit.range.start) + edit.newText;
    cursor = edit.range.end;
  }
  return result + text.slice(cursor);
}
