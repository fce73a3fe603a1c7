import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSpec } from '../../server/src/core/parse/spec-document';
import { lintText } from '../../server/src/core/lint/lint';
import { detectTemplate } from '../../server/src/core/templates/detect';
import { statusOf } from '../../server/src/core/templates/status';
import { builtInTemplates } from './helpers';

describe('status and strictness', async () => {
  const templates = await builtInTemplates();
  const byId = (id: string) => templates.find((t) => t.id === id)!;

  test('the status is read from a bold label line or from front matter, emoji and case aside', () => {
    const label = parseSpec('# Spec: X\n\n**Feature ID:** x\n**Status:** In review\n');
    const status = statusOf(label, byId('feature-spec'));
    assert.equal(status?.stage, 'review');
    assert.equal(label.text.slice(status.range.start, status.range.end), 'In review');
    const trailingColon = parseSpec('# Technical Specification: X\n\n**Status**: APPROVED\n');
    assert.equal(statusOf(trailingColon, byId('technical-design'))?.stage, 'final');
    const emoji = parseSpec('# Production Spec: X\n\n**Spec status:** 🟢 Approved\n');
    assert.equal(statusOf(emoji, byId('production-spec'))?.stage, 'final');
    const frontMatter = parseSpec('---\nstatus: Complete\n---\n# Feature Specification: X\n');
    assert.equal(statusOf(frontMatter, byId('feature-implementation'))?.stage, 'final');
  });

  test('an unknown or unfilled status has no stage; a template without a lifecycle has no status', () => {
    assert.equal(statusOf(parseSpec('# Spec: X\n\n**Status:** [Draft/In Review/Approved]\n'), byId('feature-spec'))?.stage, undefined);
    assert.equal(statusOf(parseSpec('# Spec: X\n'), byId('feature-spec')), undefined);
    assert.equal(statusOf(parseSpec('# Technical Spec: X\n'), byId('technical-spec')), undefined);
  });

  const spec = (status: string) =>
    `# Spec: Export\n\n**Status:** ${status}\n\n## 1. Executive Summary\n\n### 1.1 Problem Statement\n[Describe the problem]\n\n### 1.2 Solution\n\n### 1.3 Success Criteria\n- ok\n`;
  const severities = (text: string, rules?: Record<string, 'warning'>) =>
    [...new Set(lintText(text, { templates, rules }).filter((f) => f.ruleId === 'unfilled-placeholder' || f.ruleId === 'empty-section').map((f) => f.severity))];

  test('placeholders and empty sections are hints in a draft, warnings in review, errors once approved', () => {
    assert.equal(detectTemplate(parseSpec(spec('Draft')), templates)?.template.id, 'feature-spec');
    assert.deepEqual(severities(spec('Draft')), ['hint']);
    assert.deepEqual(severities(spec('In Review')), ['warning']);
    assert.deepEqual(severities(spec('Approved')), ['error']);
  });

  test('a severity set in the settings wins over the status', () => {
    assert.deepEqual(severities(spec('Approved'), { 'unfilled-placeholder': 'warning', 'empty-section': 'warning' }), ['warning']);
  });
});
