import { test } from 'node:test';
import { assertCorpusScore, type CorpusBars } from './corpus-bars';

// The twenty-ninth blind corpus (test/corpus-blind29): 50 real documents of every family from 24
// repositories no other corpus uses, none a copy of an earlier set's, 35 of them finished, in
// English, Japanese and Chinese, labelled by hand before Specwright was run on them. Blind:
// placeholder precision 92.2 % (106 of 115), recall 60.9 %, empty-section precision 100 % (3 of 3),
// 9 findings on finished documents (environment variables in a task list, a MADR header written
// inside its template's brackets, a proposal's `Touches:` list of the project's parts). Its README
// records that run and what was fixed after it; the bars are what is measured now. What is left of
// recall (85.5 %): a change-proposal template's bare guidance questions and `...` items, and an
// impact map's italic `_(…)_` slots, in templates kept among spec-kit's (the kit keeps its
// templates' text in its documents); a team's old spec template's generic sample items; sample
// front matter of an enhancement template; Tarantool's escaped `\<…\>` slots in a link.
// Recall raised after the thirty-ninth set, which taught more of the forms templates write (fields left blank, masked links).
const BARS: CorpusBars = {
  documents: 50,
  placeholderPrecision: 1,
  placeholderPrecisionPerFamily: {},
  placeholderRecall: 0.877,
  repositoryTemplates: 10,
  emptyPrecision: 1,
  emptyRecall: 1,
  findingsOnFinished: 0,
  otherFindingsOnFinished: 29,
  misidentified: 12,
};

test('the twenty-ninth blind corpus, finished documents, templates and half-filled ones in three languages: placeholder and empty-section findings against labels made before any run', (t) => {
  assertCorpusScore(t, 'test/corpus-blind29', BARS);
});
