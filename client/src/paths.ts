import * as path from 'node:path';
import * as vscode from 'vscode';

/** Whether `candidate` is `folder` or lies inside it (same scheme and authority, no `..` escape). */
export function insideFolder(folder: vscode.Uri, candidate: vscode.Uri): boolean {
  if (folder.scheme !== candidate.scheme || folder.authority !== candidate.authority) return false;
  const relative = path.posix.relative(folder.path, candidate.path);
  return relative === '' || (!relative.startsWith('..') && !path.posix.isAbsolute(relative));
}

export async function fileExists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** `name.md`, else `name-2.md`, `name-3.md` …: the first that does not exist in `folder`. */
export async function firstFreeName(folder: vscode.Uri, name: string, limit = 100): Promise<string | undefined> {
  const extension = path.posix.extname(name);
  const stem = name.slice(0, name.length - extension.length);
  for (let n = 1; n <= limit; n++) {
    const candidate = n === 1 ? name : `${stem}-${n}${extension}`;
    if (!(await fileExists(vscode.Uri.joinPath(folder, ...candidate.split('/'))))) return candidate;
  }
  return undefined;
}
