import { test } from 'node:test';
import { assertCorpusScore, type CorpusBars } from './corpus-bars';

// The eighteenth blind corpus (test/corpus-blind18): 39 real documents of every family from 18
// repositories no other corpus and no sweep uses, 26 of them finished, in English, Japanese,
// German and Chinese, labelled by hand before Specwright was run on them. Blind: placeholder
// precision 99.1 %, recall 82.9 %, empty-section precision 0 % (two false, none labelled), three
// findings on finished documents. Its README records that run and what was fixed after it; the
// bars are what is measured now. What is left (recall 92.5 %; the MADR-like `MDR-000-TEMPLATE.md`
// serves its copy since the twentieth set's fixes): the guidance of templates no family's
// documents are kept beside (a proposal format of a team's own in `decisions/`, a Nygard template
// in a `templates/` folder of agent settings), two
// template links to a stand-in address (`[Title](URL)`), and `1. TBA` inside a code block left
// open. The other warnings on finished documents: citations of requirements whose spec is not
// in the set.
const BARS: CorpusBars = {
  documents: 39,
  placeholderPrecision: 1,
  placeholderPrecisionPerFamily: {},
  placeholderRecall: 0.92,
  repositoryTemplates: 11,
  emptyPrecision: 1,
  emptyRecall: 1,
  findingsOnFinished: 0,
  otherFindingsOnFinished: 14,
  misidentified: 11,
};

test('the eighteenth blind corpus, finished documents and templates in four languages: placeholder and empty-section findings against labels made before any run', (t) => {
  assertCorpusScore(t, 'test/corpus-blind18', BARS);
});
