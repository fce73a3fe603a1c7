import { test } from 'node:test';
import { assertCorpusScore, type CorpusBars } from './corpus-bars';

// The held-out corpus (test/corpus-heldout): real spec-kit, Kiro, OpenSpec, MADR, Nygard
// ADR, RFC and KEP documents from repositories test/corpus does not use, labelled by hand
// before the linter was run on them. The first measurement, before any rule had seen
// them, is in its README; three mistakes it showed were fixed since, and the bars are set at what is measured now, not
// at the targets, which are not all met: placeholder precision 98 % and recall 95 %,
// empty-section precision 100 %, and no placeholder or empty-section finding on a
// finished document. A change that makes any of these worse fails here; a change that
// meets a target should raise its bar. The six repository templates among them (MADR,
// Nygard, RFC and KEP templates kept beside the documents) must get no placeholder or
// empty-section finding themselves; their slots are scored on a copy of each, as a new
// document started from it (see scripts/corpus-score.ts and the README).
const BARS: CorpusBars = {
  documents: 53,
  placeholderPrecision: 0.98,
  /** Families with a report; the lowest are where the false reports are (README). */
  placeholderPrecisionPerFamily: { adr: 1, 'nygard-adr': 1, openspec: 1, rfc: 0.75, 'spec-kit': 1 },
  placeholderRecall: 0.98,
  repositoryTemplates: 6,
  emptyPrecision: 1,
  emptyRecall: 1,
  findingsOnFinished: 0,
  otherFindingsOnFinished: 2,
};

test('the held-out corpus: placeholder and empty-section findings against labels the rules were not tuned on', (t) => {
  assertCorpusScore(t, 'test/corpus-heldout', BARS);
});
