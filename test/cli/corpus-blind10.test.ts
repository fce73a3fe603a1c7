import { test } from 'node:test';
import { assertCorpusScore, type CorpusBars } from './corpus-bars';

// The tenth blind corpus (test/corpus-blind10): 41 real documents of every family from 21
// repositories no other corpus uses, 36 of them finished, labelled by hand before Specwright was
// run on them; it favours shapes the earlier sets hold few of (spec-kit contracts, OpenSpec delta
// specs, MADR 3 front matter, adr-tools decisions, large projects' proposal folders). Its README
// records the blind run and what was fixed after it; the bars are what is measured now. An
// OpenKruise proposal's paragraph of the KEP template's table-of-contents guidance, long missed,
// is found since proposals know the KEP template's paragraphs as proposal templates word them.
// What is left: seven documents identified as another family; four other findings on finished documents (an
// OpenSpec proposal without Why and What Changes, which `openspec validate` rejects too; a Nygard
// decision without Consequences).
const BARS: CorpusBars = {
  documents: 41,
  placeholderPrecision: 1,
  placeholderPrecisionPerFamily: {},
  placeholderRecall: 1,
  repositoryTemplates: 3,
  emptyPrecision: 1,
  emptyRecall: 1,
  findingsOnFinished: 0,
  otherFindingsOnFinished: 4,
  misidentified: 7,
};

test('the tenth blind corpus, mostly finished documents of shapes seen little before: placeholder and empty-section findings against labels made before any run', (t) => {
  assertCorpusScore(t, 'test/corpus-blind10', BARS);
});
