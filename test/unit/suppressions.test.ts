import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lintText } from '../../server/src/core/lint/lint';

const rules = (text: string) => lintText(text).map((f) => `${f.ruleId}@${text.slice(0, f.range.start).split('\n').length}`);

describe('inline switches', () => {
  test('disable-next-line silences the next line, for the rules named', () => {
    const text = '# Spec\n\n<!-- specwright-disable-next-line unfilled-placeholder -->\nOwner: [Name]\nLead: [Name]\n';
    assert.deepEqual(rules(text), ['unfilled-placeholder@5']);
    const other = '# Spec\n\n<!-- specwright-disable-next-line empty-section -->\nOwner: [Name]\n';
    assert.deepEqual(rules(other), ['unfilled-placeholder@4']);
  });

  test('disable … enable silences the lines between; without ids, every rule', () => {
    const text = '# Spec\n\n<!-- specwright-disable -->\n\nA [one]\n\n## Empty\n\n<!-- specwright-enable -->\n\nB [two]\n';
    assert.deepEqual(rules(text), ['unfilled-placeholder@11']);
  });

  test('disable without enable runs to the end; enable of one rule leaves others off', () => {
    const text = '# Spec\n\n<!-- specwright-disable unfilled-placeholder empty-section -->\n\n<!-- specwright-enable empty-section -->\n\nA [one]\n\n## Empty\n';
    assert.deepEqual(rules(text), ['empty-section@9']);
  });

  test('a switch in code is text, not a switch', () => {
    const text = '# Spec\n\n```\n<!-- specwright-disable -->\n```\n\nA [one]\n';
    assert.deepEqual(rules(text), ['unfilled-placeholder@7']);
  });
});
