// Reports a requirement ID (`FR-001`, `US-002`, `T003`) that is defined more than once:
// twice in the spec, or in the spec and in another spec in the same folder. Each copy is
// reported, so every definition shows where the others are. Specs in different folders may
// reuse IDs (spec-kit numbers `FR-001`… per feature folder). Other files are known only
// when the caller indexed the workspace, as the language server does; a spec linted on
// its own is checked against itself. In a family's folder each document has its part: a
// spec-kit feature's spec defines `FR-001`, and its plan, data model, tasks, or an analysis
// or review beside it that repeat it restate it; they do not define it again. Task IDs of a family's task
// list are task-format's to check.
import { builtInFamilies } from '../families/built-in';
import { familiesByPath, type FamilyChoice } from '../families/identify';
import { requirementIdsOf, type IdOccurrence } from '../parse/requirement-ids';
import type { Rule } from '../lint/types';

export const duplicateId: Rule = {
  meta: {
    id: 'duplicate-id',
    description: 'Requirement IDs defined more than once in a spec or in specs of the same folder.',
    rationale:
      'An ID such as `FR-001` is how plans, tasks, tests and reviews point at one requirement. When two ' +
      'requirements share it, every reference is ambiguous. Give one of them the next free ID (completion ' +
      'after `FR-` offers it) and update the references that meant it.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check({ document, workspace, idPrefixes, family, report }) {
    const items = family?.family.kinds[family.kind]?.itemLines;
    const byId = new Map<string, IdOccurrence[]>();
    for (const occurrence of requirementIdsOf(document, { extraPrefixes: idPrefixes })) {
      if (occurrence.role !== 'definition') continue;
      const list = byId.get(occurrence.id);
      if (list) list.push(occurrence);
      else byId.set(occurrence.id, [occurrence]);
    }
    for (const [id, definitions] of byId) {
      if (items?.idLike.test(id)) continue;
      const files = [...new Set((workspace?.definitions(id) ?? []).filter((other) => other.sameFolder && samePart(family, other.file)).map((other) => other.file))];
      const count = definitions.length + files.length;
      if (count < 2) continue;
      const where = files.length > 0 ? ` (also in ${files.map((file) => `\`${file}\``).join(', ')})` : '';
      for (const definition of definitions) {
        report({
          message: `Expected one definition of \`${id}\`, found ${definitions.length > 1 ? `${definitions.length} in this spec` : '1 here'}${where}`,
          range: definition.range,
          data: { id, inThisSpec: definitions.length, files },
        });
      }
    }
  },
};

/**
 * Whether `file` plays the same part as the document in its folder's layout, so that the two
 * must not share an ID: two documents of the same family's kind by path, or two documents no
 * family's layout names (`docs/specs/a.md` beside `b.md`). A spec-kit feature's spec and the
 * analysis, review or summary beside it, which restate its `FR-001`, play different parts; so
 * do a Kiro feature's requirements and its tasks' coverage table.
 */
function samePart(family: FamilyChoice | undefined, file: string): boolean {
  const families = family && !builtInFamilies().includes(family.family) ? [family.family, ...builtInFamilies()] : builtInFamilies();
  const parts = familiesByPath(families, file.replace(/\\/g, '/')).map((match) => `${match.family.id}/${match.kind}`);
  const here = family?.how === 'path' ? `${family.family.id}/${family.kind}` : undefined;
  return here === undefined ? parts.length === 0 : parts.includes(here);
}
