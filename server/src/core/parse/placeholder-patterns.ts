/**
 * The placeholder vocabulary, as regular-expression sources. The language server's
 * scanner and the TextMate grammar that highlights placeholders are both built from
 * these strings, so what is highlighted is what is reported.
 */

/** A date mask: `YYYY-MM-DD`, optionally with a time part such as `THH:mm:ss-04:00`, or `yyyy-mm-dd`. */
export const DATE_MASK =
  '(?:YYYY-MM-DD(?:[T ]HH:mm(?::ss(?:\\.S{1,6})?)?(?:Z|[+-](?:\\d{2}|HH):?(?:\\d{2}|mm))?)?|yyyy-mm-dd|ÅÅÅÅ-MM-DD|åååå-mm-dd|JJJJ-MM-TT|jjjj-mm-tt|AAAA-MM-(?:DD|JJ)|aaaa-mm-(?:dd|jj)|ГГГГ-ММ-ДД|гггг-мм-дд)';

/**
 * A date mask in another order than ISO's: `MM/DD/YYYY`, `DD.MM.YYYY`, `YYYY/MM/DD`, in
 * capitals or small letters; a month's, `YYYY-MM`; and one written out, `Month DD, YYYY`. Such masks are mostly named as the format dates are shown in
 * ("dates display as DD/MM/YYYY"), so in prose they count only as the whole value of a line,
 * a list item or a table cell; in brackets and front matter, always.
 */
export const ORDERED_DATE_MASK =
  '(?:(?:MM/DD|DD/MM)/YYYY|(?:MM-DD|DD-MM)-YYYY|(?:MM\\.DD|DD\\.MM)\\.YYYY|YYYY/MM/DD|YYYY\\.MM\\.DD|(?:mm/dd|dd/mm)/yyyy|(?:mm-dd|dd-mm)-yyyy|(?:mm\\.dd|dd\\.mm)\\.yyyy|yyyy/mm/dd|yyyy\\.mm\\.dd|YYYY-MM|yyyy-mm|(?:Month|MMMM?) DD, YYYY)';

/**
 * `{{name}}` (Mustache, Handlebars, Jinja) and `${name}` variables. Not a site generator's
 * markup, which the published page renders (Hugo's shortcodes `{{% alert %}}` and
 * `{{< readfile … >}}`), nor a Go template's action on its data (`{{ .Values.image }}`); a Go
 * template's one field (`{{.Title}}`, an ADR tool's template) is a variable.
 */
export const VARIABLE = '\\{\\{(?![%<])(?!-?\\s*\\.(?![A-Z]\\w*\\s*\\}\\}))\\s*[^{}\\r\\n]+?\\s*\\}\\}|\\$\\{[^{}\\r\\n]+\\}';

/** Words that mark text still to be written. Whole words, upper case only. */
export const TODO_WORD = 'TODO|TBD|TKTK';

/** spec-kit's marker for an open question: `[NEEDS CLARIFICATION: …]`. */
export const CLARIFICATION = '\\[NEEDS CLARIFICATION(?::[^\\]\\r\\n]*)?\\]';

/**
 * A list of requirement or task IDs in brackets, `[US1]`, `[FR-001, FR-002]`, `[T012]`,
 * `[P1]`, `[US1 P1]`: a citation or a tag, never a placeholder.
 */
const BRACKETED_IDS = '\\s*[A-Z]{1,5}-?\\d{1,5}(?:\\.\\d+)*(?:(?:\\s*,\\s*|\\s+)[A-Z]{1,5}-?\\d{1,5}(?:\\.\\d+)*)*\\s*\\]';

/**
 * A literal list in brackets, as code and data write it: `[A, B, C]`, `["S1", "S2"]`,
 * `['x']` — tokens or quoted strings separated by commas (at least one comma, or a quoted
 * string). Not a placeholder: a template asks for a list as `[Item 1, Item 2]` never. A
 * bracket that gives an example (`[behavior, e.g., "log all security events"]`) is a slot.
 */
