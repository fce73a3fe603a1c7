// Reports checkbox lines with IDs (spec-kit's `- [ ] T001 [P] [US1] Description`, its
// checklists' `- [ ] CHK001 …`) whose ID is malformed, whose ID another line already
// has, or that carry no description after the ID and its tags. Only in kinds whose family
// describes such lines (`itemLines`). Lines in fenced code are examples, not items.
// Whether a `[US1]` names a user story of the feature's spec would need the sibling
// spec, which a rule does not see: that is not checked here.
import { linesOutsideFences } from '../families/items';
import type { Rule } from '../lint/types';

export const taskFormat: Rule = {
  meta: {
    id: 'task-format',
    description: 'Task and checklist lines whose ID is malformed or repeated, or that have no description.',
    rationale:
      'Tasks and checklist items are referred to by their IDs — in reviews, commits and by agents that ' +
      'work through the list — so an ID must have its family’s form and name one line only, and the line ' +
      'must say what to do. Renumber the line, or write its description.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check({ document, family, report }) {
    const lines = family?.family.kinds[family.kind]?.itemLines;
    if (!lines) return;
    const { text } = document;
    const seen = new Map<string, number>();
    for (const { line, start: lineStart } of linesOutsideFences(text)) {
      const head = lines.line.exec(line);
      if (!head) continue;
      let at = head[0].length;
      const idMatch = lines.idLike.exec(line.slice(at));
      if (!idMatch) continue;
      const id = idMatch[0];
      const idRange = { start: lineStart + at, end: lineStart + at + id.length };
      if (!lines.id.test(id)) {
        report({ message: `Expected an ID of the form ${lines.describe ?? lines.id.source.replace(/^\^\(\?:|\)\$$/g, '')}, found \`${id}\``, range: idRange, data: { id, problem: 'malformed' } });
      } else {
        const first = seen.get(id);
        if (first !== undefined) {
          report({
            message: `Expected each ID once, found \`${id}\` again (first on line ${lineOf(text, first)})`,
            range: idRange,
            data: { id, problem: 'duplicate', firstLine: lineOf(text, first) },
          });
        } else seen.set(id, idRange.start);
      }
      at += id.length;
      let rest = line.slice(at).replace(/^\s+/, '');
      for (let tag = lines.tags?.exec(rest); tag && tag[0].length > 0; tag = lines.tags?.exec(rest)) rest = rest.slice(tag[0].length);
      if (rest.replace(/[\s*_:—–-]+/g, '') === '') {
        report({ message: `Expected a description after \`${id}\`, found none`, range: idRange, data: { id, problem: 'no-description' } });
      }
    }
  },
};

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split(/\r\n|\r|\n/).length;
}
