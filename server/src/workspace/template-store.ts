import { existsSync } from 'node:fs';
import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parsedTrees, recordingTrees, type ParsedTreeEntries, type ParsedTrees } from '../core/parse/parsed-trees';
import { buildTemplateSet, type TemplateInput, type TemplateSet } from '../core/templates/template-set';
import type { TemplateOrigin } from '../core/templates/template';

/** Largest template or manifest file read; bigger ones are skipped with a problem. */
const MAX_FILE_BYTES = 1024 * 1024;
/** Most templates read from one folder. */
const MAX_TEMPLATES_PER_FOLDER = 200;
const MANIFEST_NAMES = ['manifest.yaml', 'manifest.yml', 'manifest.json'];

/** A folder of templates and the layer it belongs to. */
export interface TemplateFolder {
  readonly origin: TemplateOrigin;
  readonly path: string;
  /** A folder this one must lie inside once symbolic links are resolved (the workspace, for folders it names). */
  readonly within?: string;
}

/**
 * The folder that holds the built-in templates (`templates/` at the package root),
 * found from this module's location both when bundled (`dist/`) and when run from
 * source (`server/src/workspace/`): the nearest `templates/` with the manifest schema
 * in a folder above this one.
 */
export function builtInTemplatesFolder(): string {
  for (let folder = __dirname, up = 0; up < 4; folder = dirname(folder), up++) {
    const candidate = join(folder, '..', 'templates');
    if (existsSync(join(candidate, 'manifest.schema.json'))) return candidate;
  }
  return join(__dirname, '..', 'templates');
}

/** The built-in templates' Markdown trees, parsed when the package is built, beside the bundle (`dist/`). */
export const BUILT_IN_TREES_FILE = 'template-trees.json';

let builtInTrees: Promise<ParsedTrees | undefined> | undefined;

/**
 * The trees in {@link BUILT_IN_TREES_FILE} beside this bundle, read once. Run from source,
 * or when the file is missing or unreadable, there are none and templates are parsed.
 */
function readBuiltInTrees(): Promise<ParsedTrees | undefined> {
  builtInTrees ??= readFile(join(__dirname, BUILT_IN_TREES_FILE), 'utf8').then(
    (text) => parsedTrees(JSON.parse(text)),
    () => undefined,
  ).catch(() => undefined);
  return builtInTrees;
}

/**
 * The template folders for a workspace folder, in increasing precedence: built-in,
 * the user's folders (from a user-level setting), spec-kit's `.specify/templates/`,
 * and the workspace's own `.specwright/templates/`.
 */
export function templateFolders(workspaceFolder: string | undefined, userFolders: readonly string[]): TemplateFolder[] {
  const folders: TemplateFolder[] = [{ origin: 'built-in', path: builtInTemplatesFolder() }];
  for (const folder of userFolders) {
    const path = resolve(folder.replace(/^~(?=$|[\\/])/, homedir()));
    // A folder inside the workspace may have come from the workspace's config file: it must not lead out of it.
    const inside = workspaceFolder !== undefined && isInside(resolve(workspaceFolder), path);
    folders.push({ origin: 'user', path, ...(inside ? { within: workspaceFolder } : {}) });
  }
  if (workspaceFolder) {
    folders.push({ origin: 'spec-kit', path: join(workspaceFolder, '.specify', 'templates'), within: workspaceFolder });
    folders.push({ origin: 'workspace', path: join(workspaceFolder, '.specwright', 'templates'), within: workspaceFolder });
  }
  return folders;
}

/**
 * Reads every template in the given folders and builds the template set. A
 * template is a folder with `template.md` and a manifest, or a bare `*.md` file.
 * Files are read only when they lie inside their folder after resolving symbolic
 * links, are regular files and are at most 1 MB. Missing folders are fine.
 * Nothing read is ever executed. `trees` replace the built-in templates' trees read from
 * {@link BUILT_IN_TREES_FILE}.
 */
