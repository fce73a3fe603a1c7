import type { TraceGraph, TraceMention } from '../core/trace/model';
import { TraceLinker } from '../core/trace/linker';
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

/** A folder's graph and what it was built from. */
interface BuiltGraph {
  readonly specs: readonly SpecTrace[];
  readonly code: readonly CodeEntry[];
  readonly graph: TraceGraph;
  readonly key: string;
}

/**
 * The graph built last for each workspace folder, with the inputs it was built from (each
 * file's part, an object kept while the file is unchanged): a later snapshot whose inputs
 * for the folder are the same objects takes the graph instead of linking it up again.
 */
export class TraceGraphCache {
  private readonly built = new Map<string, BuiltGraph>();
  private readonly linkers = new Map<string, TraceLinker>();

  /**
   * The graph of `folder` for these inputs: the one built last if they are the same, else
   * linked again, by patching the last one where only citations changed (see {@link TraceLinker}).
   */
  take(folder: string, specs: readonly SpecTrace[], code: readonly CodeEntry[]): BuiltGraph {
    const last = this.built.get(folder);
    if (last && sameItems(last.specs, specs) && sameItems(last.code, code)) return last;
    let linker = this.linkers.get(folder);
    if (!linker) this.linkers.set(folder, (linker = new TraceLinker()));
    const graph = linker.link([...specs, ...code]);
    const fresh = { specs, code, graph, key: inputsKey(specs, code) };
    this.built.set(folder, fresh);
    return fresh;
  }
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The trace graphs of the workspace folders at one moment: one graph per folder (paths in
 * it relative to the folder, as `specwright trace` run there names them), built when
 * first asked for. A file's own part (its requirements, tasks or citations) is found once
 * per version of the file; linking them up is redone only when some file's part changed
 * (see {@link TraceGraphCache}), and then only for the citations of the changed files
 * where no requirement changed.
 */
export class TraceSnapshot {
  private readonly graphs = new Map<string, BuiltGraph>();

  constructor(
    private readonly sources: TraceSources,
    private readonly cache: TraceGraphCache = new TraceGraphCache(),
  ) {}

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

  private built(folder: string): BuiltGraph {
    let built = this.graphs.get(folder);
    if (!built) {
      const specs: SpecTrace[] = [];
      const code: CodeEntry[] = [];
      for (const [uri, trace] of this.sources.specs) if (containingFolder(uri, this.sources.folders) === folder) specs.push(trace);
      for (const [uri, entry] of this.sources.code) if (containingFolder(uri, this.sources.folders) === folder) code.push(entry);
      built = this.cache.take(folder, specs, code);
      this.graphs.set(folder, built);
    }
    return built;
  }
}

/**
 * What the graph is built from, without line numbers: the graph is a function of its
 * inputs, so equal keys mean equal graphs save for lines (the key may differ where the
 * graph does not, never the other way). Each file's part is written out and hashed once
 * (two 32-bit hashes), and the key combines the parts' hashes in order: a few dozen
 * characters however large the workspace.
 */
function inputsKey(specs: readonly SpecTrace[], code: readonly CodeEntry[]): string {
  let a = 0x811c9dc5;
  let b = 5381;
  let count = 0;
  const add = (hash: readonly [number, number]) => {
    a = Math.imul(a ^ hash[0], 0x01000193) >>> 0;
    b = (Math.imul(b, 33) + hash[1]) >>> 0;
    count++;
  };
  for (const trace of specs) add(partHash(trace, specKey));
  for (const entry of code) add(partHash(entry, codeKey));
  return `${count}:${a.toString(36)}:${b.toString(36)}`;
}

const partHashes = new WeakMap<object, readonly [number, number]>();

function partHash<T extends object>(part: T, write: (part: T) => string): readonly [number, number] {
  let hash = partHashes.get(part);
  if (hash === undefined) partHashes.set(part, (hash = hashes(write(part))));
  return hash;
}

/** FNV-1a and djb2 of a string's UTF-16 code units. */
function hashes(text: string): readonly [number, number] {
  let a = 0x811c9dc5;
  let b = 5381;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193);
    b = (Math.imul(b, 33) + unit) | 0;
  }
  return [a >>> 0, b >>> 0];
}

function specKey(trace: SpecTrace): string {
  const parts: string[] = [];
  for (const requirement of trace.requirements) {
    const delta = requirement.delta ? ` ${requirement.delta.operation} ${requirement.delta.target} ${requirement.delta.to ?? ''}` : '';
    parts.push(`R ${requirement.file}#${requirement.id} ${requirement.kind} ${requirement.scope} ${requirement.fingerprint}${delta}`);
  }
  for (const task of trace.tasks) parts.push(`T ${task.file}#${task.id} ${task.done ? 'x' : ''} ${task.scope} ${task.section} ${task.cites.join(',')} ${task.loose.join(',')}`);
  return parts.join('\n');
}

function codeKey(entry: CodeEntry): string {
  return entry.mentions.map((mention) => `M ${mention.file}#${mention.id} ${mention.from} ${mention.scope}`).join('\n');
}
