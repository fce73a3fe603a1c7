import { test } from 'node:test';
import { assertCorpusScore, type CorpusBars } from './corpus-bars';

// The thirty-fourth blind corpus (test/corpus-blind34): 48 real documents of every family from 23
// repositories no other corpus uses, none a copy of an earlier set's, 29 of them finished, in
// English, Chinese, Japanese and Spanish, labelled by hand before Specwright was run on them. Blind:
// placeholder precision 100 % (133 of 133), recall 89.4 %, empty-section precision 100 % (23 of 23),
// nothing on finished documents. Its README records that run and what was done after it; the bars
// are what is measured now. What is left: a Chinese translation of spec-kit's checklist template
// kept in a subfolder of `.specify/templates/` (its sample items), a team's spec template's guidance
// question, an ADR format written inside a code block of a README, MADR's front-matter guidance
// without its braces, and a template's `...` field value. The other warnings on finished documents:
// IDs a plan cites from its spec and a delta's requirement from its main spec (neither spec is in
// the set; in the repositories both are there and the warnings go), four Kiro criteria no task
// cites, and a Nygard-style ADR with no Status or Consequences.
const BARS: CorpusBars = {
  documents: 48,
  placeholderPrecision: 1,
  placeholderPrecisionPerFamily: {},
  placeholderRecall: 0.91,
  repositoryTemplates: 13,
  emptyPrecision: 1,
  emptyRecall: 1,
  findingsOnFinished: 0,
  otherFindingsOnFinished: 28,
  misidentified: 12,
};

test('the thirty-fourth blind corpus, finished documents, templates and half-filled ones: placeholder and empty-section findings against labels made before any run', (t) => {
  assertCorpusScore(t, 'test/corpus-blind34', BARS);
});
