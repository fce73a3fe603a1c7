import {
  CodeActionKind,
  type CodeAction,
  type CodeActionContext,
  type Diagnostic,
  type Range,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Fix, TextEdit } from '../../core/lint/types';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { toRange } from '../../workspace/positions';

/** The code action kind of "fix everything that is safe to fix", for `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.specwright`;

/** What a `textDocument/codeAction` request asks for. */
export interface CodeActionRequest {
  readonly range: Range;
  readonly context: CodeActionContext;
}

export interface CodeActionOptions {
  /** The client understands versioned `documentChanges`, so it can refuse an edit made for an older version. */
  readonly versionedEdits: boolean;
}

/**
 * Quick fixes for the findings under the requested range, and "Fix all" (the
 * preferred fixes that do not overlap) when asked for source.fixAll or when no kind
 * is asked for. Edits carry the document version they were computed for.
 */
export function codeActions(document: TextDocument, findings: readonly Finding[], params: CodeActionRequest, options: CodeActionOptions): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    const start = document.offsetAt(params.range.start);
    const end = document.offsetAt(params.range.end);
    for (const finding of findings) {
      if (!finding.fixes?.length || finding.range.end < start || finding.range.start > end) continue;
      const diagnostic = params.context.diagnostics.find((candidate) => sameFinding(document, candidate, finding));
      for (const fix of finding.fixes) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
          ...(fix.preferred ? { isPreferred: true } : {}),
          edit: workspaceEdit(document, fix.edits, options),
        });
      }
    }
  }
  if (wants(FIX_ALL_KIND)) {
    const edits = fixAllEdits(findings);
    if (edits.length > 0) actions.push({ title: 'Fix all Specwright problems that are safe to fix', kind: FIX_ALL_KIND, edit: workspaceEdit(document, edits, options) });
  }
  return actions;
}

/** The preferred fixes of all findings, each whole, skipping one that overlaps a fix already taken; sorted by start. */
export function fixAllEdits(findings: readonly Finding[]): TextEdit[] {
  const taken: TextEdit[] = [];
  const seen = new Set<string>();
  const preferred: Fix[] = findings.flatMap((finding) => (finding.fixes ?? []).filter((fix) => fix.preferred));
  for (const fix of preferred) {
    const key = JSON.stringify(fix.edits);
    if (seen.has(key)) continue;
    const clashes = fix.edits.some((edit) =>
      taken.some((other) => edit.range.start < other.range.end && other.range.start < edit.range.end),
    );
    if (clashes) continue;
    seen.add(key);
    taken.push(...fix.edits);
  }
  return taken.sort((a, b) => a.range.start - b.range.start);
}

function workspaceEdit(document: TextDocument, edits: readonly TextEdit[], options: CodeActionOptions): WorkspaceEdit {
  const lspEdits: LspTextEdit[] = edits.map((edit) => ({ range: toRange(document, edit.range), newText: edit.newText }));
  if (options.versionedEdits) {
    return { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits: lspEdits }] };
  }
  return { changes: { [document.uri]: lspEdits } };
}

function sameFinding(document: TextDocument, diagnostic: Diagnostic, finding: Finding): boolean {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE || diagnostic.code !== finding.ruleId) return false;
  const range = toRange(document, finding.range);
  return (
    diagnostic.range.start.line === range.start.line &&
    diagnostic.range.start.character === range.start.character &&
    diagnostic.range.end.line === range.end.line &&
    diagnostic.range.end.character === range.end.character
  );
}
