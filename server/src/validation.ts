import type { CancellationToken, Connection, Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { SpecCache } from './documents';
import { toDiagnostics } from './features/diagnostics';
import { isManifestUri, manifestDiagnostics } from './features/templates';
import type { SpecDocument } from './parse/spec-document';
import type { TemplateChoice } from './templates/detect';
import { lintDocument } from './rules/lint';
import type { SettingsStore } from './settings';
import { isSpecFile, relativePath } from './spec-files';

/** What the validator needs to know about the session. */
export interface ValidationContext {
  readonly connection: Connection;
  readonly cache: SpecCache;
  readonly settings: SettingsStore;
  readonly workspaceFolders: () => readonly string[];
  readonly document: (uri: string) => TextDocument | undefined;
  /** The template a spec follows, for template-aware rules. */
  readonly templates: (uri: string, spec: SpecDocument) => Promise<TemplateChoice | undefined>;
}

/**
 * Computes diagnostics for a document version, and (for clients without pull
 * diagnostics) publishes them after a short quiet period. Work for a version that is
 * no longer current is dropped, so stale diagnostics are never published.
 */
export class Validator {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly context: ValidationContext) {}

  /** Diagnostics for the document's current version; empty when it is not a spec. */
  async diagnose(document: TextDocument, token?: CancellationToken): Promise<Diagnostic[] | undefined> {
    const settings = await this.context.settings.get(document.uri);
    // Let queued edits arrive first: if the document moved on, this result is stale.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (token?.isCancellationRequested) return undefined;
    const current = this.context.document(document.uri);
    if (!current || current.version !== document.version) return undefined;
    if (isManifestUri(current.uri)) return manifestDiagnostics(current);
    const spec = this.context.cache.get(current);
    const path = relativePath(current.uri, this.context.workspaceFolders());
    if (!isSpecFile(path, settings, spec)) return [];
    const template = await this.context.templates(current.uri, spec);
    if (this.context.document(document.uri)?.version !== document.version) return undefined;
    const findings = lintDocument(spec, {
      rules: settings.rules,
      template: template ?? null,
      onRuleError: (rule, error) =>
        this.context.connection.console.error(`Rule ${rule.meta.id} failed on ${current.uri}: ${describe(error)}`),
    });
    return toDiagnostics(current, findings);
  }

  /** Push mode: (re)validate after the configured delay, replacing any pending run. */
  schedule(document: TextDocument): void {
    const pending = this.timers.get(document.uri);
    if (pending) clearTimeout(pending);
    void this.context.settings.get(document.uri).then((settings) => {
      const timer = setTimeout(() => {
        this.timers.delete(document.uri);
        void this.publish(document.uri);
      }, settings.diagnosticsDelay);
      const previous = this.timers.get(document.uri);
      if (previous) clearTimeout(previous);
      this.timers.set(document.uri, timer);
    });
  }

  /** Push mode: stop pending work for a closed document and clear its diagnostics. */
  close(uri: string): void {
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    this.timers.delete(uri);
    void this.context.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private async publish(uri: string): Promise<void> {
    const document = this.context.document(uri);
    if (!document) return;
    try {
      const diagnostics = await this.diagnose(document);
      if (diagnostics === undefined) return;
      await this.context.connection.sendDiagnostics({ uri, version: document.version, diagnostics });
    } catch (error) {
      this.context.connection.console.error(`Could not check ${uri}: ${describe(error)}`);
    }
  }
}

/** A log-friendly description of something thrown. */
export function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
