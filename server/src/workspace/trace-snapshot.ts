import type { TraceGraph, TraceMention } from '../core/trace/model';
import { buildTraceGraph } from '../core/trace/model';
import { relativePath } from './spec-files';
import type { SpecTrace } from './trace-inputs';
import { containingFolder, type CodeEntry } from './workspace-files';

/** What the trace graphs of one index snapshot are built from. */
export interface TraceSources {
  /** Each spec's requirements and tasks, by URI (open documents at their current version). */
  readonly specs: ReadonlyMap<string, SpecTrace>;
  /** Each test and source file's citations, by URI. */
  readonly code: ReadonlyMap<string, CodeEntry>;
  readonly folders: readonly string[];
}

/**
 * The trace graphs of the workspace folders at one moment: one graph per folder (paths in
 * it relative to the folder, as `specwright trace` run there names them), built when
 * first asked for. A file's own part (its requirements, tasks or citations) is found once
 * per version of the file; linking them up is redone for each snapshot, which costs time
 * linear in the citations.
 */
export class TraceSnapshot {
  private readonly graphs = new Map<string, { graph: TraceGraph; key: string }>();

  constructor(private readonly sources: TraceSources) {}

  /** The workspace folder whose graph holds `uri`. */
  folderOf(uri: string): string | undefined {
    return containingFolder(uri, this.sources.folders);
  }

  /** How the graph names a file: relative to its workspace folder, with `/`. */
  fileOf(uri: string): string {
    return relativePath(uri, this.sources.folders);
  }

  /** The graph of a workspace folder. */
  graph(folder: string): TraceGraph {
    return this.built(folder).graph;
  }

  /**
   * What the graph says, without line numbers: equal keys mean that every finding of the
   * trace rules on every file is the same, save for where it is in the file whose lines moved.
   */
  key(folder: string): string {
    return this.built(folder).key;
  }

  /** Citations in test and source files of `folder` of the given ID. */
  codeCitations(folder: string, id: string): { uri: string; mention: TraceMention }[] {
    const found: { uri: string; mention: TraceMention }[] = [];
    for (const [uri, entry] of this.sources.code) {
      if (containingFolder(uri, this.sources.folders) !== folder) continue;
      for (const mention of entry.mentions) if (mention.id === id) found.push({ uri, mention });
    }
    return found;
  }

  private built(folder: string): { graph: TraceGraph; key: string } {
    let built = this.graphs.get(folder);
    if (!built) {
      const requirements = [];
      const tasks = [];
      const mentions = [];
      for (const [uri, trace] of this.sources.specs) {
        if (containingFolder(uri, this.sources.folders) !== folder) continue;
        requirements.push(...trace.requirements);
        tasks.push(...trace.tasks);
      }
      for (const [uri, entry] of this.sources.code) {
        if (containingFolder(uri, this.sources.folders) === folder) mentions.push(...entry.mentions);
      }
      const graph = buildTraceGraph({ requirements, tasks, mentions });
      built = { graph, key: graphKey(graph) };
      this.graphs.set(folder, built);
    }
    return built;
  }
}

function graphKey(graph: TraceGraph): string {
  const parts: string[] = [];
  for (const requirement of graph.requirements) {
    parts.push(
      `R ${requirement.file}#${requirement.id} ${requirement.kind} ${requirement.fingerprint} ` +
        `${requirement.tasks.map((task) => `${task.file}#${task.id}${task.done ? 'x' : ''}`).join(',')} ` +
        `${requirement.tests.map((test) => test.file).join(',')} ${requirement.sources.length}`,
    );
  }
  for (const task of graph.tasks) parts.push(`T ${task.file}#${task.id} ${task.done ? 'x' : ''} ${task.section} ${task.cites.join(',')} ${task.loose.join(',')}`);
  for (const unknown of graph.unknown) parts.push(`U ${unknown.file}#${unknown.id}`);
  return parts.join('\n');
}
