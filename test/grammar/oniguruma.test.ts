import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { OnigScanner, OnigString } from 'vscode-oniguruma';
import { toOniguruma } from '../../scripts/generate-grammar';
import { BRACKET, CLARIFICATION, DATE_MASK, TODO_WORD, VARIABLE } from '../../server/src/core/parse/placeholder-patterns';
import { loadOniguruma } from './textmate';

// The sources as the server's scanner wraps them (server/src/core/parse/placeholders.ts).
const SOURCES: Record<string, string> = {
  DATE_MASK: `(?<![\\w-])(?:${DATE_MASK})(?![\\w-])`,
  TODO_WORD: `(?<![\\w-])(?:${TODO_WORD})(?![\\w-])|\\?{3,}`,
  VARIABLE,
  CLARIFICATION,
  BRACKET,
};

// Text around the edges where JavaScript and Oniguruma could disagree: letters and digits
// outside ASCII next to words and masks, and every shape of each placeholder.
const SAMPLES = [
  'YYYY-MM-DD, YYYY-MM-DDTHH:mm, YYYY-MM-DD HH:mm:ss.123456Z, YYYY-MM-DDTHH:mm:ss-04:00, YYYY-MM-DDTHH:mm+HHmm',
  'éYYYY-MM-DD ٣YYYY-MM-DD YYYY-MM-DD٣ YYYY-MM-DDé xYYYY-MM-DD YYYY-MM-DD-x YYYY-MM-DDT12:00',
  'TODO TBD TKTK ??? ????? éTODO TODOé ٣TBD TBD٣ TODO_ -TODO TODOs MYTODO todo ??',
  '{{a}} {{ b c }} {{}} {{a}b}} ${x} ${} ${a{b}} {{\u00e9}} ${\u0663}',
  '[NEEDS CLARIFICATION] [NEEDS CLARIFICATION: what? é] [NEEDS CLARIFICATION:] [needs clarification]',
  '[a] [[b]] [c]] [[d] [] [ ] [é ٣] x[y]z [a [b] c]',
];

function jsMatches(source: string, text: string): string[] {
  return [...text.matchAll(new RegExp(source, 'g'))].map((m) => `${m.index}:${m[0]}`);
}

function onigMatches(source: string, text: string): string[] {
  const scanner = new OnigScanner([source]);
  const string = new OnigString(text);
  const found: string[] = [];
  try {
    for (let position = 0; position <= text.length; ) {
      const match = scanner.findNextMatchSync(string, position);
      const whole = match?.captureIndices[0];
      if (!whole) break;
      found.push(`${whole.start}:${text.slice(whole.start, whole.end)}`);
      position = whole.end > whole.start ? whole.end : whole.end + 1;
    }
  } finally {
    string.dispose();
    scanner.dispose();
  }
  return found;
}

describe('regular expressions in Oniguruma', () => {
  before(loadOniguruma);

  test('toOniguruma makes \\d and \\w ASCII, inside and outside classes, and leaves the rest', () => {
    assert.equal(toOniguruma('\\d{2}[\\w-]\\w'), '[0-9]{2}[A-Za-z0-9_-][A-Za-z0-9_]');
    assert.equal(toOniguruma('\\W\\D'), '[^A-Za-z0-9_][^0-9]');
    assert.equal(toOniguruma('\\\\d\\[\\d\\]\\s'), '\\\\d\\[[0-9]\\]\\s');
    assert.throws(() => toOniguruma('\\bword\\b'), /no translation/);
    assert.throws(() => toOniguruma('[\\W]'), /no translation/);
  });

  for (const [name, source] of Object.entries(SOURCES)) {
    test(`${name} finds in Oniguruma, once translated, what it finds in JavaScript`, () => {
      for (const sample of SAMPLES) {
        assert.deepEqual(onigMatches(toOniguruma(source), sample), jsMatches(source, sample), `in ${JSON.stringify(sample)}`);
      }
    });
  }

  test('the translation is needed: untranslated, the word guards differ on letters outside ASCII', () => {
    const sample = SAMPLES[2] as string;
    assert.notDeepEqual(onigMatches(SOURCES.TODO_WORD as string, sample), jsMatches(SOURCES.TODO_WORD as string, sample));
    const dates = SAMPLES[1] as string;
    assert.notDeepEqual(onigMatches(SOURCES.DATE_MASK as string, dates), jsMatches(SOURCES.DATE_MASK as string, dates));
  });
});
