import { basename, relative, sep } from 'node:path';
import type { Settings } from '../../core/config/settings';
import type { Family } from '../../core/families/family';
import { parseSpec } from '../../core/parse/spec-document';
import { mentionsInCode } from '../../core/trace/code';
import type { TraceInputs, TraceMention, TraceRequirement, TraceTask } from '../../core/trace/model';
import { indexOfDocument, indexText, mentionsSpecwright } from '../../workspace/index-text';
import { isSpecPath, specPath, traceFileKind } from '../../workspace/spec-files';
import { isTracedPath, specTraceOfDocument, specTraceOfText } from '../../workspace/trace-inputs';
import type { ConfigLookup } from '../lint/config-lookup';
import type { KeptDocuments } from '../lint/kept-documents';
import { globPath } from '../lint/config-lookup';
import { walkTree } from '../lint/collect';
import { readText } from '../lint/read-text';

const MARKDOWN = /\.(md|markdown)$/i;

/**
 * Reads what traceability needs under `root`: every spec (by the same settings as
 * `specwright lint`) for the requirements it defines and the tasks it lists, and every
 * test and source file for the IDs it cites. Skips what Git ignores, node_modules, .git
 * and folders a config excludes. Paths in the result are relative to `root`.
 */
export function collectTraceInputs(root: string, configs: ConfigLookup, families?: readonly Family[]): TraceInputs {
  return collectWorkspace(root, configs, families).inputs;
}

/** An ID defined in a spec of the workspace (requirements, tasks and checklist items alike). */
export interface DefinedId {
  readonly id: string;
  readonly file: string;
}

/** What a workspace read produces: the trace's inputs and every ID each spec defines. */
export interface CollectedWorkspace {
  readonly inputs: TraceInputs;
  readonly definitions: DefinedId[];
}

/** A Markdown file of the workspace, to be read for its IDs and trace. Plain data: it crosses threads. */
export interface MarkdownToRead {
  /** Absolute. */
  readonly path: string;
  /** Relative to the workspace folder, `/`-separated: how the trace and the ID table name it. */
  readonly file: string;
  /** The path its settings' globs are matched against. */
  readonly where: string;
  /** Whether its family traces more than IDs (user stories by heading, criteria, task lines), which takes a whole parse. */
  readonly traced: boolean;
}

/** What one Markdown file of the workspace contributes; undefined when it is not a spec or cannot be read. */
export interface MarkdownFacts {
  readonly ids: readonly string[];
  readonly requirements: readonly TraceRequirement[];
  readonly tasks: readonly TraceTask[];
}

/** A workspace folder's files, found but not yet read: its Markdown, with each file's settings, and the IDs its code cites (read already: that is cheap). */
export interface PlannedWorkspace {
  readonly markdown: readonly MarkdownToRead[];
  /** Each Markdown file's settings, by position in `markdown`. */
  readonly settings: readonly Settings[];
  readonly mentions: readonly TraceMention[];
}

/**
 * {@link collectTraceInputs}, and every ID each spec defines, for the rules that check IDs
 * across files. `families` are the folder's, as its own conventions shape them (the
 * built-in ones when not given). A file `keep` wants is parsed whole and kept there for
 * its check, which then does not parse it again.
 */
export function collectWorkspace(root: string, configs: ConfigLookup, families?: readonly Family[], keep?: KeptDocuments): CollectedWorkspace {
  const planned = planWorkspace(root, configs, families);
  const facts = planned.markdown.map((file, index) => readMarkdownFacts(file, planned.settings[index] as Settings, families, keep));
  return assembleWorkspace(planned, facts);
}

/** Walks the folder: the Markdown files to read, in the order the walk meets them, and the code's citations. */
export function planWorkspace(root: string, configs: ConfigLookup, families?: readonly Family[]): PlannedWorkspace {
  const markdown: MarkdownToRead[] = [];
  const settingsOf: Settings[] = [];
  const mentions: TraceMention[] = [];
  walkTree(root, {
    skipFolder: (folder) => configs.excludesFolder(folder),
    entry: (path, name, isDirectory, entry) => {
      if (isDirectory || !entry.isFile()) return;
      const file = relative(root, path).split(sep).join('/');
      const { settings, base } = configs.forFile(path);
      if (MARKDOWN.test(name)) {
        const where = specPath(globPath(base, path), basename(base), settings);
        markdown.push({ path, file, where, traced: isTracedPath(where, families) });
        settingsOf.push(settings);
      } else {
        const kind = traceFileKind(globPath(base, path), settings);
        if (!kind) return;
        const read = readText(path);
        if (!read.ok) return;
        mentions.push(...mentionsInCode(read.text, file, kind, settings.idPrefixes));
      }
    },
  });
  return { markdown, settings: settingsOf, mentions };
}

/**
 * Reads one Markdown file of the workspace for the IDs it defines and its trace. IDs are
 * found the way the language server's index finds them: parsing only what can hold one,
 * or, where the document's family traces more than IDs or the file is about to be
 * checked (`keep` wants it), from the one whole parse its trace or its check needs.
 */
export function readMarkdownFacts(file: MarkdownToRead, settings: Settings, families?: readonly Family[], keep?: KeptDocuments): MarkdownFacts | undefined {
  const read = readText(file.path);
  if (!read.ok) return undefined;
  const kept = keep?.wants(file.path, read.text.length) ?? false;
  // Not a spec by its path nor opted in by its front matter: nothing of it counts, and unless
  // it is about to be checked, it need not be parsed (a folder of notes, a docs site).
  if (!kept && !isSpecPath(file.where, settings, mentionsSpecwright(read.text))) return undefined;
  const document = kept || file.traced ? parseSpec(read.text) : undefined;
  if (document && kept) keep?.keep(file.path, document);
  const index = document ? indexOfDocument(document, settings.idPrefixes) : indexText(read.text, settings.idPrefixes);
  if (!isSpecPath(file.where, settings, index.optedIn)) return undefined;
  const occurrences = index.occurrences;
  const ids = occurrences.filter((occurrence) => occurrence.role === 'definition').map((occurrence) => occurrence.id);
  const trace = document
    ? specTraceOfDocument(document, file.file, file.where, settings.idPrefixes, families)
    : specTraceOfText(read.text, file.file, file.where, () => occurrences, settings.idPrefixes, families);
  return { ids, requirements: trace.requirements, tasks: trace.tasks };
}

/** Puts the files' facts together in the walk's order, whichever thread read each. */
export function assembleWorkspace(planned: PlannedWorkspace, facts: readonly (MarkdownFacts | undefined)[]): CollectedWorkspace {
  const definitions: DefinedId[] = [];
  const requirements: TraceRequirement[] = [];
  const tasks: TraceTask[] = [];
  for (const [index, file] of planned.markdown.entries()) {
    const found = facts[index];
    if (!found) continue;
    for (const id of found.ids) definitions.push({ id, file: file.file });
    requirements.push(...found.requirements);
    tasks.push(...found.tasks);
  }
  return { inputs: { requirements, tasks, mentions: [...planned.mentions] }, definitions };
}
