// The rules in steps (`lintDocumentSteps`): the server lets other requests in between
// rules, so the steps must give exactly what `lintDocument` gives, with a pause between
// every two rules.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateSpec } from '../../bench/corpus';
import { lintDocument, lintDocumentSteps } from '../../server/src/core/lint/lint';
import { RULES } from '../../server/src/core/lint/registry';
import { parseSpec } from '../../server/src/core/parse/spec-document';

test('the rules in steps pause between rules and find what lintDocument finds', () => {
  const spec = parseSpec(generateSpec(64 * 1024, 21));
  const now = new Date('2026-01-01T00:00:00Z');
  const steps = lintDocumentSteps(spec, { now });
  let pauses = 0;
  let step = steps.next();
  for (; !step.done; step = steps.next()) pauses++;
  assert.ok(pauses >= RULES.length, `${pauses} pauses for ${RULES.length} rules`);
  assert.ok(step.value.length > 10);
  assert.deepEqual(step.value, lintDocument(spec, { now }));
});
