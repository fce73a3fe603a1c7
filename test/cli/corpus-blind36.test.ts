import { test } from 'node:test';
import { assertCorpusScore, type CorpusBars } from './corpus-bars';

// The thirty-sixth blind corpus (test/corpus-blind36): 46 real documents of every family from 21
// repositories no other corpus uses, none a copy of an earlier set's, 31 of them finished, in
// English and Chinese, labelled by hand before Specwright was run on them. Blind: placeholder
// precision 96.1 % (149 of 155), recall 93.9 %, empty-section precision 100 % (10 of 10), 6 findings
// on a finished document (priority codes with their severity tagging user stories, `[P0 -
// Critical]`). Its README records that run and what was done after it; the bars are what is
// measured now. What is left: a template's `<name>` (one ASCII word, which Specwright reads as a
// command's notation), IOTA's TIP template (its path is no RFC folder), MaidSafe's template's
// choices in parentheses, a slot spanning lines of front matter, and a proposal's `Additional
// nodes.`. The other warnings on finished documents: a spec that left out its template's
// Requirements section, two Kiro criteria no task cites and a task citing none, and an OpenSpec
// spec with headings of its own.
// Recall is 95.9 % since the slots read from the thirty-seventh and thirty-eighth sets.
// Recall raised after the thirty-ninth set, which taught more of the forms templates write (fields left blank, masked links).
const BARS: CorpusBars = {
  documents: 46,
  placeholderPrecision: 1,
  placeholderPrecisionPerFamily: {},
  placeholderRecall: 0.964,
  repositoryTemplates: 8,
  emptyPrecision: 1,
  emptyRecall: 1,
  findingsOnFinished: 0,
  otherFindingsOnFinished: 5,
  misidentified: 7,
};

test('the thirty-sixth blind corpus, finished documents, templates and half-filled ones: placeholder and empty-section findings against labels made before any run', (t) => {
  assertCorpusScore(t, 'test/corpus-blind36', BARS);
});
