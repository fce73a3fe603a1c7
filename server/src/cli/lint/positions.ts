/** A place in a text: 1-based line and column, the column in UTF-16 code units; 0-based `offset`. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/**
 * Converts UTF-16 offsets into 1-based lines and columns. A line ends at `\r\n`, `\r` or
 * `\n`, as in editors and LSP, so reports and editors agree on every line number. A
 * byte-order mark is not shown by editors (VS Code drops it before a language server
 * sees the text), so columns on the first line do not count it; `offset` still does.
 */
export function positionFinder(text: string): (offset: number) => TextPosition {
  const starts = [text.charCodeAt(0) === 0xfeff ? 1 : 0];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0d && text.charCodeAt(i + 1) === 0x0a) continue;
    if (code === 0x0a || code === 0x0d) starts.push(i + 1);
  }
  return (offset) => {
    const at = Math.max(0, Math.min(offset, text.length));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] as number) <= at) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: Math.max(0, at - (starts[low] as number)) + 1, offset: at };
  };
}
