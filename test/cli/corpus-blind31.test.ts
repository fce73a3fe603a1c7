import { test } from 'node:test';
import { assertCorpusScore, type CorpusBars } from './corpus-bars';

// The thirty-first blind corpus (test/corpus-blind31): 44 real documents of every family from 21
// repositories no other corpus uses, none a copy of an earlier set's, 27 of them finished, in
// English, Chinese, Japanese and German, labelled by hand before Specwright was run on them. Blind:
// placeholder precision 99.0 % (204 of 206), recall 83.3 %, empty-section precision 100 % (12 of
// 12), 1 finding on a finished document (a Rust attribute, `[repr(C)]`). Its README records that run
// and what was fixed after it; the bars are what is measured now. What is left of recall (93.4 %):
// the purpose lines of cc-sdd's research-log template and a research log that kept them (the kit keeps
// them in finished logs, so they are not reported), sample items nested in its summary, a MADR template's choice list wrapped by Prettier,
// a title slot in front matter that is not valid YAML. MADR 4's bare template's sections of comment-only
// bullets are empty now (empty-section recall 85.7 % before, 100 % now).
const BARS: CorpusBars = {
  documents: 44,
  placeholderPrecision: 1,
  placeholderPrecisionPerFamily: {},
  placeholderRecall: 0.933,
  repositoryTemplates: 9,
  emptyPrecision: 1,
  emptyRecall: 1,
  findingsOnFinished: 0,
  otherFindingsOnFinished: 3,
  misidentified: 6,
};

test('the thirty-first blind corpus, finished documents, templates and half-filled ones in four languages: placeholder and empty-section findings against labels made before any run', (t) => {
  assertCorpusScore(t, 'test/corpus-blind31', BARS);
});
