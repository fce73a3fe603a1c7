import { test } from 'node:test';
import { assertCorpusScore, type CorpusBars } from './corpus-bars';

// The twentieth blind corpus (test/corpus-blind20): 42 real documents of every family from 20
// repositories no other corpus and no sweep uses, none a copy of an earlier set's, 27 of them
// finished, in English, Japanese and Chinese, labelled by hand before Specwright was run on them.
// Blind: placeholder precision 92.9 %, recall 48.1 %, empty-section precision 87.5 %, two findings
// on finished documents (rescored with the scorer's fix for copies of templates kept in a coding
// agent's folder; as first run, 91.5 % and 47.1 % of the labels the scorer then reached). Its README records that run and what was fixed after it; the bars are
// what is measured now. What is left (recall 80.5 %, since a template kept in `guidelines/`
// serves the copies that follow it): its sample front matter and the how-to-use steps before its
// title, and a Kiro team's templates kept in `.github/templates/` with their sample lists and
// guidance. Two findings on that template's copy are a format the template describes
// (`owner: @github-username`, `feature/[feature_name]-<task-short>`), which the labels tolerate.
// The other warnings on finished documents: citations of requirements whose documents are not in
// the set.
// Recall is 82.4 % since the slots read from the thirty-seventh and thirty-eighth sets.
const BARS: CorpusBars = {
  documents: 42,
  placeholderPrecision: 0.98,
  placeholderPrecisionPerFamily: { kiro: 0.93 },
  placeholderRecall: 0.823,
  repositoryTemplates: 10,
  emptyPrecision: 1,
  emptyRecall: 1,
  findingsOnFinished: 0,
  otherFindingsOnFinished: 56,
  misidentified: 6,
};

test('the twentieth blind corpus, finished documents, team templates and half-filled ones in three languages: placeholder and empty-section findings against labels made before any run', (t) => {
  assertCorpusScore(t, 'test/corpus-blind20', BARS);
});
