import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { precisionOf, recallOf, scoreCorpus, type CorpusScore } from '../../scripts/corpus-score';

/** What a labelled corpus must score, at least (at most, for findings on finished documents). */
export interface CorpusBars {
  readonly documents: number;
  readonly placeholderPrecision: number;
  /** Families with a report and a bar of their own; any other family is held to 100 %. */
  readonly placeholderPrecisionPerFamily: Record<string, number>;
  readonly placeholderRecall: number;
  readonly repositoryTemplates: number;
  readonly emptyPrecision: number;
  readonly emptyRecall: number;
  readonly findingsOnFinished: number;
  /** Other rules' errors and warnings on finished documents, at most (each is listed in the set's README). */
  readonly otherFindingsOnFinished?: number;
  /** Documents taken for another family or kind than labelled, at most (each is named in the set's README). */
  readonly misidentified?: number;
}

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
    `findings on the ${finished} finished documents: ${score.onFinished.length}; other rules' errors and warnings there: ${score.otherOnFinished.length}`,
    `placeholder and empty-section findings on the ${score.templates.length} repository templates: ${score.onTemplates.length}`,
    `identified as their labelled family and kind: ${score.documents.length - score.misidentified.length} of ${score.documents.length}`,
  ].join('\n');
}

/** Scores the corpus in `folder` (see scripts/corpus-score.ts) and fails below its bars. */
export function assertCorpusScore(t: TestContext, folder: string, bars: CorpusBars): void {
  const score = scoreCorpus(folder);
  t.diagnostic(summary(score));
  const falseReports = [...score.falseReports].map(([pattern, { count, example }]) => `${count}× ${pattern} (${example})`).join('\n');

  assert.equal(score.documents.length >= bars.documents, true, `${score.documents.length} labelled documents`);
  assert.deepEqual(score.unchecked, [], 'every document is checked where its repository keeps it');
  assert.ok(score.misidentified.length <= (bars.misidentified ?? 0), `documents taken for another family or kind:\n${score.misidentified.join('\n')}`);

  const overall = precisionOf(score.placeholder.get('overall'));
  assert.ok(overall !== undefined && overall >= bars.placeholderPrecision, `placeholder precision ${overall} below ${bars.placeholderPrecision}:\n${falseReports}`);
  for (const [family, tally] of score.placeholder) {
    const precision = precisionOf(tally);
    if (family === 'overall' || precision === undefined) continue;
    const bar = bars.placeholderPrecisionPerFamily[family] ?? 1;
    assert.ok(precision >= bar, `${family}: placeholder precision ${precision} below ${bar}:\n${falseReports}`);
  }
  const recall = recallOf(score, 'overall', 'placeholder');
  assert.ok(recall !== undefined && recall >= bars.placeholderRecall, `placeholder recall ${recall}; missed:\n${score.missed.join('\n')}`);

  // A set with no empty section labelled and none found (one of finished documents) has neither measure: nothing to hold.
  const emptyPrecision = precisionOf(score.empty.get('overall'));
  assert.ok(emptyPrecision === undefined ? (score.empty.get('overall')?.found ?? 0) === 0 : emptyPrecision >= bars.emptyPrecision, `empty-section precision ${emptyPrecision}:\n${falseReports}`);
  const emptyRecall = recallOf(score, 'overall', 'empty');
  assert.ok(emptyRecall === undefined ? (score.empty.get('overall')?.labelled ?? 0) === 0 : emptyRecall >= bars.emptyRecall, `empty-section recall ${emptyRecall}; missed:\n${score.missed.join('\n')}`);

  assert.equal(score.templates.length, bars.repositoryTemplates, `repository templates identified:\n${score.templates.join('\n')}`);
  assert.deepEqual(score.onTemplates, [], 'no placeholder or empty-section finding on a repository template');
  assert.ok(
    score.onFinished.length <= bars.findingsOnFinished,
    `${score.onFinished.length} placeholder or empty-section findings on finished documents:\n${score.onFinished.join('\n')}`,
  );
  if (bars.otherFindingsOnFinished !== undefined) {
    assert.ok(
      score.otherOnFinished.length <= bars.otherFindingsOnFinished,
      `${score.otherOnFinished.length} other errors and warnings on finished documents:\n${score.otherOnFinished.join('\n')}`,
    );
  }
}
