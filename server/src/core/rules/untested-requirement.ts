// Reports a requirement that no test cites, where tests cite most requirements of that
// kind in its feature (at least half) (`test('FR-001: …')`, `// covers FR-001`): a workspace whose tests cite no
// IDs at all does not trace to tests, and is told nothing. Kept apart from
// `uncovered-requirement` so that teams can ask for task coverage without test coverage.
import { ownRequirements, rangeOnLine } from '../trace/context';
import { kindsCitedByTests } from '../trace/model';
import type { Rule } from '../lint/types';

export const untestedRequirement: Rule = {
  meta: {
    id: 'untested-requirement',
    description: 'Requirements no test cites, where tests cite at least half of the requirements of that kind in the same feature.',
    rationale:
      'When tests name the requirements they check, a requirement no test names is one whose behaviour ' +
      'nothing verifies. Name it in the test that checks it (in the test’s title or a comment such as ' +
      '`// covers FR-003`), or write that test. Only kinds of requirement that tests mostly cite in the same feature are expected.',
    defaultSeverity: 'information',
    fixable: false,
  },
  check({ document, trace, report }) {
    if (!trace) return;
    const own = ownRequirements(trace);
    if (own.length === 0) return;
    const tested = kindsCitedByTests(trace.graph.requirements);
    for (const requirement of own) {
      if (requirement.tests.length > 0 || !tested.get(requirement.scope)?.has(requirement.kind)) continue;
      const range = rangeOnLine(document, requirement.line, requirement.id);
      if (!range) continue;
      report({
        message: `Expected a test citing \`${requirement.id}\`, found none`,
        range,
        data: { id: requirement.id, kind: requirement.kind },
      });
    }
  },
};
