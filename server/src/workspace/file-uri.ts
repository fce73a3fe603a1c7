import { fileURLToPath } from 'node:url';

/** The file-system path of a `file:` URI; undefined for other schemes or a malformed URI. */
export function pathOfFileUri(uri: string | undefined): string | undefined {
  if (!uri?.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
