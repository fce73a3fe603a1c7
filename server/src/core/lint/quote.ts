/**
 * Document text quoted in a message, cut to `max` characters with an ellipsis: a message
 * names what it found, and a placeholder or instruction of several hundred characters (a
 * MADR slot that is a whole paragraph) would otherwise make every line of a report, and the
 * Problems panel, as wide as that text.
 */
export function shorten(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
