// The package's own JSON Schemas are compiled at run time without checking them against
// the JSON Schema meta-schema (that costs time before the first check): this checks them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Ajv from 'ajv';

const ROOT = join(__dirname, '../..');
const SCHEMAS = ['templates/manifest.schema.json', 'templates/family.schema.json', 'server/src/core/config/config.schema.json'];

describe('JSON Schemas', () => {
  for (const path of SCHEMAS) {
    test(`${path} is a valid JSON Schema`, () => {
      const schema = JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as object;
      const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strict: true, strictRequired: false, validateFormats: false });
      ajv.addKeyword('errorMessage');
      assert.equal(ajv.validateSchema(schema), true, ajv.errorsText(ajv.errors));
      assert.doesNotThrow(() => ajv.compile(schema));
    });
  }
});
