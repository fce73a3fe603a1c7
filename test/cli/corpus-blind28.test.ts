import { test } from 'node:test';
import { assertCorpusScore, type CorpusBars } from './corpus-bars';

// The twenty-eighth blind corpus (test/corpus-blind28): 48 real documents of every family from 25
// repositories no other corpus uses, none a copy of an earlier set's, 32 of them finished, in
// English, Russian and Chinese, labelled by hand before Specwright was run on them. Blind:
// placeholder precision 94.5 % (103 of 109), recall 80.4 %, empty-section precision 100 % (38 of
// 38), 2 findings on finished documents (`Trunk-Based Development (TBD)`, an OpenSpec design's
// `[Trade-off]`). Its README records that run and what was fixed after it; the bars are what is
// measured now. The four false reports left are label disagreements: a KEP-style template's sample
// `@janedoe` (three other sets label it a placeholder) and an RFC template's "(leave this empty)"
// fields (the set that taught them labels them). What is left of recall (90.5 %, since SwiftPM's
// proposal template, kept in `proposal-templates/`, serves the proposals): a cc-sdd design
// template's guidance, which the kit keeps in its documents.
// Lowered after the thirty-ninth set: the SwiftPM template's masked links (`[SE-NNNN](…)`) are now
// slots of their own, so its header list is no longer reported whole as template text and three of
// its sample lines are not found (recall 92.9 → 92.2 %); the same template's `@oscardoe`, like its
// `@janedoe`, is a fifth report the reviewers tolerate (precision 96.6 → 95.9 %).
const BARS: CorpusBars = {
  documents: 48,
  placeholderPrecision: 0.959,
  placeholderPrecisionPerFamily: { kep: 0.842, rfc: 0.8 },
  placeholderRecall: 0.922,
  repositoryTemplates: 12,
  emptyPrecision: 1,
  emptyRecall: 1,
  findingsOnFinished: 0,
  otherFindingsOnFinished: 14,
  misidentified: 10,
};

test('the twenty-eighth blind corpus, finished documents, templates and half-filled ones in three languages: placeholder and empty-section findings against labels made before any run', (t) => {
  assertCorpusScore(t, 'test/corpus-blind28', BARS);
});
