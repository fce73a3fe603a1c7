import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findMojibake } from '../../server/src/core/parse/mojibake';

const restore = (text: string): string => {
  let out = '';
  let cursor = 0;
  for (const run of findMojibake(text)) {
    out += text.slice(cursor, run.start) + run.restored;
    cursor = run.end;
  }
  return out + text.slice(cursor);
};

describe('mojibake', () => {
  test('text garbled once or twice is restored in one pass', () => {
    assert.equal(restore('Done âœ… â€” cafÃ©'), 'Done ✅ — café');
    assert.equal(restore('ÃƒÂ©tÃƒÂ©'), 'été');
  });

  test('text garbled twice that goes on past the run is restored to its end, and nothing is left for a second pass', () => {
    // `Ã©â€”` restores to `é—`; with the no-break space after it, that is `闠` garbled once.
    const once = restore('x Ã©â€”\u00a0y');
    assert.equal(once, 'x 闠y');
    assert.deepEqual(findMojibake(once), []);
  });

  test('a restored run followed by a character that completes no sequence is left as it is', () => {
    assert.equal(restore('cafÃ©\u00a0: ok'), 'café\u00a0: ok');
    assert.equal(restore('Ã©â€”\u00a0'), '闠');
  });
});
