import { test } from 'node:test';
import { assertCorpusScore, type CorpusBars } from './corpus-bars';

// The fourth blind corpus (test/corpus-blind4): 27 real documents of every family from 16
// repositories no other corpus uses (French, Japanese and Chinese among them), labelled by
// hand before Specwright was run on them, collected while the third set's findings were being
// fixed. Its README records the blind run and what was fixed after it; the bars are what is
// measured now. What is left: a TOML table named in a comment of a plan template's code
// (spec-kit precision 73 of 74), and a Kiro spec kept
// behind a link at .specs/, where no path says Kiro (2 documents).
const BARS: CorpusBars = {
  documents: 27,
  placeholderPrecision: 0.99,
  placeholderPrecisionPerFamily: { 'spec-kit': 0.98 },
  placeholderRecall: 0.99,
  repositoryTemplates: 4,
  emptyPrecision: 1,
  emptyRecall: 1,
  findingsOnFinished: 0,
  otherFindingsOnFinished: 10,
  misidentified: 2,
};

test('the fourth blind corpus: placeholder and empty-section findings against labels made before any run', (t) => {
  assertCorpusScore(t, 'test/corpus-blind4', BARS);
});
