import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';

/** Files larger than this are not checked: no spec is that long, and reading it would stall. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Why a file could not be checked (or fixed). */
export interface FileError {
  readonly code: 'unreadable' | 'directory' | 'not-a-file' | 'too-large' | 'binary' | 'not-utf8' | 'changed' | 'write-failed' | 'internal';
  readonly message: string;
}

export type ReadResult = { readonly ok: true; readonly text: string; readonly bytes: Buffer } | { readonly ok: false; readonly error: FileError };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Reads a file as UTF-8 text, keeping a byte-order mark (offset 0, as editors hold it).
 * Never throws and never blocks on a FIFO: folders, devices, files over
 * {@link MAX_FILE_BYTES}, binary files (with NUL bytes) and invalid UTF-8 are errors.
 */
export function readText(path: string): ReadResult {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO nobody writes to must not hang the run.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { ok: false, error: openError(error as NodeJS.ErrnoException) };
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return fail('directory', 'is a folder, not a file');
    if (!stat.isFile()) return fail('not-a-file', 'is not a regular file (a FIFO, socket or device)');
    if (stat.size > MAX_FILE_BYTES) return fail('too-large', `is too large to check (${stat.size} bytes; the limit is ${MAX_FILE_BYTES})`);
    const bytes = readFileSync(fd);
    if (bytes.length > MAX_FILE_BYTES) return fail('too-large', `is too large to check (over ${MAX_FILE_BYTES} bytes)`);
    if (bytes.includes(0)) return fail('binary', 'is a binary file (it contains NUL bytes), not UTF-8 text');
    try {
      return { ok: true, text: utf8.decode(bytes), bytes };
    } catch {
      return fail('not-utf8', 'is not UTF-8 text (save it as UTF-8 to check it)');
    }
  } catch (error) {
    return { ok: false, error: openError(error as NodeJS.ErrnoException) };
  } finally {
    closeSync(fd);
  }
}

function fail(code: FileError['code'], message: string): ReadResult {
  return { ok: false, error: { code, message } };
}

function openError(error: NodeJS.ErrnoException): FileError {
  switch (error.code) {
    case 'EISDIR':
      return { code: 'directory', message: 'is a folder, not a file' };
    case 'ENOENT':
      return { code: 'unreadable', message: 'cannot be read: it does not exist (a broken symbolic link?)' };
    case 'EACCES':
    case 'EPERM':
      return { code: 'unreadable', message: 'cannot be read: permission denied' };
    case 'ELOOP':
      return { code: 'unreadable', message: 'cannot be read: too many levels of symbolic links' };
    default:
      return { code: 'unreadable', message: `cannot be read: ${error.code ?? error.message}` };
  }
}