const LITERAL_LIST =
  '(?![^\\]\\r\\n]*?(?<![A-Za-z])(?:e\\.g|i\\.e)\\.)\\s*(?:(?:"[^"\\]\\r\\n]*"|\'[^\'\\]\\r\\n]*\'|[\\w.-]+)(?:\\s*,\\s*(?:"[^"\\]\\r\\n]*"|\'[^\'\\]\\r\\n]*\'|[\\w.-]+))+|"[^"\\]\\r\\n]*"|\'[^\'\\]\\r\\n]*\')\\s*\\]';

/**
 * A slice or array of a primitive type, as Rust writes it: `[u8]`, `[f64; 3]`; or an attribute
 * written without its `#`: `[repr(C)]`, `[cfg(test)]` (`[reviewer(s)]` is still a slot).
 */
const SLICE_TYPE = '(?:(?:[uif](?:8|16|32|64|128|size)|bool|char|str)(?:;[ \\t]*\\w+)?|[a-z_][a-z0-9_]*\\((?!s\\))[^()\\]\\s]*\\))\\]';

/**
 * A bracketed placeholder: `[Feature Name]`, `[Draft/In Review/Approved]`. Not a
 * wiki link (`[[x]]`), not empty, not a task box, not bracketed IDs (`[US1]`), not a
 * literal list (`[A, B, C]`, `["P1"]`), and not
 * right after a word of two or more letters or digits, where brackets are indexing or
 * type notation (`array[SourceCitation]`, `List[str]`); `v[version]` still is one. Nor a slice
 * type (`[u8]`, `[i32; 4]`), a type's argument (`Box<[T]>`) or a borrowed slice (`&[Item]`). The
 * scanner further rejects footnote calls (`[^1]`) and anything Markdown turned into a link.
 */
export const BRACKET = `(?<!\\[)(?<![A-Za-z0-9]{2})(?<![A-Za-z0-9]<)(?<!&)\\[(?!\\[)(?!${BRACKETED_IDS})(?!${LITERAL_LIST})(?!${SLICE_TYPE})([^\\[\\]\\r\\n]+)\\](?!\\])`;

/**
 * Text inside a brace placeholder: any character but braces and the marks of code, or a
 * one-word name in braces, which MADR's template nests in a longer placeholder
 * (`{justification … which resolves force {force} | …}`).
 */
const BRACES_TEXT = '(?:[^{}"=;:\\r\\n]|\\{[A-Za-z][\\w-]*\\})';

/**
 * A placeholder in single braces, as MADR writes them: `{title of solved problem}`. Only
 * families that use this form count it (see the family descriptions); `{{variable}}` and
 * `${Variable}` are variables, and braces around code-like text (`{ id: string }`,
 * `{"a": 1}`, `{t}.{body}`) are not placeholders anywhere. The closing brace may stand alone on the
 * line after the text (`{e.g., …⏎}`).
 */
export const BRACES = `(?<![{$A-Za-z0-9_.\\/])\\{(?![{\\s])(${BRACES_TEXT}*[A-Za-z]${BRACES_TEXT}*\\s${BRACES_TEXT}*)(?:(?<!\\s)|(?<=[^\\s{]\\r?\\n))\\}(?![}A-Za-z0-9_])`;

/**
 * A template's generic sample item, the whole text of a list item (matched case-insensitively):
 * `Task 1`, `Question 1?`, `Possible Answer A`, `Option B`, `Benefit 2`.
 */
export const GENERIC_ITEM =
  '(?:(?:possible|sample|example)[ \\t]+)?(?:question|answer|task|goal|non-goal|option|requirement|step|item|example|feature|component|risk|milestone|phase|user[ \\t]+story|story|scenario|criterion|alternative|decision|driver|consequence|benefit|drawback|metric|assumption|dependency|constraint)[ \\t]+(?:\\d{1,2}|[A-Z])[?:.]?';
