import { test } from 'node:test';
import { assertCorpusScore, type CorpusBars } from './corpus-bars';

// The eighth blind corpus (test/corpus-blind8): 43 real documents of every family from 24
// repositories no other corpus uses, 39 of them finished, labelled by hand before Specwright was
// run on them. Its README records the blind run and what was fixed after it; the bars are what is
// measured now. Recall is 100 % since a MADR template's sample lists count (its status choice
// list that spans two lines is found through the list holding it); three Kyverno proposals of a layout of their own, taken for specs of no family; and 33
// other findings on finished documents, 19 of them citations of requirements that the specs of
// the same features, not in the set, define.
const BARS: CorpusBars = {
  documents: 43,
  placeholderPrecision: 1,
  placeholderPrecisionPerFamily: {},
  placeholderRecall: 1,
  repositoryTemplates: 2,
  emptyPrecision: 1,
  emptyRecall: 1,
  findingsOnFinished: 0,
  otherFindingsOnFinished: 33,
  misidentified: 3,
};

test('the eighth blind corpus, mostly finished documents: placeholder and empty-section findings against labels made before any run', (t) => {
  assertCorpusScore(t, 'test/corpus-blind8', BARS);
});
