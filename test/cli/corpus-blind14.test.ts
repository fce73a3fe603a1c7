import { test } from 'node:test';
import { assertCorpusScore, type CorpusBars } from './corpus-bars';

// The fourteenth blind corpus (test/corpus-blind14): 42 real documents of every family from 23
// repositories no other corpus and no sweep uses, 28 of them finished, ten templates teams
// committed and four documents with template text left in, labelled by hand before Specwright was
// run on them. Its README records the blind run and what was fixed after it; the bars are what is
// measured now (a Kiro team template kept as `.kiro/specs/_template/` is the repository's since the
// nineteenth set). What is left (recall 95.7 %, since a template of no family's shape
// serves the documents that follow its headings): dash values (`RFC PR: -`); `<s>` and `<…>`
// in angle brackets; a mixed-case format (`Proposal date (dd.MM.yyyy)`). The other warnings on
// finished documents: 25 citations in a quickstart of requirements its spec (not in the set)
// defines, one criterion no task of the set cites, and an RFC that keeps its template's title as
// the repository's written RFCs do.
// Recall is 96.1 % since the slots read from the thirty-seventh and thirty-eighth sets.
const BARS: CorpusBars = {
  documents: 42,
  placeholderPrecision: 1,
  placeholderPrecisionPerFamily: {},
  placeholderRecall: 0.96,
  repositoryTemplates: 9,
  emptyPrecision: 1,
  emptyRecall: 1,
  findingsOnFinished: 0,
  otherFindingsOnFinished: 27,
  misidentified: 10,
};

test('the fourteenth blind corpus, finished documents, templates and half-filled ones: placeholder and empty-section findings against labels made before any run', (t) => {
  assertCorpusScore(t, 'test/corpus-blind14', BARS);
});