export async function loadTemplates(folders: readonly TemplateFolder[], options: { readonly trees?: ParsedTrees } = {}): Promise<TemplateSet> {
  const inputs: TemplateInput[] = [];
  const problems: { location: string; message: string; severity: 'error' | 'warning' }[] = [];
  for (const folder of folders) {
    const root = await realpath(folder.path).catch(() => undefined);
    if (!root) continue;
    if (folder.within !== undefined) {
      const boundary = await realpath(folder.within).catch(() => undefined);
      if (!boundary || !isInside(boundary, root)) {
        problems.push({ location: folder.path, message: 'Expected a template folder inside the workspace, found a link to a folder outside it', severity: 'warning' });
        continue;
      }
    }
    const names = (await readdir(root).catch(() => [] as string[])).sort().slice(0, MAX_TEMPLATES_PER_FOLDER);
    for (const name of names) {
      const path = join(root, name);
      const stat = await lstat(path).catch(() => undefined);
      if (stat?.isDirectory()) {
        const markdown = await readInside(root, join(path, 'template.md'), problems);
        if (markdown === undefined) continue;
        let manifest: TemplateInput['manifest'];
        for (const manifestName of MANIFEST_NAMES) {
          const manifestPath = join(path, manifestName);
          const text = await readInside(root, manifestPath, problems);
          if (text !== undefined) {
            manifest = { text, location: manifestPath };
            break;
          }
        }
        inputs.push({ origin: folder.origin, location: join(path, 'template.md'), markdown, manifest, fallbackId: idFrom(name) });
      } else if (extname(name).toLowerCase() === '.md' && name.toLowerCase() !== 'readme.md') {
        const markdown = await readInside(root, path, problems);
        if (markdown === undefined) continue;
        const id = folder.origin === 'spec-kit' ? `spec-kit-${idFrom(basename(name, extname(name)).replace(/-template$/, ''))}` : idFrom(basename(name, extname(name)));
        inputs.push({ origin: folder.origin, location: path, markdown, fallbackId: id });
      }
    }
  }
  const trees = options.trees ?? (inputs.some((input) => input.origin === 'built-in') ? await readBuiltInTrees() : undefined);
  const set = buildTemplateSet(inputs, trees ? { trees } : {});
  return { entries: set.entries, problems: [...problems, ...set.problems] };
}

/**
 * The Markdown trees of the templates in `folder` (the built-in ones), as entries for
 * {@link BUILT_IN_TREES_FILE}: every tree their parse asks for, made by this parser.
 */
export async function builtInTreeEntries(folder: string = builtInTemplatesFolder()): Promise<ParsedTreeEntries> {
  const recorder = recordingTrees();
  await loadTemplates([{ origin: 'built-in', path: folder }], { trees: recorder.trees });
  return recorder.entries();
}

async function readInside(
  root: string,
  path: string,
  problems: { location: string; message: string; severity: 'error' | 'warning' }[],
): Promise<string | undefined> {
  const real = await realpath(path).catch(() => undefined);
  if (!real) return undefined;
  const inside = relative(root, real);
  if (inside.startsWith('..') || inside.startsWith(sep) || resolve(root, inside) !== real) {
    problems.push({ location: path, message: 'Expected a template file inside its templates folder, found a link that leads out of it', severity: 'error' });
    return undefined;
  }
  const stat = await lstat(real).catch(() => undefined);
  if (!stat?.isFile()) return undefined;
  if (stat.size > MAX_FILE_BYTES) {
    problems.push({ location: path, message: `Expected a template of at most 1 MB, found ${Math.round(stat.size / 1024)} KB`, severity: 'error' });
    return undefined;
  }
  const text = await readFile(real, 'utf8').catch(() => undefined);
  return text?.replace(/^\uFEFF/, '');
}

function idFrom(name: string): string {
  const id = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  return id || 'template';
}

/** The folder of a template's file, for display. */
export function templateFolderOf(location: string): string {
  return basename(location) === 'template.md' ? dirname(location) : location;
}

/** Whether `path` is `folder` or lies inside it (both absolute and resolved). */
function isInside(folder: string, path: string): boolean {
  const from = relative(folder, path);
  return from === '' || (from !== '..' && !from.startsWith(`..${sep}`) && !isAbsolute(from));
}
