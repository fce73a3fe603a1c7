import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { builtInFamilies } from '../../server/src/core/families/built-in';
import { identifyFamily } from '../../server/src/core/families/identify';
import { parseSpec } from '../../server/src/core/parse/spec-document';
import { CODE_EXTENSIONS, isTestFile, mentionsInCode } from '../../server/src/core/trace/code';
import type { TraceContext } from '../../server/src/core/trace/context';
import { parseTraceLock, TRACE_LOCK_PATH } from '../../server/src/core/trace/lock';
import { deltasIn } from '../../server/src/core/trace/deltas';
import { requirementsIn, tasksIn } from '../../server/src/core/trace/markdown';
import { buildTraceGraph, type TraceMention, type TraceRequirement, type TraceTask } from '../../server/src/core/trace/model';

/**
 * A scenario's workspace for the trace rules: the files in `<name>.workspace/` beside the
 * scenario, at their paths there, plus the scenario itself at the path it declares. Its
 * `.specwright/trace.lock`, if any, is the workspace's trace lock. No folder: no trace
 * graph, as when a spec is linted on its own.
 */
export function traceFor(folder: string, name: string, text: string, path: string | undefined): { trace?: TraceContext } {
  const root = join(folder, name.replace(/\.md$/, '.workspace'));
  if (!existsSync(root) || path === undefined) return {};
  const families = builtInFamilies();
  const requirements: TraceRequirement[] = [];
  const tasks: TraceTask[] = [];
  const mentions: TraceMention[] = [];
  const addSpec = (source: string, file: string) => {
    const document = parseSpec(source);
    const family = identifyFamily({ document, families, path: file });
    requirements.push(...requirementsIn(document, file, family), ...deltasIn(document, file, family));
    tasks.push(...tasksIn(document, file, family));
  };
  addSpec(text, path);
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    const file = relative(root, full).split(sep).join('/');
    if (file === TRACE_LOCK_PATH) continue;
    const source = readFileSync(full, 'utf8');
    if (/\.md$/i.test(file)) addSpec(source, file);
    else if (CODE_EXTENSIONS.includes(extname(file).slice(1).toLowerCase())) mentions.push(...mentionsInCode(source, file, isTestFile(file) ? 'test' : 'source'));
  }
  const lockPath = join(root, TRACE_LOCK_PATH);
  const lock = existsSync(lockPath) ? parseTraceLock(readFileSync(lockPath, 'utf8')).lock : undefined;
  return { trace: { graph: buildTraceGraph({ requirements, tasks, mentions }), file: path, ...(lock ? { lock } : {}) } };
}
