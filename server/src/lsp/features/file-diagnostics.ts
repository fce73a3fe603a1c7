import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseConfigFile } from '../../core/config/config-file';
import type { OffsetRange } from '../../core/parse/range';
import { parseManifest } from '../../core/templates/manifest';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { toRange } from '../../workspace/positions';

/** Whether a document is a template manifest in a workspace or user template folder. */
export function isManifestUri(uri: string): boolean {
  return /\/templates\/[^/]+\/manifest\.(?:ya?ml|json)$/i.test(uri);
}

/** Whether a document is a Specwright config file. */
export function isConfigFileUri(uri: string): boolean {
  return /\/\.specwright\.(?:ya?ml|json)$/i.test(uri);
}

/**
 * Diagnostics for Specwright's own files being edited — a template manifest or a
 * config file — on the exact key or value; undefined for any other document.
 */
export function fileDiagnostics(document: TextDocument): Diagnostic[] | undefined {
  if (isManifestUri(document.uri)) return toDiagnostics(document, 'template-manifest', parseManifest(document.getText()).problems);
  if (isConfigFileUri(document.uri)) {
    const name = document.uri.slice(document.uri.lastIndexOf('/') + 1);
    return toDiagnostics(document, 'config-file', parseConfigFile(document.getText(), name).problems);
  }
  return undefined;
}

function toDiagnostics(
  document: TextDocument,
  code: string,
  problems: readonly { readonly message: string; readonly range: OffsetRange; readonly severity: 'error' | 'warning' }[],
): Diagnostic[] {
  return problems.map((problem) => ({
    range: toRange(document, problem.range),
    severity: problem.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: DIAGNOSTIC_SOURCE,
    code,
    message: problem.message,
  }));
}
