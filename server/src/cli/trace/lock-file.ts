import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TRACE_LOCK_PATH } from '../../core/trace/lock';

/**
 * Writes the workspace's trace lock, and nothing else: through a temporary file renamed
 * over it, so that an interrupted write never leaves half a lock.
 */
export function writeTraceLock(root: string, text: string): void {
  const path = join(root, TRACE_LOCK_PATH);
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
}
