import { test } from 'node:test';
import { assertCorpusScore, type CorpusBars } from './corpus-bars';

// The third blind corpus (test/corpus-blind3): 36 real spec-kit, Kiro, OpenSpec, MADR, Nygard
// ADR, RFC and KEP documents from 22 repositories no other corpus uses (6 in Japanese, 1 in
// Chinese), labelled by hand before Specwright was run on them. Its README records the blind
// run and what was fixed after it; the bars are what is measured now. What is left: one
// bracketed class name in a KEP's prose (kep precision 4 of 5), and a Japanese team's ADR
// folder that both ADR families share, where nothing in its headings tells Nygard from MADR (2
// documents taken for MADR).
const BARS: CorpusBars = {
  documents: 36,
  placeholderPrecision: 0.99,
  placeholderPrecisionPerFamily: { kep: 0.8 },
  placeholderRecall: 0.95,
  repositoryTemplates: 8,
  emptyPrecision: 1,
  emptyRecall: 1,
  findingsOnFinished: 0,
  otherFindingsOnFinished: 5,
  misidentified: 2,
};

test('the third blind corpus: placeholder and empty-section findings against labels made before any run', (t) => {
  assertCorpusScore(t, 'test/corpus-blind3', BARS);
});
