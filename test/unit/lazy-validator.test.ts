import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lazyValidator } from '../../server/src/core/parse/lazy-validator';

describe('lazyValidator', () => {
  test('compiles nothing until the first call', () => {
    let read = 0;
    const schema = new Proxy({ type: 'object', required: ['id'] }, {
      get(target, key) {
        read++;
        return Reflect.get(target, key);
      },
    });
    const validate = lazyValidator(schema, { allErrors: true, strict: true, strictRequired: false });
    assert.equal(read, 0);
    assert.deepEqual(validate.errors, []);
    assert.equal(validate({ id: 1 }), true);
    assert.ok(read > 0);
  });

  test('errors are those of the last call', () => {
    const validate = lazyValidator({ type: 'object', required: ['id'] }, { allErrors: true, strict: true, strictRequired: false });
    assert.equal(validate({}), false);
    assert.equal(validate.errors[0]?.keyword, 'required');
    assert.equal(validate({ id: 'x' }), true);
    assert.deepEqual(validate.errors, []);
  });

  test('a strict-mode mistake in the schema still throws when compiled', () => {
    const validate = lazyValidator({ type: 'object', nonsense: true }, { strict: true });
    assert.throws(() => validate({}), /unknown keyword/);
  });
});
