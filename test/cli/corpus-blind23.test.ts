import { test } from 'node:test';
import { assertCorpusScore, type CorpusBars } from './corpus-bars';

// The twenty-third blind corpus (test/corpus-blind23): 43 real documents of every family from 23
// repositories no other corpus and no sweep uses, none a copy of an earlier set's, 33 of them
// finished, in English and Chinese, labelled by hand before Specwright was run on them. Blind:
// placeholder precision 89.9 %, recall 92.7 %, no empty section labelled or reported, 12 findings
// on finished documents (an organisation called TBD, a to-do app's states). Its README records that
// run and what was fixed after it; the bars are what is measured now. What is left (recall
// 96.0 %): an RFC template's status choices in parentheses and its sample sponsor, and a sample
// enhancement's stand-in sentences ("improves X by doing Y").
const BARS: CorpusBars = {
  documents: 43,
  placeholderPrecision: 1,
  placeholderPrecisionPerFamily: {},
  placeholderRecall: 0.959,
  repositoryTemplates: 7,
  emptyPrecision: 1,
  emptyRecall: 1,
  findingsOnFinished: 0,
  otherFindingsOnFinished: 10,
  misidentified: 7,
};

test('the twenty-third blind corpus, finished documents, templates and half-filled ones: placeholder and empty-section findings against labels made before any run', (t) => {
  assertCorpusScore(t, 'test/corpus-blind23', BARS);
});
