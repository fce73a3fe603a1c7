import { test } from 'node:test';
import { assertCorpusScore, type CorpusBars } from './corpus-bars';

// The twenty-first blind corpus (test/corpus-blind21): 39 real documents of every family from 18
// repositories no other corpus and no sweep uses, none a copy of an earlier set's, 27 of them
// finished, in English, Russian, Norwegian, Portuguese and Chinese, labelled by hand before
// Specwright was run on them. Blind: placeholder precision 96.1 %, recall 76.1 %, empty-section
// precision 100 % (8 of 8), nothing on finished documents. Its README records that run and what
// was fixed after it; the bars are what is measured now. What is left (recall 90.0 %): a KEP template's
// sample front matter (`kep-number: 0`, KEP-1/2/3), a design template's sample tasks, its history
// line and status list, a Kiro design's "NOTE: Choose one … and document it here.", and a `TBD` in a
// code comment. The other warnings on finished documents: citations of requirements whose
// documents are not in the set.
const BARS: CorpusBars = {
  documents: 39,
  placeholderPrecision: 1,
  placeholderPrecisionPerFamily: {},
  placeholderRecall: 0.927,
  repositoryTemplates: 7,
  emptyPrecision: 1,
  emptyRecall: 1,
  findingsOnFinished: 0,
  otherFindingsOnFinished: 34,
  misidentified: 5,
};

test('the twenty-first blind corpus, finished documents, templates and half-filled ones in five languages: placeholder and empty-section findings against labels made before any run', (t) => {
  assertCorpusScore(t, 'test/corpus-blind21', BARS);
});
