import { test } from 'node:test';
import { assertCorpusScore, type CorpusBars } from './corpus-bars';

// The thirtieth blind corpus (test/corpus-blind30): 41 real documents of every family from 17
// repositories no other corpus uses, none a copy of an earlier set's, 27 of them finished, in
// English and Japanese, labelled by hand before Specwright was run on them. Blind: placeholder
// precision 93.3 % (98 of 105), recall 90.7 %, empty-section precision 100 % (19 of 19), 1 finding
// on a finished document (a Rust slice type in a heading). Its README records that run and what
// was fixed after it; the bars are what is measured now. The one false report left is a label
// disagreement (`[same as backend above]` in a plan left as spec-kit's template, a slot in five
// earlier sets); what is left of recall (97.8 %): a template's generic open question and answers,
// a sample link, an enhancement template's sample front matter.
const BARS: CorpusBars = {
  documents: 41,
  placeholderPrecision: 0.99,
  placeholderPrecisionPerFamily: { 'spec-kit': 0.986 },
  placeholderRecall: 0.99,
  repositoryTemplates: 7,
  emptyPrecision: 1,
  emptyRecall: 1,
  findingsOnFinished: 0,
  otherFindingsOnFinished: 0,
  misidentified: 14,
};

test('the thirtieth blind corpus, finished documents, templates and half-filled ones in two languages: placeholder and empty-section findings against labels made before any run', (t) => {
  assertCorpusScore(t, 'test/corpus-blind30', BARS);
});
