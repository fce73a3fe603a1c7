import { test } from 'node:test';
import { assertCorpusScore, type CorpusBars } from './corpus-bars';

// The twenty-second blind corpus (test/corpus-blind22): 41 real documents of every family from 20
// repositories no other corpus and no sweep uses, none a copy of an earlier set's, 28 of them
// finished, in English, Chinese and Japanese, labelled by hand before Specwright was run on them.
// Blind: placeholder precision 80.5 %, recall 84.1 %, empty-section precision 100 % (15 of 15), 4
// findings on finished documents. Its README records that run and what was fixed after it; the
// bars are what is measured now. What is left (recall 93.6 %): a quickstart's stand-in addresses
// (`your-org`, `docs.example.com`), a KEP template's questions kept in a proposal, a Go-template field as a front-matter value (`{{.ID}}`, which
// YAML reads as a map), a field's guidance as its value ("role(s), not names"), an empty `()` and a
// table's blank row.
const BARS: CorpusBars = {
  documents: 41,
  placeholderPrecision: 1,
  placeholderPrecisionPerFamily: {},
  placeholderRecall: 0.93,
  repositoryTemplates: 7,
  emptyPrecision: 1,
  emptyRecall: 1,
  findingsOnFinished: 0,
  otherFindingsOnFinished: 9,
  misidentified: 7,
};

test('the twenty-second blind corpus, finished documents, templates and half-filled ones in three languages: placeholder and empty-section findings against labels made before any run', (t) => {
  assertCorpusScore(t, 'test/corpus-blind22', BARS);
});
