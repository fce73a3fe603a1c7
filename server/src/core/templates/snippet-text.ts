/**
 * Editor snippet syntax (VS Code's, which LSP's `InsertTextFormat.Snippet` shares):
 * `$`, `}` and `\` are escaped in text; `,`, `|` and `\` in choices.
 */

/** Text that appears literally in a snippet. */
export function escapeSnippetText(text: string): string {
  return text.replace(/[\\$}]/g, (character) => `\\${character}`);
}

/** A tab stop `${n:default}` whose default text is `text`. */
export function tabStop(index: number, text: string): string {
  return `\${${index}:${escapeSnippetText(text)}}`;
}

/**
 * A choice tab stop `${n|a,b|}`; the first option is what stays when the author tabs past
 * it, and what an editor preselects when the author comes back to it. Callers put the
 * template's raw list last, so that going back and forth never reverts a picked value.
 */
export function choiceStop(index: number, options: readonly string[]): string {
  const escaped = options.map((option) => option.replace(/[\\,|]/g, (character) => `\\${character}`));
  return `\${${index}|${escaped.join(',')}|}`;
}
