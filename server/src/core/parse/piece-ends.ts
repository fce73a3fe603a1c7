import type { Nodes, RootContent } from 'mdast';

// Where a piece may end: a cut is safe only when the piece before it, parsed alone, ends
// with no fenced code block or HTML block left open, at any depth (see pieces.ts).

/**
 * Whether a line after this piece could be swallowed by it: a fenced code block or an
 * HTML block still open at its end. Inside a container (list, block quote, footnote) the
 * line would close the container instead, but the container's end position then differs
 * from where the end of the piece puts it, so those count as open too.
 */
export function endsClean(text: string, children: readonly RootContent[]): boolean {
  let last: Nodes | undefined = children[children.length - 1];
  while (last && (last.type === 'list' || last.type === 'listItem' || last.type === 'blockquote' || last.type === 'footnoteDefinition') && last.children.length > 0) {
    last = last.children[last.children.length - 1] as Nodes;
  }
  if (!last) return true;
  const start = last.position?.start.offset ?? 0;
  const end = last.position?.end.offset ?? text.length;
  if (last.type === 'code') return fenceClosed(text, start, end);
  if (last.type === 'html') return htmlClosed(last.value, text.slice(end));
  return true;
}

/**
 * Whether a heading added after a blank line at the end of a document would still be
 * inside its last top-level block: a code fence, or an HTML block that only a marker
 * ends (a comment, `<pre>`, `<script>`, `<?…`, `<!…`, CDATA), left open. Blocks inside
 * lists and quotes are closed by a heading at the margin, and a blank line ends the
 * other HTML blocks.
 */
export function endsInOpenBlock(text: string, children: readonly RootContent[]): boolean {
  const last = children[children.length - 1];
  if (!last || (last.type !== 'code' && last.type !== 'html')) return false;
  const start = last.position?.start.offset ?? 0;
  const end = last.position?.end.offset ?? text.length;
  if (last.type === 'code') return !fenceClosed(text, start, end);
  const html = last.value.replace(/^ {0,3}/, '');
  const marker = htmlEndMarker(html);
  return marker !== undefined && !marker.test(html);
}

export function lineStart(text: string, offset: number, floor: number): number {
  let i = offset;
  while (i > floor) {
    const code = text.charCodeAt(i - 1);
    if (code === 10 || code === 13) break;
    i--;
  }
  return i;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;

function fenceClosed(text: string, start: number, end: number): boolean {
  const source = text.slice(start, end);
  const open = FENCE_OPEN.exec(source);
  if (!open) return true; // indented code: any line at the margin ends it
  const fence = open[1] as string;
  const lines = source.split(/\r\n|\r|\n/);
  if (lines.length < 2) return false;
  const closing = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
  return closing.test(lines[lines.length - 1] as string);
}

// HTML blocks 1–5 (`<script>`, `<!--`, `<?`, `<!X`, `<![CDATA[`) end at a marker; 6 and 7
// at a blank line.
function htmlClosed(value: string, after: string): boolean {
  const html = value.replace(/^ {0,3}/, '');
  const marker = htmlEndMarker(html);
  if (marker) return marker.test(html);
  return /^(?:\r\n|\r(?!\n)|\n)[ \t]*[\r\n]/.test(after); // a blank line ended it, not the end of the piece
}

export function htmlEndMarker(html: string): RegExp | undefined {
  if (/^<(?:script|pre|style|textarea)(?:[ \t>]|$)/i.test(html)) return /<\/(?:script|pre|style|textarea)>/i;
  if (html.startsWith('<!--')) return /^<!--[\s\S]*?-->/;
  if (html.startsWith('<?')) return /^<\?[\s\S]*?\?>/;
  if (html.startsWith('<![CDATA[')) return /^<!\[CDATA\[[\s\S]*?\]\]>/;
  if (/^<![A-Za-z]/.test(html)) return /^<![\s\S]*?>/;
  return undefined;
}
