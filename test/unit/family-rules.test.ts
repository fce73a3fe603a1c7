import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText } from '../../server/src/core/lint/lint';

const spec = (status: string) =>
  [
    '# Feature Specification: Export',
    '',
    '**Feature Branch**: `003-export`',
    `**Status**: ${status}`,
    '',
    '## User Scenarios & Testing',
    '',
    'Users export an album as a ZIP file.',
    '',
    '## Requirements',
    '',
    '- **FR-001**: The system MUST export albums as [NEEDS CLARIFICATION: ZIP only, or also TAR?].',
    '',
    '## Success Criteria',
    '',
    '- **SC-001**: An album of 100 photos is exported in under ten seconds.',
    '',
  ].join('\n');

test('a spec-kit spec past Draft reports a leftover NEEDS CLARIFICATION as an error', () => {
  const severities = (status: string) =>
    lintText(spec(status), { path: 'specs/003-export/spec.md', now: new Date('2026-01-15T12:00:00Z') })
      .filter((finding) => finding.ruleId === 'unfilled-placeholder')
      .map((finding) => finding.severity);
  assert.deepEqual(severities('Approved'), ['error']);
  assert.deepEqual(severities('Draft'), ['hint']);
});
