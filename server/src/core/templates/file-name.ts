/** What a file name made from a template's pattern turned out to be. */
export type FileNameResult = { readonly path: string } | { readonly error: string };

const RESERVED = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\..*)?$/i;
// Reserved on Windows, path separators, and control characters.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[<>:"/\\|?*\u0000-\u001f\u007f]+/g;
const MAX_SEGMENT = 120;

/**
 * A file-name-safe form of a title: letters and digits of any script kept (lower
 * case, accents folded), every other run of characters one hyphen, at most
 * `maxLength` characters cut at a hyphen. Empty when the title has no letter or digit.
 */
export function slugify(title: string, maxLength = 60): string {
  const words = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  if (words.length <= maxLength) return words;
  const cut = words.slice(0, maxLength);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > maxLength / 2 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/, '');
}

/** One path segment made safe for every common file system; never empty, `.` or `..`. */
export function safeSegment(value: string): string {
  let segment = value.replace(UNSAFE, '-').replace(/\s+/g, ' ').replace(/^[\s.]+|[\s.]+$/g, '');
  if (segment.length > MAX_SEGMENT) segment = segment.slice(0, MAX_SEGMENT).replace(/[\s.]+$/, '');
  if (segment === '' || /^-+$/.test(segment)) return 'untitled';
  if (RESERVED.test(segment)) {
    const dot = segment.indexOf('.');
    return dot < 0 ? `${segment}-spec` : `${segment.slice(0, dot)}-spec${segment.slice(dot)}`;
  }
  return segment;
}

/**
 * Expands a file-name pattern such as `{{date}}-{{slug}}.md` into a relative path
 * that stays inside the target folder: values are made safe before they are put in
 * (a title with `/`, `..` or reserved characters cannot add folders or climb out),
 * and the pattern itself may not be absolute or contain `..`. An empty slug becomes
 * `untitled`.
 */
export function fileNameFor(pattern: string, values: Readonly<Record<string, string | undefined>>): FileNameResult {
  if (/^[\\/]|^[a-z]:/i.test(pattern)) return { error: `Expected a relative file-name pattern, found "${pattern}"` };
  const expanded = pattern.replace(/\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g, (_whole, name: string) => {
    const value = values[name] ?? '';
    return name === 'slug' ? slugify(value) || 'untitled' : value.replace(/[\\/]+/g, '-');
  });
  const segments = expanded.split(/[\\/]+/);
  if (segments.some((segment) => segment === '..')) return { error: `Expected a file name inside the target folder, found "${pattern}"` };
  const safe = segments.filter((segment) => segment !== '' && segment !== '.').map(safeSegment);
  if (safe.length === 0) return { error: `Expected a file name, found "${pattern}"` };
  return { path: safe.join('/') };
}

/**
 * The first of `name.md`, `name-2.md`, `name-3.md` … for which `exists` is false,
 * trying at most `limit` names.
 */
export function firstFreeName(path: string, exists: (candidate: string) => boolean, limit = 1000): string | undefined {
  if (!exists(path)) return path;
  const dot = path.lastIndexOf('.');
  const slash = path.lastIndexOf('/');
  const [stem, extension] = dot > slash + 1 ? [path.slice(0, dot), path.slice(dot)] : [path, ''];
  for (let n = 2; n <= limit; n++) {
    const candidate = `${stem}-${n}${extension}`;
    if (!exists(candidate)) return candidate;
  }
  return undefined;
}
