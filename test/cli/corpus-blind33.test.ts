import { test } from 'node:test';
import { assertCorpusScore, type CorpusBars } from './corpus-bars';

// The thirty-third blind corpus (test/corpus-blind33): 47 real documents of every family from 22
// repositories no other corpus uses, none a copy of an earlier set's, 31 of them finished, in
// English and Chinese, labelled by hand before Specwright was run on them. Blind: placeholder
// precision 90.8 % (69 of 76), recall 96.2 %, empty-section precision 93.3 % (14 of 15), 3 findings
// on finished documents (`[if necessary]` on a SHIP's headings, a plan's italic line saying there is
// no separate research file). Its README records that run and what was fixed after it; the bars are
// what is measured now. What is left: two `[Follow-up feature]` tags ending list items of a SHIP's
// non-goals (KEP precision 7 of 9); open clarification markers written inside a spec-kit spec's
// execution-flow code block, a spec template's `$ARGUMENTS` and its italic example caption, a SHIP
// template's status choices in its front matter. The other errors and warnings on finished documents
// are Kurator's front matter, which YAML cannot read (`- @handle`, 3), and the KEP note `Section
// not required until targeted at a release` kept above a written SHIP's subsections (labelled a
// slot in two earlier sets, tolerated here).
const BARS: CorpusBars = {
  documents: 47,
  placeholderPrecision: 0.97,
  placeholderPrecisionPerFamily: { kep: 0.77 },
  placeholderRecall: 0.96,
  repositoryTemplates: 7,
  emptyPrecision: 1,
  emptyRecall: 1,
  findingsOnFinished: 0,
  otherFindingsOnFinished: 4,
  misidentified: 4,
};

test('the thirty-third blind corpus, finished documents, templates and half-filled ones: placeholder and empty-section findings against labels made before any run', (t) => {
  assertCorpusScore(t, 'test/corpus-blind33', BARS);
});
