import * as assert from 'node:assert/strict';
import { codeOf, openInEditor, waitForOurDiagnostics } from './helpers';

suite('documents of other families', () => {
  test('a spec-kit tasks.md shows no squiggle on its task tags, only on the placeholder left in it', async () => {
    const tasks = await openInEditor('specs/001-photo-albums/tasks.md');
    const diagnostics = await waitForOurDiagnostics(tasks.uri, (d) => d.length > 0, 'Specwright diagnostics on specs/001-photo-albums/tasks.md');
    assert.deepEqual(
      diagnostics.map((d) => `${d.range.start.line + 1}: ${codeOf(d)} ${tasks.getText(d.range)}`),
      ['45: unfilled-placeholder [file path]'],
      'the legend, [P], [US1], [Story] and checkboxes are the kit’s markup',
    );
  });
});
