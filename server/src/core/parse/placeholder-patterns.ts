/**
 * The placeholder vocabulary, as regular-expression sources. The language server's
 * scanner and the TextMate grammar that highlights placeholders are both built from
 * these strings, so what is highlighted is what is reported.
 */

/** A date mask: `YYYY-MM-DD`, optionally with a time part such as `THH:mm:ss-04:00`. */
export const DATE_MASK =
  'YYYY-MM-DD(?:[T ]HH:mm(?::ss(?:\\.S{1,6})?)?(?:Z|[+-](?:\\d{2}|HH):?(?:\\d{2}|mm))?)?';

/** `{{name}}` (Mustache, Handlebars, Jinja) and `${name}` variables. */
export const VARIABLE = '\\{\\{\\s*[^{}\\r\\n]+?\\s*\\}\\}|\\$\\{[^{}\\r\\n]+\\}';

/** Words that mark text still to be written. Whole words, upper case only. */
export const TODO_WORD = 'TODO|TBD|TKTK';

/** spec-kit's marker for an open question: `[NEEDS CLARIFICATION: …]`. */
export const CLARIFICATION = '\\[NEEDS CLARIFICATION(?::[^\\]\\r\\n]*)?\\]';

/**
 * A bracketed placeholder: `[Feature Name]`, `[Draft/In Review/Approved]`. Not a
 * wiki link (`[[x]]`), not empty, not a task box. The scanner further rejects
 * footnote calls (`[^1]`) and anything Markdown turned into a link.
 */
export const BRACKET = '(?<!\\[)\\[(?!\\[)([^\\[\\]\\r\\n]+)\\](?!\\])';
