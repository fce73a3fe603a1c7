import { test } from 'node:test';
import { assertCorpusScore, type CorpusBars } from './corpus-bars';

// The seventh blind corpus (test/corpus-blind7): 42 real documents of every family from 23
// repositories no other corpus uses, 36 of them finished, labelled by hand before Specwright
// was run on them. Its README records the blind run and what was fixed after it; the bars are
// what is measured now. What is left: most of one spec-kit plan committed as the kit's unfilled
// plan template (its Constitution Check bullets and tree entries, found only with the repository's
// template at hand; its Complexity Tracking rows and wrapped structure slot are found now), a KEP's
// two `[optional]` heading marks, which most sets call the template's tag (recall 77.3 % of 44; the
// two guidance paragraphs, the enhancement template's own, are found now);
// two German MADR decisions of a layout of their own, taken for Nygard; and 32 other findings on finished documents, 25 of them citations of
// requirements and stories that documents of the same feature, not in the set, define.
const BARS: CorpusBars = {
  documents: 42,
  placeholderPrecision: 1,
  placeholderPrecisionPerFamily: {},
  placeholderRecall: 0.77,
  repositoryTemplates: 0,
  emptyPrecision: 1,
  emptyRecall: 1,
  findingsOnFinished: 0,
  otherFindingsOnFinished: 32,
  misidentified: 2,
};

test('the seventh blind corpus, mostly finished documents: placeholder and empty-section findings against labels made before any run', (t) => {
  assertCorpusScore(t, 'test/corpus-blind7', BARS);
});
