import { test } from 'node:test';
import { assertCorpusScore, type CorpusBars } from './corpus-bars';

// The thirty-ninth blind corpus (test/corpus-blind39): 48 real documents of every family from 19
// repositories no other corpus uses, none a copy of an earlier set's, 28 of them finished, in
// English, Russian, Chinese and Spanish, labelled by hand before Specwright was run on them. Blind:
// placeholder precision 92.0 % (115 of 125), recall 71.1 %, empty-section precision 100 % (27 of
// 27), 8 findings on finished documents. Its README records that run and what was done after it;
// the bars are what is measured now. The six false reports left are one label disagreement:
// Hyperledger Fabric's `RFC PR: (leave this empty)` fields, which eight earlier sets label as slots
// and these reviewers tolerate, four of them on two finished RFCs. What is left of recall: slots in
// code spans of a team's brace template, Smana's sample values (`field1: value`, `Resource1`), a
// MADR template kept inside a code block, and a prompt question an ADR kept.
const BARS: CorpusBars = {
  documents: 48,
  placeholderPrecision: 0.969,
  placeholderPrecisionPerFamily: { rfc: 0.571 },
  placeholderRecall: 0.924,
  repositoryTemplates: 13,
  emptyPrecision: 1,
  emptyRecall: 1,
  findingsOnFinished: 4,
  otherFindingsOnFinished: 6,
  misidentified: 14,
};

test('the thirty-ninth blind corpus, finished documents, templates and half-filled ones in four languages: placeholder and empty-section findings against labels made before any run', (t) => {
  assertCorpusScore(t, 'test/corpus-blind39', BARS);
});
