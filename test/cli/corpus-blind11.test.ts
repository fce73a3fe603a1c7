import { test } from 'node:test';
import { assertCorpusScore, type CorpusBars } from './corpus-bars';

// The eleventh blind corpus (test/corpus-blind11): 40 real documents of every family from 19
// repositories no other corpus uses, 37 of them finished, found by less common headings than the
// earlier sets' and labelled by hand before Specwright was run on them. Its README records the
// blind run and what was fixed after it; the bars are what is measured now. What is left: three
// `{{…}}` slots a kit derivative's data model keeps in code spans (recall 88 %; a sample reviewer
// copied from a template, `@alicedoe`, is found now); four documents identified as another family; 9 other findings
// on finished documents (OpenSpec proposals without Why and What Changes, which `openspec
// validate` rejects too; KEP-shaped proposals without a Summary or a Proposal; Nygard decisions whose
// status is in front matter, not a Status section).
const BARS: CorpusBars = {
  documents: 40,
  placeholderPrecision: 1,
  placeholderPrecisionPerFamily: {},
  placeholderRecall: 0.88,
  repositoryTemplates: 0,
  emptyPrecision: 1,
  emptyRecall: 1,
  findingsOnFinished: 0,
  otherFindingsOnFinished: 9,
  misidentified: 4,
};

test('the eleventh blind corpus, mostly finished documents found by less common headings: placeholder and empty-section findings against labels made before any run', (t) => {
  assertCorpusScore(t, 'test/corpus-blind11', BARS);
});
