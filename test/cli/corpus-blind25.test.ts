import { test } from 'node:test';
import { assertCorpusScore, type CorpusBars } from './corpus-bars';

// The twenty-fifth blind corpus (test/corpus-blind25): 37 real documents of every family from 20
// repositories no other corpus and no sweep uses, none a copy of an earlier set's, 26 of them
// finished, in English, Chinese and Japanese, labelled by hand before Specwright was run on them.
// Blind: placeholder precision 79.6 % (74 of 93), recall 84.4 %, empty-section precision 100 % (2 of
// 2), 19 findings on one finished document (reference definitions run on along one line). Its
// README records that run and what was fixed after it; the bars are what is measured now. What is
// left (recall 88.3 %): a spec-kit spec that is not valid UTF-8, which the command line refuses to
// check (15 `[NEEDS CLARIFICATION: …]` markers), RFC header descriptions in parentheses, a MADR
// status slot in braces holding a link in code, a Nygard template's sample owner and option name,
// and an author's note-to-self.
// Recall is 89.4 % since the slots read from the thirty-seventh and thirty-eighth sets.
const BARS: CorpusBars = {
  documents: 37,
  placeholderPrecision: 1,
  placeholderPrecisionPerFamily: {},
  placeholderRecall: 0.893,
  repositoryTemplates: 7,
  emptyPrecision: 1,
  emptyRecall: 1,
  findingsOnFinished: 0,
  otherFindingsOnFinished: 6,
  misidentified: 11,
};

test('the twenty-fifth blind corpus, finished documents, templates and half-filled ones in three languages: placeholder and empty-section findings against labels made before any run', (t) => {
  assertCorpusScore(t, 'test/corpus-blind25', BARS);
});
