import { test } from 'node:test';
import { assertCorpusScore, type CorpusBars } from './corpus-bars';

// The nineteenth blind corpus (test/corpus-blind19): 39 real documents of every family from 17
// repositories no other corpus and no sweep uses, 25 of them finished, in English, Chinese and
// German, labelled by hand before Specwright was run on them. Blind: placeholder precision 100 %
// (64 of 64), recall 70.8 %, empty-section precision 100 % (23 of 23), nothing on finished
// documents. Its README records that run and what was fixed after it; the bars are what is
// measured now. What is left (recall 94.0 %): a customised spec-kit plan template's own
// Constitution Check instructions (the kit keeps its templates' sentences in plans), a KEP
// template's sample paths in front matter, "(link to be added later)", two MADR sections that
// hold only a slide separator. The other warnings on finished documents: citations of
// requirements whose documents are not in the set (a Kiro task list's `_Requirements: 1.1_`
// without its requirements), two OpenSpec deltas whose main spec is not in the set, and a delta
// that repeats `## ADDED Requirements`.
// Recall raised after the thirty-ninth set, which taught the proposal template's sample see-also paths.
const BARS: CorpusBars = {
  documents: 39,
  placeholderPrecision: 1,
  placeholderPrecisionPerFamily: {},
  placeholderRecall: 0.958,
  repositoryTemplates: 8,
  emptyPrecision: 1,
  emptyRecall: 0.92,
  findingsOnFinished: 0,
  otherFindingsOnFinished: 90,
  misidentified: 2,
};

test('the nineteenth blind corpus, finished documents, team templates and work in progress in three languages: placeholder and empty-section findings against labels made before any run', (t) => {
  assertCorpusScore(t, 'test/corpus-blind19', BARS);
});
