import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleDocsUrl } from '../../core/lint/docs-url';
import type { Finding, Severity } from '../../core/lint/types';
import { toRange } from '../../workspace/positions';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The diagnostic `source` of everything Specwright reports. */
export const DIAGNOSTIC_SOURCE = 'specwright';

/**
 * Turns findings into LSP diagnostics: `code` is the rule id and `codeDescription` links
 * the rule's docs. Findings' structured facts stay in the server (code actions are
 * computed from its findings) and in the CLI's JSON and SARIF: on the wire they would
 * only add to a payload that a large spec sends on every keystroke.
 */
export function toDiagnostics(document: TextDocument, findings: readonly Finding[]): Diagnostic[] {
  return findings.map((finding) => ({
    range: toRange(document, finding.range),
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    codeDescription: docsLink(finding.ruleId),
    message: finding.message,
  }));
}

// One link object per rule, shared by its diagnostics (a large spec has thousands).
const docsLinks = new Map<string, { href: string }>();
function docsLink(ruleId: string): { href: string } {
  let link = docsLinks.get(ruleId);
  if (!link) docsLinks.set(ruleId, (link = { href: ruleDocsUrl(ruleId) }));
  return link;
}
