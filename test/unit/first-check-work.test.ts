// What the first check of a spec costs beyond the check itself: the package's own JSON
// Schemas (manifest, family) are checked by the tests, so checking a spec written from
// the built-in templates must not compile them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import { FAMILY_SCHEMA } from '../../server/src/core/families/family';
import { lintDocument } from '../../server/src/core/lint/lint';
import { parseSpec } from '../../server/src/core/parse/spec-document';
import { MANIFEST_SCHEMA } from '../../server/src/core/templates/manifest';
import { templatesOf } from '../../server/src/core/templates/template-set';
import { builtInTemplatesFolder, loadTemplates } from '../../server/src/workspace/template-store';

const compiled: unknown[] = [];
const compile = Ajv.prototype.compile;
Ajv.prototype.compile = function (this: Ajv, ...args: Parameters<Ajv['compile']>) {
  compiled.push(args[0]);
  return compile.apply(this, args);
} as Ajv['compile'];

test('checking a spec written from a built-in template compiles neither the manifest schema nor the family schema', async () => {
  const set = await loadTemplates([{ origin: 'built-in', path: builtInTemplatesFolder() }]);
  assert.deepEqual(set.problems, []);
  const spec = parseSpec(readFileSync(join(__dirname, '../fixtures/startup/seed-spec.md'), 'utf8'));
  const findings = lintDocument(spec, { templates: templatesOf(set), path: 'docs/specs/seed-spec.md' });
  assert.ok(findings.some((finding) => finding.ruleId === 'unfilled-placeholder'));
  assert.ok(!compiled.includes(MANIFEST_SCHEMA), 'the manifest schema was compiled');
  assert.ok(!compiled.includes(FAMILY_SCHEMA), 'the family schema was compiled');
});
