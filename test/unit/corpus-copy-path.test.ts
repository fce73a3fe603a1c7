import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { copyPathOf } from '../../scripts/corpus-score';

describe('the corpus scorer starts a copy of a repository template where a user starts a document from it', () => {
  test('beside a template kept among the documents', () => {
    assert.equal(copyPathOf('docs/decisions/adr-template.md', 'madr', 'decision'), 'docs/decisions/9999-new-document.md');
    assert.equal(copyPathOf('keps/NNNN-template/README.md', 'kep', 'kep'), 'keps/9999-new-document/README.md');
  });

  test('where the family keeps documents of its kind, for a template kept apart from them', () => {
    assert.equal(copyPathOf('.specify/templates/spec-template.md', 'spec-kit', 'spec'), 'specs/9999-new-document/spec.md');
    assert.equal(copyPathOf('0000-template.md', 'rfc', 'rfc'), 'text/9999-new-document.md');
  });

  test('beside the template, in a folder of the family, for a template labelled as a kind the family does not have', () => {
    // SAP's `rfcs/0000-template.md`, labelled `template`: RFCs go in `rfcs/`, not in the Rust layout's `text/`.
    assert.equal(copyPathOf('rfcs/0000-template.md', 'rfc', 'template'), 'rfcs/9999-new-document.md');
    // A repository of RFCs keeps its template at its top: under the repository's own name, the top is an RFC folder.
    assert.equal(copyPathOf('0000-template.md', 'rfc', 'template', [], 'MRPT/rfcs'), '9999-new-document.md');
    assert.notEqual(copyPathOf('0000-template.md', 'rfc', 'template', [], 'acme/website'), '9999-new-document.md');
  });

  test("in the decisions' folder for adr-tools' template kept in its templates subfolder", () => {
    assert.equal(copyPathOf('doc/adr/templates/template.md', 'nygard-adr', 'decision'), 'doc/adr/9999-new-document.md');
    assert.equal(copyPathOf('doc/architecture/decisions/templates/template.md', 'nygard-adr', 'decision'), 'doc/architecture/decisions/9999-new-document.md');
  });

  test("beside the repository's other documents, for a template the labelled family does not know by its path", () => {
    assert.equal(copyPathOf('0000-template.md', 'kep', 'kep', ['text/0048-zero-downtime-upgrades.md']), 'text/9999-new-document.md');
    assert.equal(copyPathOf('template.md', 'kep', 'kep', ['proposals/0002-x/README.md', 'proposals/0001-y/README.md']), 'proposals/9999-new-document/README.md');
    assert.equal(copyPathOf('template.md', 'kep', 'kep', ['rfcs/0036-x/0036-x.md']), 'rfcs/9999-new-document/9999-new-document.md');
    // The labelled family knows the template: its own layout decides, whatever else the set holds.
    assert.equal(copyPathOf('0000-template.md', 'rfc', 'rfc', ['rfcs/0036-x/0036-x.md']), 'text/9999-new-document.md');
    // Unless the repository keeps its documents in the template's own folder: there the new one goes.
    assert.equal(copyPathOf('docs/proposals/0000-template.md', 'rfc', 'rfc', ['docs/proposals/0001-archive-format.md']), 'docs/proposals/9999-new-document.md');
  });

  test("where the family keeps its documents, named as the template, for a kind of the team's own among the kit's templates", () => {
    assert.equal(copyPathOf('.specify/templates/adr-template.md', 'spec-kit', 'decision'), 'specs/9999-new-document/adr.md');
    assert.equal(copyPathOf('.specify/templates/architecture-impact-map-template.md', 'spec-kit', 'architecture-impact-map'), 'specs/9999-new-document/architecture-impact-map.md');
    // Never in a templates folder, where it would be a template again.
    assert.ok(!copyPathOf('.specify/templates/template.md', 'spec-kit', 'notes').startsWith('.specify/'));
    assert.equal(copyPathOf('plugins/humaninloop/templates/plan-template.md', 'spec-kit', 'plan'), 'specs/9999-new-document/plan.md');
    assert.equal(copyPathOf('tools/templates/proposal.md'), 'tools/9999-new-document.md');
  });

  test("where the family keeps documents of its kind, for a template kept in a coding agent's folder, which is not checked", () => {
    assert.equal(copyPathOf('.github/templates/kiro-design-template.md', 'kiro', 'design'), '.kiro/specs/9999-new-document/design.md');
    assert.equal(copyPathOf('.github/templates/kiro-tasks-template.md', 'kiro', 'tasks'), '.kiro/specs/9999-new-document/tasks.md');
  });
});
