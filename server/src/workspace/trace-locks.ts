import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseTraceLock, TRACE_LOCK_PATH, type TraceLock } from '../core/trace/lock';

/** A workspace folder's trace lock as read: none, one, or one that could not be read and why. */
export interface LockRead {
  readonly lock?: TraceLock;
  readonly problem?: string;
}

/**
 * The trace lock (`.specwright/trace.lock`) of each workspace folder, read once and again
 * only after it changed on disk. A lock that cannot be read counts as none (stale
 * references are not checked) and says why.
 */
export class TraceLocks {
  private readonly reads = new Map<string, Promise<LockRead>>();
  /** Moves on whenever a lock may have changed. */
  generation = 0;

  /** The lock of a workspace folder (a `file:` URI). */
  lockFor(folder: string): Promise<LockRead> {
    let read = this.reads.get(folder);
    if (!read) this.reads.set(folder, (read = readLock(folder)));
    return read;
  }

  /** Files changed on disk: forgets the locks among them. Returns whether one was. */
  filesChanged(uris: readonly string[]): boolean {
    const changed = uris.some(isTraceLockUri);
    if (changed) {
      this.reads.clear();
      this.generation++;
    }
    return changed;
  }
}

/** Whether a URI names a trace lock. */
export function isTraceLockUri(uri: string): boolean {
  return uri.endsWith(`/${TRACE_LOCK_PATH}`);
}

async function readLock(folder: string): Promise<LockRead> {
  if (!folder.startsWith('file:')) return {};
  let text: string;
  try {
    text = await readFile(`${fileURLToPath(folder).replace(/[\\/]$/, '')}/${TRACE_LOCK_PATH}`, 'utf8');
  } catch {
    return {};
  }
  const parsed = parseTraceLock(text);
  return parsed.problem ? { problem: `${TRACE_LOCK_PATH}: ${parsed.problem}; stale references are not checked` } : { lock: parsed.lock };
}
