import { relative, sep } from 'node:path';
import type { Family } from '../../core/families/family';
import { parseSpec } from '../../core/parse/spec-document';
import { mentionsInCode } from '../../core/trace/code';
import type { TraceInputs, TraceMention, TraceRequirement, TraceTask } from '../../core/trace/model';
import { indexOfDocument, indexText } from '../../workspace/index-text';
import { isSpecPath, traceFileKind } from '../../workspace/spec-files';
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

/**
 * {@link collectTraceInputs}, and every ID each spec defines, for the rules that check IDs
 * across files. `families` are the folder's, as its own conventions shape them (the
 * built-in ones when not given). A file `keep` wants is parsed whole and kept there for
 * its check, which then does not parse it again.
 */
export function collectWorkspace(
  root: string,
  configs: ConfigLookup,
  families?: readonly Family[],
  keep?: KeptDocuments,
): { inputs: TraceInputs; definitions: DefinedId[] } {
  const definitions: DefinedId[] = [];
  const requirements: TraceRequirement[] = [];
  const tasks: TraceTask[] = [];
  const mentions: TraceMention[] = [];
  walkTree(root, {
    skipFolder: (folder) => configs.excludesFolder(folder),
    entry: (path, name, isDirectory, entry) => {
      if (isDirectory || !entry.isFile()) return;
      const rel = relative(root, path).split(sep).join('/');
      if (MARKDOWN.test(name)) {
        const { settings, base } = configs.forFile(path);
        const read = readText(path);
        if (!read.ok) return;
        const where = globPath(base, path);
        // IDs are found the way the language server's index finds them: parsing only what
        // can hold one, or, where the document's family traces more than IDs (user stories
        // by heading, criteria, task lines) or the file is about to be checked, from the one
        // whole parse its trace or its check needs.
        const kept = keep?.wants(path, read.text.length) ?? false;
        const document = kept || isTracedPath(where, families) ? parseSpec(read.text) : undefined;
        if (document && kept) keep?.keep(path, document);
        const index = document ? indexOfDocument(document, settings.idPrefixes) : indexText(read.text, settings.idPrefixes);
        if (!isSpecPath(where, settings, index.optedIn)) return;
        const occurrences = index.occurrences;
        for (const occurrence of occurrences) if (occurrence.role === 'definition') definitions.push({ id: occurrence.id, file: rel });
        const trace = document
          ? specTraceOfDocument(document, rel, where, settings.idPrefixes, families)
          : specTraceOfText(read.text, rel, where, () => occurrences, settings.idPrefixes, families);
        requirements.push(...trace.requirements);
        tasks.push(...trace.tasks);
      } else {
        const { settings, base } = configs.forFile(path);
        const kind = traceFileKind(globPath(base, path), settings);
        if (!kind) return;
        const read = readText(path);
        if (!read.ok) return;
        mentions.push(...mentionsInCode(read.text, rel, kind, settings.idPrefixes));
      }
    },
  });
  return { inputs: { requirements, tasks, mentions }, definitions };
}
