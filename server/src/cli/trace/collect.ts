import { readdirSync, type Dirent } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { builtInFamilies } from '../../core/families/built-in';
import { identifyFamily } from '../../core/families/identify';
import { parseSpec } from '../../core/parse/spec-document';
import { CODE_EXTENSIONS, isTestFile, mentionsInCode } from '../../core/trace/code';
import { requirementsIn, tasksIn } from '../../core/trace/markdown';
import type { TraceInputs, TraceMention, TraceRequirement, TraceTask } from '../../core/trace/model';
import { isSpecFile } from '../../workspace/spec-files';
import type { ConfigLookup } from '../lint/config-lookup';
import { globPath } from '../lint/config-lookup';
import { GitIgnore } from '../lint/gitignore';
import { readText } from '../lint/read-text';

const NEVER_WALKED = new Set(['.git', 'node_modules']);
const MARKDOWN = /\.(md|markdown)$/i;
const CODE = new Set(CODE_EXTENSIONS.map((extension) => `.${extension}`));

/**
 * Reads what traceability needs under `root`: every spec (by the same settings as
 * `specwright lint`) for the requirements it defines and the tasks it lists, and every
 * test and source file for the IDs it cites. Skips what Git ignores, node_modules, .git
 * and folders a config excludes. Paths in the result are relative to `root`.
 */
export function collectTraceInputs(root: string, configs: ConfigLookup): TraceInputs {
  const families = builtInFamilies();
  const requirements: TraceRequirement[] = [];
  const tasks: TraceTask[] = [];
  const mentions: TraceMention[] = [];
  const gitignore = GitIgnore.for(root);
  const folders = [root];
  while (folders.length > 0) {
    const folder = folders.pop() as string;
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0))) {
      if (NEVER_WALKED.has(entry.name)) continue;
      const path = join(folder, entry.name);
      if (gitignore.ignores(path, entry.isDirectory())) continue;
      if (entry.isDirectory()) {
        if (!configs.excludesFolder(path)) folders.push(path);
        continue;
      }
      if (!entry.isFile()) continue;
      const rel = relative(root, path).split(sep).join('/');
      if (MARKDOWN.test(entry.name)) {
        const { settings, base } = configs.forFile(path);
        const read = readText(path);
        if (!read.ok) continue;
        const document = parseSpec(read.text);
        if (!isSpecFile(globPath(base, path), settings, document)) continue;
        const family = identifyFamily({ document, families, path: globPath(base, path) });
        requirements.push(...requirementsIn(document, rel, family));
        tasks.push(...tasksIn(document, rel, family));
      } else if (CODE.has(extname(entry.name).toLowerCase())) {
        const read = readText(path);
        if (!read.ok) continue;
        mentions.push(...mentionsInCode(read.text, rel, isTestFile(rel) ? 'test' : 'source'));
      }
    }
  }
  return { requirements, tasks, mentions };
}
