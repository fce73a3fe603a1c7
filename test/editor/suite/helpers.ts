// Helpers for tests that run inside the extension host. Every wait is for an event, bounded
// by a deadline that fails the test with what was expected and what was seen.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'specwright.specwright';
export const SOURCE = 'specwright';
const DEFAULT_WAIT_MS = 20_000;

export function workspaceUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder (the runner opens a copy of test/fixtures/editor-workspace)');
  return vscode.Uri.joinPath(folder.uri, ...relativePath.split('/'));
}

export async function openInEditor(relativePath: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

/** Specwright's diagnostics for `uri` (the built-in Markdown validation has another source). */
export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' && code !== null ? code.value : code);
}

export function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  if (diagnostics.length === 0) return '(none)';
  return diagnostics.map((d) => `${codeOf(d)}@${d.range.start.line + 1}: ${d.message}`).join('; ');
}

/**
 * Resolves once `check` returns a value other than `undefined`: checked now, then after every
 * `event`. Rejects after `ms` with `describe()` of the last state.
 */
export function waitForEvent<E, T>(
  event: vscode.Event<E>,
  check: () => T | undefined,
  what: string,
  describe: () => string,
  ms = DEFAULT_WAIT_MS,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const deadline = AbortSignal.timeout(ms);
    const finish = (settle: () => void) => {
      subscription.dispose();
      deadline.removeEventListener('abort', onDeadline);
      settle();
    };
    const attempt = () => {
      try {
        const value = check();
        if (value !== undefined) finish(() => resolve(value));
      } catch (error) {
        finish(() => reject(error));
      }
    };
    const onDeadline = () =>
      finish(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}; last seen: ${describe()}`)));
    const subscription = event(attempt);
    deadline.addEventListener('abort', onDeadline);
    attempt();
  });
}

/** Waits until Specwright's diagnostics for `uri` satisfy `predicate`, and returns them. */
export function waitForOurDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  ms = DEFAULT_WAIT_MS,
): Promise<vscode.Diagnostic[]> {
  return waitForEvent(
    vscode.languages.onDidChangeDiagnostics,
    () => {
      const diagnostics = ourDiagnostics(uri);
      return predicate(diagnostics) ? diagnostics : undefined;
    },
    what,
    () => describeDiagnostics(ourDiagnostics(uri)),
    ms,
  );
}

export async function resetSetting(section: string, key: string): Promise<void> {
  await vscode.workspace.getConfiguration(section).update(key, undefined, vscode.ConfigurationTarget.Workspace);
}
