import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

let validate: ReturnType<Ajv['compile']> | undefined;

/** Asserts that `sarif` is valid against the official SARIF 2.1.0 schema (JSON Schema draft-04). */
export function assertValidSarif(sarif: unknown): void {
  if (!validate) {
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    // The schema's patterns are not valid under the `u` flag; it uses the formats ajv-formats adds.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    validate = ajv.compile(schema);
  }
  assert.ok(validate(sarif), JSON.stringify(validate.errors, null, 2));
}
