import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { RULES } from '../../server/src/rules/index';
import { lintText } from '../../server/src/rules/lint';
import type { Finding } from '../../server/src/rules/types';

// Each rule has a folder of Markdown scenarios; `<name>.expected.json` beside each is
// the golden output with only that rule enabled. `valid*` scenarios must produce none.
// Regenerate goldens after an intended change with UPDATE_GOLDENS=1 and review the diff.
const update = process.env.UPDATE_GOLDENS === '1';

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
    for (const name of readdirSync(folder).filter((n) => n.endsWith('.md')).sort()) {
      test(name, () => {
        const text = readFileSync(join(folder, name), 'utf8');
        const actual = lintText(text, { rules: only }).map((finding) => golden(text, finding));
        if (name.startsWith('valid')) assert.deepEqual(actual, [], 'a valid scenario has no findings');
        else assert.ok(actual.length > 0, 'an invalid scenario has findings');
        const goldenPath = join(folder, name.replace(/\.md$/, '.expected.json'));
        if (update) writeFileSync(goldenPath, `${JSON.stringify(actual, null, 2)}\n`);
        assert.ok(existsSync(goldenPath), `missing golden ${goldenPath}; run with UPDATE_GOLDENS=1`);
        assert.deepEqual(actual, JSON.parse(readFileSync(goldenPath, 'utf8')));
      });
    }
  });
}
