// Reports a status a document's family does not have in its lifecycle (an ADR that says
// `status: done` where MADR has proposed, accepted, rejected, deprecated, superseded),
// and a status that must name what replaces the document and does not (`Superseded`
// without a link or an ID such as ADR-0005). The statuses come from the family's
// description; documents that follow a template are judged by its own front-matter
// schema instead. A family whose kit has no closed lifecycle (`status.open`) is not held
// to its list: the statuses listed only set strictness.
import type { Rule } from '../lint/types';

export const lifecycleStatus: Rule = {
  meta: {
    id: 'lifecycle-status',
    description: 'Statuses outside the family’s lifecycle, and a superseded decision that does not name its successor.',
    rationale:
      'The status tells readers whether a decision or proposal still holds, and sets how strictly the ' +
      'document is checked. A value outside the lifecycle (a typo, a status of another process) says ' +
      'neither. A status written in German, French, Spanish, Portuguese, Italian, Dutch, Chinese or Japanese ' +
      '(`Akzeptiert`, `已接受`) is the lifecycle\'s own. A decision marked superseded must say which one supersedes it, or readers cannot find ' +
      'the one that holds: link to it, or name it (`superseded by ADR-0005`).',
    defaultSeverity: 'warning',
    fixable: false,
    templateFiles: false,
  },
  check({ document, family, template, status, report }) {
    const lifecycle = family?.family.status;
    if (!lifecycle || !status || template?.template.manifest.lifecycle) return;
    const values = lifecycle.statuses.map((entry) => entry.value);
    if (status.known === undefined) {
      // A kit without a closed lifecycle (spec-kit writes `**Status**: Draft` and nothing
      // more), or a status line with no value on it: nothing to hold the value against.
      if (lifecycle.open || status.value.trim() === '') return;
      // A sentence about the decision (`Discussed by @a and @b.`) is a note, not a status to hold to the list.
      if (status.value.trim().split(/\s+/).length > 3) return;
      report({
        message: `Expected a status of the ${family.family.label} lifecycle (${values.join(', ')}), found \`${status.value}\``,
        range: status.range,
        data: { status: status.value, statuses: values },
      });
      return;
    }
    const entry = lifecycle.statuses.find((candidate) => candidate.value === status.known);
    if (!entry?.successor) return;
    const around = document.text.slice(status.range.start, Math.min(document.text.length, status.range.end + 200));
    const line = around.split(/\r?\n|\r/)[0] ?? '';
    if (/\]\(|\]\[|<https?:|https?:\/\/|\.md\b|\b[A-Z]{2,}-?\d+\b|\b\d{3,}\b/.test(line)) return;
    report({
      message: `Expected the ${entry.value.toLowerCase()} ${family.family.kinds[family.kind]?.label ?? 'document'} to name what replaces it (a link or an ID), found \`${status.value}\``,
      range: status.range,
      data: { status: status.value },
    });
  },
};
