import type { Nodes, Root } from 'mdast';
import type { Finding } from './types';

/**
 * Inline switches, written as HTML comments (so they are invisible when rendered):
 *
 * - `<!-- specwright-disable-next-line [rule-id …] -->` — findings on the next line;
 * - `<!-- specwright-disable [rule-id …] -->` … `<!-- specwright-enable [rule-id …] -->`
 *   — findings between the two (to the end of the document without an enable).
 *
 * Without rule ids a switch applies to every rule. Comments inside code are text,
 * not switches.
 */
export function applySuppressions(text: string, root: Root, findings: readonly Finding[]): Finding[] {
  // Every switch spells `specwright-` in the text; without it there is no tree to walk.
  if (!text.includes('specwright-')) return [...findings];
  const switches = findSwitches(root);
  if (switches.length === 0) return [...findings];
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineOf = (offset: number): number => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((lineStarts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  return findings.filter((finding) => {
    const line = lineOf(finding.range.start);
    let disabled = false;
    for (const entry of switches) {
      if (entry.offset > finding.range.start) break;
      if (entry.rules.length > 0 && !entry.rules.includes(finding.ruleId)) continue;
      if (entry.kind === 'disable') disabled = true;
      else if (entry.kind === 'enable') disabled = false;
    }
    if (disabled) return false;
    return !switches.some(
      (entry) => entry.kind === 'next-line' && lineOf(entry.end) + 1 === line && (entry.rules.length === 0 || entry.rules.includes(finding.ruleId)),
    );
  });
}

interface Switch {
  readonly kind: 'disable' | 'enable' | 'next-line';
  readonly rules: readonly string[];
  readonly offset: number;
  readonly end: number;
}

const SWITCH = /<!--\s*specwright-(disable-next-line|disable|enable)\b([^>]*?)\s*-->/g;

function findSwitches(root: Root): Switch[] {
  const switches: Switch[] = [];
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (node.type === 'html' && node.position?.start.offset !== undefined) {
      const base = node.position.start.offset;
      for (const match of node.value.matchAll(SWITCH)) {
        const kind = match[1] === 'disable-next-line' ? 'next-line' : (match[1] as 'disable' | 'enable');
        const rules = (match[2] ?? '').split(/[\s,]+/).filter((id) => id !== '');
        const offset = base + (match.index ?? 0);
        switches.push({ kind, rules, offset, end: offset + match[0].length });
      }
    } else if ('children' in node) {
      for (const child of node.children) stack.push(child as Nodes);
    }
  }
  return switches.sort((a, b) => a.offset - b.offset);
}
