import { test } from 'node:test';
import { assertCorpusScore, type CorpusBars } from './corpus-bars';

// The seventeenth blind corpus (test/corpus-blind17): 41 real documents of every family from 19
// repositories no other corpus and no sweep uses, 29 of them finished, in English, Chinese,
// Japanese and Russian, labelled by hand before Specwright was run on them. Blind: placeholder
// precision 96.0 %, recall 91.2 %, empty-section precision 100 %, three findings on finished
// documents. Its README records that run and what was fixed after it; the bars are what is
// measured now. What is left (recall 96.8 %): a MADR template's `{index}` in front matter, a
// Chinese template's empty field label, two RFCs that keep the template's quoted FAQ guidance
// (no repository template in the set to know it by). The other warnings on finished documents: seven citations of requirements whose
// spec is not in the set, and an OpenSpec requirement without SHALL or MUST.
const BARS: CorpusBars = {
  documents: 41,
  placeholderPrecision: 1,
  placeholderPrecisionPerFamily: {},
  placeholderRecall: 0.96,
  repositoryTemplates: 7,
  emptyPrecision: 1,
  emptyRecall: 1,
  findingsOnFinished: 0,
  otherFindingsOnFinished: 8,
  misidentified: 5,
};

test('the seventeenth blind corpus, finished documents, templates and half-filled ones in four languages: placeholder and empty-section findings against labels made before any run', (t) => {
  assertCorpusScore(t, 'test/corpus-blind17', BARS);
});
