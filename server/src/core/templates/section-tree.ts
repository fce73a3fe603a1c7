import type { Section } from '../parse/sections';

/**
 * Each section's parent in the outline, by position in `outline.flat` (-1 for a
 * top-level section). One pass, no recursion.
 */
export function sectionParents(flat: readonly Section[]): number[] {
  const parents: number[] = [];
  const open: number[] = [];
  flat.forEach((section, position) => {
    while (open.length > 0 && (flat[open[open.length - 1] as number] as Section).depth >= section.depth) open.pop();
    parents.push(open[open.length - 1] ?? -1);
    open.push(position);
  });
  return parents;
}

/** A section's heading as messages quote it: `## Title`, whatever style it was written in. */
export function headingLabel(section: Section): string {
  return `${'#'.repeat(section.depth)} ${section.title}`;
}
