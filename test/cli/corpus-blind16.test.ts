import { test } from 'node:test';
import { assertCorpusScore, type CorpusBars } from './corpus-bars';

// The sixteenth blind corpus (test/corpus-blind16): 36 real documents of every family from 16
// repositories no other corpus and no sweep uses, 23 of them finished, ten templates teams
// committed and three documents with template text left in, labelled by hand before Specwright
// was run on them. Blind it met three of the four targets (placeholder precision 98.6 %,
// empty-section precision 100 %, nothing on finished documents) and missed recall (93.5 %). Its
// README records that run and what was fixed after it; the bars are what is measured now (recall
// 98.8 %). What is left: guidance in parentheses, a title slot labelled twice, and an angle slot
// in a code span. The other warnings on finished documents: four Kiro acceptance criteria no task
// of the set cites.
const BARS: CorpusBars = {
  documents: 36,
  placeholderPrecision: 1,
  placeholderPrecisionPerFamily: {},
  placeholderRecall: 0.98,
  repositoryTemplates: 10,
  emptyPrecision: 1,
  emptyRecall: 0.98,
  findingsOnFinished: 0,
  otherFindingsOnFinished: 4,
  misidentified: 3,
};

test('the sixteenth blind corpus, finished documents and templates teams committed: placeholder and empty-section findings against labels made before any run', (t) => {
  assertCorpusScore(t, 'test/corpus-blind16', BARS);
});
