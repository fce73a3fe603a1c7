import { test } from 'node:test';
import { assertCorpusScore, type CorpusBars } from './corpus-bars';

// The thirty-eighth blind corpus (test/corpus-blind38): 49 real documents of every family from 20
// repositories no other corpus uses, none a copy of an earlier set's, 29 of them finished, in
// English, labelled by hand before Specwright was run on them. Blind: placeholder precision 95.0 %
// (76 of 80), recall 92.4 %, empty-section precision 100 % (8 of 8), no finding on a finished
// document. Its README records that run and what was done after it; the bars are what is measured
// now. The four false reports are label disagreements: Sawtooth's `(leave this empty)` fields, which
// eight earlier sets label as slots, and two option lines of spec-kit's early plan template kept in a
// plan. What is left of recall: a spec that is not UTF-8 (the CLI says so and checks nothing else in
// it), Velero's `[Pending]` notes, and a stand-in title labelled empty too. The other warnings on
// finished documents: an OpenSpec main spec written under `## ADDED Requirements` (as `openspec
// validate` says too) and a Kiro task list citing criteria its requirements do not define.
const BARS: CorpusBars = {
  documents: 49,
  placeholderPrecision: 0.953,
  placeholderPrecisionPerFamily: { rfc: 0.846, 'spec-kit': 0.925 },
  placeholderRecall: 0.949,
  repositoryTemplates: 9,
  emptyPrecision: 1,
  emptyRecall: 0.888,
  findingsOnFinished: 0,
  otherFindingsOnFinished: 29,
  misidentified: 12,
};

test('the thirty-eighth blind corpus, finished documents, templates and half-filled ones: placeholder and empty-section findings against labels made before any run', (t) => {
  assertCorpusScore(t, 'test/corpus-blind38', BARS);
});
