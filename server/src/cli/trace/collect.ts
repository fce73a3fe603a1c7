import { extname, relative, sep } from 'node:path';
import { builtInFamilies } from '../../core/families/built-in';
import { identifyFamily } from '../../core/families/identify';
import { requirementIdsOf } from '../../core/parse/requirement-ids';
import { parseSpec } from '../../core/parse/spec-document';
import { CODE_EXTENSIONS, isTestFile, mentionsInCode } from '../../core/trace/code';
import { requirementsIn, tasksIn } from '../../core/trace/markdown';
import type { TraceInputs, TraceMention, TraceRequirement, TraceTask } from '../../core/trace/model';
import { isSpecFile } from '../../workspace/spec-files';
import type { ConfigLookup } from '../lint/config-lookup';
import { globPath } from '../lint/config-lookup';
import { walkTree } from '../lint/collect';
import { readText } from '../lint/read-text';

const MARKDOWN = /\.(md|markdown)$/i;
const CODE = new Set(CODE_EXTENSIONS.map((extension) => `.${extension}`));

/**
 * Reads what traceability needs under `root`: every spec (by the same settings as
 * `specwright lint`) for the requirements it defines and the tasks it lists, and every
 * test and source file for the IDs it cites. Skips what Git ignores, node_modules, .git
 * and folders a config excludes. Paths in the result are relative to `root`.
 */
export function collectTraceInputs(root: string, configs: ConfigLookup): TraceInputs {
  return collectWorkspace(root, configs).inputs;
}

/** An ID defined in a spec of the workspace (requirements, tasks and checklist items alike). */
export interface DefinedId {
  readonly id: string;
  readonly file: string;
}

/** {@link collectTraceInputs}, and every ID each spec defines, for the rules that check IDs across files. */
export function collectWorkspace(root: string, configs: ConfigLookup): { inputs: TraceInputs; definitions: DefinedId[] } {
  const families = builtInFamilies();
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
        const document = parseSpec(read.text);
        if (!isSpecFile(globPath(base, path), settings, document)) return;
        const family = identifyFamily({ document, families, path: globPath(base, path) });
        requirements.push(...requirementsIn(document, rel, family));
        for (const occurrence of requirementIdsOf(document)) if (occurrence.role === 'definition') definitions.push({ id: occurrence.id, file: rel });
        tasks.push(...tasksIn(document, rel, family));
      } else if (CODE.has(extname(name).toLowerCase())) {
        const read = readText(path);
        if (!read.ok) return;
        mentions.push(...mentionsInCode(read.text, rel, isTestFile(rel) ? 'test' : 'source'));
      }
    },
  });
  return { inputs: { requirements, tasks, mentions }, definitions };
}
