/**
 * A copy of `text` that shares no memory with the string it was cut from. V8 keeps a
 * substring of 13 code units or more as a view of its parent, so a short title or ID
 * taken from a document can keep the whole document alive; shorter ones are copies
 * already. The copy goes through JSON, which keeps lone surrogates as they are.
 */
export function detached(text: string): string {
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}

/** `text` with every character a regular expression treats as syntax escaped, to match it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
