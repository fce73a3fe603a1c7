/**
 * Document text quoted in a message, on one line (a slot that spans lines is quoted with a
 * space for each line break) and cut to `max` characters with an ellipsis: a message
 * names what it found, and a placeholder or instruction of several hundred characters (a
 * MADR slot that is a whole paragraph) would otherwise make every line of a report, and the
 * Problems panel, as wide as that text.
 */
export function shorten(text: string, max = 80): string {
  const line = /[\r\n]/.test(text) ? text.replace(/[ \t]*(?:\r\n?|\n)[ \t]*/g, ' ') : text;
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}
