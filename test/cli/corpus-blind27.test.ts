import { test } from 'node:test';
import { assertCorpusScore, type CorpusBars } from './corpus-bars';

// The twenty-seventh blind corpus (test/corpus-blind27): 48 real documents of every family from 26
// repositories no other corpus uses, none a copy of an earlier set's, 32 of them finished, in
// English, Chinese, Spanish and Japanese, labelled by hand before Specwright was run on them.
// Blind: placeholder precision 97.7 % (171 of 175), recall 76.1 %, empty-section precision 100 % (7
// of 7), 2 findings on finished documents (`[CLASSIFIED]` shown by an app, an issue's `[Debugger]`
// tag). Its README records that run and what was fixed after it; the bars are what is measured now.
// The two false reports left are spec-kit's `[same as backend above]`, which thirteen other sets
// label a placeholder and this one's reviewer an elision. What is left of recall (94.5 %, since Jupyter's JEP
// template, kept in a guidelines folder, serves the proposals, and conda's `cep-0000.md` is the
// template of the CEPs beside it): CEP 0's header in an HTML table, and a MADR template's live
// front matter.
const BARS: CorpusBars = {
  documents: 48,
  placeholderPrecision: 0.988,
  placeholderPrecisionPerFamily: { 'spec-kit': 0.956 },
  placeholderRecall: 0.944,
  repositoryTemplates: 11,
  emptyPrecision: 1,
  emptyRecall: 1,
  findingsOnFinished: 0,
  otherFindingsOnFinished: 6,
  misidentified: 14,
};

test('the twenty-seventh blind corpus, finished documents, templates and half-filled ones in four languages: placeholder and empty-section findings against labels made before any run', (t) => {
  assertCorpusScore(t, 'test/corpus-blind27', BARS);
});
