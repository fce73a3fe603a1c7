import { chmodSync, closeSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { Finding, TextEdit } from '../../core/lint/types';
import { readText, type FileError } from './read-text';

/**
 * Applies the preferred fix of as many findings as possible: a fix is taken whole or
 * not at all, and never when one of its edits overlaps an edit already taken. The
 * caller lints the result again, and repeats, to pick up the rest.
 */
export function applyPreferredFixes(text: string, findings: readonly Finding[]): { text: string; applied: number } {
  const taken: TextEdit[] = [];
  let applied = 0;
  for (const finding of findings) {
    const fix = finding.fixes?.find((candidate) => candidate.preferred);
    if (!fix || fix.edits.length === 0) continue;
    const clashes = fix.edits.some(
      (edit) =>
        edit.range.start > edit.range.end ||
        edit.range.end > text.length ||
        taken.some((other) => edit.range.start < other.range.end && other.range.start < edit.range.end) ||
        // Two insertions at one offset would apply in an order nobody chose.
        taken.some((other) => edit.range.start === edit.range.end && other.range.start === edit.range.start),
    );
    if (clashes) continue;
    taken.push(...fix.edits);
    applied++;
  }
  taken.sort((a, b) => a.range.start - b.range.start);
  let result = '';
  let cursor = 0;
  for (const edit of taken) {
    result += text.slice(cursor, edit.range.start) + edit.newText;
    cursor = edit.range.end;
  }
  return { text: result + text.slice(cursor), applied };
}

/**
 * Writes `text` to `path` if, and only if, the file still holds `original`: the file is
 * read again first, and left alone when it changed since it was linted (an editor
 * saved it, another tool rewrote it). The write goes to a temporary file in the same
 * folder, which then replaces the file in one rename, keeping its permissions; a
 * symbolic link is followed, so the link stays a link.
 */
export function writeIfUnchanged(path: string, original: Buffer, text: string): FileError | undefined {
  const current = readText(path);
  if (!current.ok) return current.error;
  if (!current.bytes.equals(original)) {
    return { code: 'changed', message: 'changed while it was being fixed; left as it is (run again to fix it)' };
  }
  let target: string;
  let temporary: string | undefined;
  try {
    target = realpathSync(path);
    const mode = statSync(target).mode & 0o7777;
    temporary = join(dirname(target), `.${basename(target)}.${process.pid}-${threadId}.${Date.now().toString(36)}.specwright-tmp`);
    const fd = openSync(temporary, 'wx', mode);
    try {
      writeSync(fd, Buffer.from(text, 'utf8'));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(temporary, mode);
    renameSync(temporary, target);
    return undefined;
  } catch (error) {
    if (temporary) {
      try {
        unlinkSync(temporary);
      } catch {
        // Already renamed or never created.
      }
    }
    return { code: 'write-failed', message: `could not be written: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
}
