import { test } from 'node:test';
import { assertCorpusScore, type CorpusBars } from './corpus-bars';

// The twenty-sixth blind corpus (test/corpus-blind26): 43 real documents of every family from 22
// repositories no other corpus and no sweep uses, none a copy of an earlier set's, 31 of them
// finished, in English, Japanese and Chinese, labelled by hand before Specwright was run on them.
// Blind: placeholder precision 94.8 % (92 of 97), recall 75.0 %, empty-section precision 100 % (8 of
// 8), 5 findings on two finished documents (a feature that handles TODO comments). Its README
// records that run and what was fixed after it; the bars are what is measured now. What is left
// (recall 84.6 %): the purpose lines and some sample items of a Japanese research-log template of a
// cc-sdd-style kit (the kit keeps its templates' purpose lines), the Network Policy API's proposal template
// and proposals kept as `npeps/npep-NNN.md`, which no family places, and Nygard templates' status
// choice lists holding a link.
const BARS: CorpusBars = {
  documents: 43,
  placeholderPrecision: 1,
  placeholderPrecisionPerFamily: {},
  placeholderRecall: 0.845,
  repositoryTemplates: 10,
  emptyPrecision: 1,
  emptyRecall: 1,
  findingsOnFinished: 0,
  otherFindingsOnFinished: 4,
  misidentified: 8,
};

test('the twenty-sixth blind corpus, finished documents, templates and half-filled ones in three languages: placeholder and empty-section findings against labels made before any run', (t) => {
  assertCorpusScore(t, 'test/corpus-blind26', BARS);
});
