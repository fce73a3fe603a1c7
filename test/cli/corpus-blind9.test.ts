import { test } from 'node:test';
import { assertCorpusScore, type CorpusBars } from './corpus-bars';

// The ninth blind corpus (test/corpus-blind9): 41 real documents of every family from 19
// repositories no other corpus uses, 30 of them finished and 11 templates or documents with
// template text left in, labelled by hand before Specwright was run on them. Its README records
// the blind run and what was fixed after it; the bars are what is measured now (recall 91.6 %,
// since a questionnaire's options written without boxes are read as options). What is left: the
// questions of a KEP's Production Readiness questionnaire left unanswered, a Nervos template's number and author
// fields, and a Nygard ADR's Consequences guidance from a template the set does not hold.
const BARS: CorpusBars = {
  documents: 41,
  placeholderPrecision: 1,
  placeholderPrecisionPerFamily: {},
  placeholderRecall: 0.915,
  repositoryTemplates: 6,
  emptyPrecision: 1,
  emptyRecall: 0.85,
  findingsOnFinished: 0,
  otherFindingsOnFinished: 13,
  misidentified: 7,
};

test('the ninth blind corpus, finished documents and templates: placeholder and empty-section findings against labels made before any run', (t) => {
  assertCorpusScore(t, 'test/corpus-blind9', BARS);
});
