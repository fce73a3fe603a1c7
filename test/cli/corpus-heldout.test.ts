import assert from 'node:assert/strict';
import { test } from 'node:test';
import { precisionOf, recallOf, scoreCorpus, type CorpusScore } from '../../scripts/corpus-score';

// The held-out corpus (test/corpus-heldout): real spec-kit, Kiro, OpenSpec, MADR, Nygard
// ADR, RFC and KEP documents from repositories test/corpus does not use, labelled by hand
// before the linter was run on them. The first measurement, before any rule had seen
// them, is in its README; three mistakes it showed were fixed since, and the bars are set at what is measured now, not
// at the targets, which are not all met: placeholder precision 98 % and recall 95 %,
// empty-section precision 100 %, and no placeholder or empty-section finding on a
// finished document. A change that makes any of these worse fails here; a change that
// meets a target should raise its bar. The six repository templates among them (MADR,
// Nygard, RFC and KEP templates kept beside the documents) must get no placeholder or
// empty-section finding themselves; their slots are scored on a copy of each, as a new
// document started from it (see scripts/corpus-score.ts and the README).
const BARS = {
  placeholderPrecision: 0.98,
  /** Families with a report; the lowest are where the false reports are (README). */
  placeholderPrecisionPerFamily: { adr: 1, 'nygard-adr': 1, openspec: 1, rfc: 0.75, 'spec-kit': 1 } as Record<string, number>,
  placeholderRecall: 0.97,
  repositoryTemplates: 6,
  emptyPrecision: 1,
  emptyRecall: 0.83,
  findingsOnFinished: 0,
};

function percent(value: number | undefined): string {
  return value === undefined ? 'n/a' : `${(100 * value).toFixed(1)} %`;
}

function summary(score: CorpusScore): string {
  const families = [...[...score.placeholder.keys()].filter((f) => f !== 'overall').sort(), 'overall'];
  const rows = families.map(
    (family) =>
      `${family}: placeholder precision ${percent(precisionOf(score.placeholder.get(family)))}, recall ${percent(recallOf(score, family, 'placeholder'))}; ` +
      `empty-section precision ${percent(precisionOf(score.empty.get(family)))}, recall ${percent(recallOf(score, family, 'empty'))}`,
  );
  const finished = score.documents.filter((d) => d.finished).length;
  return [
    `${score.documents.length} documents, ${score.checked} checked`,
    ...rows,
    `findings on the ${finished} finished documents: ${score.onFinished.length}`,
    `placeholder and empty-section findings on the ${score.templates.length} repository templates: ${score.onTemplates.length}`,
    `identified as their labelled family and kind: ${score.documents.length - score.misidentified.length} of ${score.documents.length}`,
  ].join('\n');
}

test('the held-out corpus: placeholder and empty-section findings against labels the rules were not tuned on', (t) => {
  const score = scoreCorpus('test/corpus-heldout');
  t.diagnostic(summary(score));
  const falseReports = [...score.falseReports].map(([pattern, { count, example }]) => `${count}× ${pattern} (${example})`).join('\n');

  assert.equal(score.documents.length >= 53, true, `${score.documents.length} labelled documents`);
  assert.deepEqual(score.unchecked, [], 'every document is checked where its repository keeps it');
  assert.deepEqual(score.misidentified, [], 'every document is taken for its family and kind at its path');

  const overall = precisionOf(score.placeholder.get('overall'));
  assert.ok(overall !== undefined && overall >= BARS.placeholderPrecision, `placeholder precision ${overall} below ${BARS.placeholderPrecision}:\n${falseReports}`);
  for (const [family, tally] of score.placeholder) {
    const precision = precisionOf(tally);
    if (family === 'overall' || precision === undefined) continue;
    const bar = BARS.placeholderPrecisionPerFamily[family] ?? 1;
    assert.ok(precision >= bar, `${family}: placeholder precision ${precision} below ${bar}:\n${falseReports}`);
  }
  const recall = recallOf(score, 'overall', 'placeholder');
  assert.ok(recall !== undefined && recall >= BARS.placeholderRecall, `placeholder recall ${recall}; missed:\n${score.missed.join('\n')}`);

  const emptyPrecision = precisionOf(score.empty.get('overall'));
  assert.ok(emptyPrecision !== undefined && emptyPrecision >= BARS.emptyPrecision, `empty-section precision ${emptyPrecision}:\n${falseReports}`);
  const emptyRecall = recallOf(score, 'overall', 'empty');
  assert.ok(emptyRecall !== undefined && emptyRecall >= BARS.emptyRecall, `empty-section recall ${emptyRecall}; missed:\n${score.missed.join('\n')}`);

  assert.equal(score.templates.length, BARS.repositoryTemplates, `repository templates identified:\n${score.templates.join('\n')}`);
  assert.deepEqual(score.onTemplates, [], 'no placeholder or empty-section finding on a repository template');
  assert.ok(
    score.onFinished.length <= BARS.findingsOnFinished,
    `${score.onFinished.length} placeholder or empty-section findings on finished documents:\n${score.onFinished.join('\n')}`,
  );
});
