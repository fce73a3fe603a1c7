import { test } from 'node:test';
import { assertCorpusScore, type CorpusBars } from './corpus-bars';

// The thirty-second blind corpus (test/corpus-blind32): 38 real documents of every family from 22
// repositories no other corpus uses, none a copy of an earlier set's, 25 of them finished, in
// English, Chinese and French, labelled by hand before Specwright was run on them. Blind:
// placeholder precision 93.1 % (108 of 116), recall 76.1 %, empty-section precision 100 % (11 of
// 11), 8 findings on a finished document (the template variables a Kiro requirements document
// specifies). Its README records that run and what was fixed after it; the bars are what is
// measured now. What is left of recall (96.9 %): a plan's italic note leaving a phase
// to an agent, a MADR choice list wrapped by Prettier, an
// adr-tools sentence in French, `(e.g. …)` guidance, `2023/XXXX`. Argo CD's proposal template,
// `001-proposal-template.md`, is taken for one since it holds slots of its own. The other
// warnings on finished documents are citations of criteria in a requirements document the set does
// not hold (24), an archived OpenSpec proposal with Chinese headings (2) and an adr-tools first
// decision without Consequences.
// Recall is 97.5 % since the slots read from the thirty-seventh and thirty-eighth sets.
const BARS: CorpusBars = {
  documents: 38,
  placeholderPrecision: 1,
  placeholderPrecisionPerFamily: {},
  placeholderRecall: 0.975,
  repositoryTemplates: 5,
  emptyPrecision: 1,
  emptyRecall: 1,
  findingsOnFinished: 0,
  otherFindingsOnFinished: 27,
  misidentified: 9,
};

test('the thirty-second blind corpus, finished documents, templates and half-filled ones in three languages: placeholder and empty-section findings against labels made before any run', (t) => {
  assertCorpusScore(t, 'test/corpus-blind32', BARS);
});
