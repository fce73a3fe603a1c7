import { lstat, readFile, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { builtInFamilies } from '../core/families/built-in';
import {
  applyConventions,
  artifactsOf,
  makesMany,
  schemaNameOf,
  templateSections,
  templateTags,
  termsFromDeltaTemplate,
  termsFromInstructions,
  type ConventionKind,
  type RepositoryConventions,
} from '../core/families/conventions';
import type { Family, ShapedBy } from '../core/families/family';
import { pathOfFileUri } from './file-uri';

/** Largest conventions file read (instructions, configuration, schema, template); bigger ones are skipped with a problem. */
const MAX_FILE_BYTES = 256 * 1024;

/** Something wrong with a repository's conventions file: it is not used, and the built-in description is. */
export interface ConventionProblem {
  readonly location: string;
  readonly message: string;
}

/**
 * Reads what a workspace folder's own files say about how it writes each family's
 * documents, where the family descriptions say to look (`conventions` in
 * `templates/families/<id>.json`: OpenSpec's `openspec/AGENTS.md`, `openspec/config.yaml`
 * and the schema it names under `openspec/schemas/`). Files are read only inside the
 * folder once symbolic links are resolved, only when they are regular text files of at
 * most 256 KB; a file that cannot be used is a problem and changes nothing. Never throws.
 */
export async function loadConventions(folder: string, families: readonly Family[] = builtInFamilies()): Promise<{ conventions: RepositoryConventions[]; problems: ConventionProblem[] }> {
  const problems: ConventionProblem[] = [];
  const conventions: RepositoryConventions[] = [];
  const root = await realpath(folder).catch(() => undefined);
  if (!root) return { conventions, problems };
  const read = (path: string) => readSmall(root, join(folder, path), problems);
  for (const family of families) {
    const sources = family.conventions;
    if (!sources) continue;
    const terms: RepositoryConventions['terms'][number][] = [];
    const kinds: ConventionKind[] = [];
    const notes: ShapedBy[] = [];
    if (sources.instructions) {
      const text = await read(sources.instructions);
      if (text !== undefined) {
        const found = termsFromInstructions(text, sources.instructions);
        terms.push(...found);
        if (found.length === 0) notes.push({ file: sources.instructions, what: 'read; its examples show no headings to take words from' });
      }
    }
    let configFile: string | undefined;
    let config: string | undefined;
    for (const candidate of sources.config ?? []) {
      config = await read(candidate);
      if (config !== undefined) {
        configFile = candidate;
        break;
      }
    }
    if (configFile !== undefined && config !== undefined) {
      const schema = schemaNameOf(config);
      if (schema.problem) problems.push({ location: join(folder, configFile), message: `${schema.problem}: the built-in description is used` });
      if (schema.name && sources.schemas) {
        const schemaFolder = `${sources.schemas}/${schema.name}`;
        const text = await read(`${schemaFolder}/schema.yaml`);
        if (text === undefined) {
          notes.push({ file: configFile, what: `names the schema \`${schema.name}\`, which is not one of the repository's own: the built-in description is used` });
        } else {
          const { artifacts, problems: schemaProblems } = artifactsOf(text);
          if (artifacts.length > 0) {
            notes.push({ file: configFile, what: `names the schema \`${schema.name}\`, read from \`${schemaFolder}/\` (its other settings are instructions for the agent, not checked)` });
          }
          for (const problem of schemaProblems) problems.push({ location: join(folder, schemaFolder, 'schema.yaml'), message: `${problem}: the built-in description is used for it` });
          for (const artifact of artifacts) {
            const file = `${schemaFolder}/templates/${artifact.template.replace(/\\/g, '/')}`;
            const template = await read(file);
            if (template === undefined) continue;
            if (makesMany(artifact)) terms.push(...termsFromDeltaTemplate(template, file));
            else kinds.push({ id: artifact.id, generates: artifact.generates.replace(/\\/g, '/'), file, sections: templateSections(template), tags: templateTags(template) });
          }
        }
      }
    }
    if (terms.length > 0 || kinds.length > 0 || notes.length > 0) conventions.push({ family: family.id, terms, kinds, notes });
  }
  return { conventions, problems };
}

/**
 * The families of each workspace folder as its own conventions shape them, read once
 * and kept until one of their files changes.
 */
export class FamilyService {
  private readonly sets = new Map<string, Promise<readonly Family[]>>();

  constructor(
    private readonly folderOf: (uri: string) => string | undefined,
    private readonly log: (message: string) => void,
  ) {}

  /** The families for the workspace folder holding `uri` (the built-in ones outside every folder). */
  familiesFor(uri: string): Promise<readonly Family[]> {
    const folder = pathOfFileUri(this.folderOf(uri));
    if (folder === undefined) return Promise.resolve(builtInFamilies());
    let pending = this.sets.get(folder);
    if (!pending) {
      pending = loadConventions(folder).then(({ conventions, problems }) => {
        for (const problem of problems) this.log(`Conventions problem in ${problem.location}: ${problem.message}`);
        return conventions.length === 0 ? builtInFamilies() : applyConventions(builtInFamilies(), conventions);
      });
      this.sets.set(folder, pending);
    }
    return pending;
  }

  /** Forget every folder's families, after one of their files changed. */
  invalidate(): void {
    this.sets.clear();
  }
}

/** Whether a file URI is one a family's conventions are read from, so a change to it must reload them. */
export function isConventionFile(uri: string, families: readonly Family[] = builtInFamilies()): boolean {
  const path = uri.replace(/\\/g, '/');
  return families.some(({ conventions }) => {
    if (!conventions) return false;
    const ends = [conventions.instructions, ...(conventions.config ?? [])].filter((file): file is string => file !== undefined);
    return ends.some((file) => path.endsWith(`/${file}`)) || (conventions.schemas !== undefined && path.includes(`/${conventions.schemas}/`));
  });
}

async function readSmall(root: string, path: string, problems: ConventionProblem[]): Promise<string | undefined> {
  const real = await realpath(path).catch(() => undefined);
  if (!real) return undefined;
  const inside = relative(root, real);
  if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    problems.push({ location: path, message: 'Expected a file inside the workspace, found a link that leads out of it: the built-in description is used' });
    return undefined;
  }
  const stat = await lstat(real).catch(() => undefined);
  if (!stat?.isFile()) return undefined;
  if (stat.size > MAX_FILE_BYTES) {
    problems.push({ location: path, message: `Expected a file of at most 256 KB, found ${Math.round(stat.size / 1024)} KB: the built-in description is used` });
    return undefined;
  }
  const bytes = await readFile(real).catch(() => undefined);
  if (!bytes) return undefined;
  if (bytes.includes(0)) {
    problems.push({ location: path, message: 'Expected a text file, found binary data: the built-in description is used' });
    return undefined;
  }
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}
