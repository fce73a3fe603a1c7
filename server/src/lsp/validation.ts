import type { CancellationToken, Connection, Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { SpecCache } from './documents';
import { toDiagnostics } from './features/diagnostics';
import { fileDiagnostics } from './features/file-diagnostics';
import type { SpecDocument } from '../core/parse/spec-document';
import type { TemplateChoice } from '../core/templates/detect';
import type { Family } from '../core/families/family';
import { lintDocument } from '../core/lint/lint';
import type { Finding, WorkspaceIds } from '../core/lint/types';
import type { TraceContext } from '../core/trace/context';
import type { SettingsStore } from './settings-store';
import { isSpecFile, relativePath } from '../workspace/spec-files';
import { mark } from './startup-timing';

/** What the validator needs to know about the session. */
export interface ValidationContext {
  readonly connection: Connection;
  readonly cache: SpecCache;
  readonly settings: SettingsStore;
  readonly workspaceFolders: () => readonly string[];
  readonly document: (uri: string) => TextDocument | undefined;
  /** The template a spec follows, for template-aware rules; `parsed` is asked once templates are read. */
  readonly templates: (uri: string, parsed: () => SpecDocument) => Promise<TemplateChoice | undefined>;
  /** The families as the document's workspace folder's own conventions shape them. */
  readonly families?: (uri: string) => Promise<readonly Family[]>;
  /** The requirement IDs of the workspace's other specs; a new object whenever they change. */
  readonly workspaceIds?: (uri: string) => Promise<WorkspaceIds | undefined>;
  /** The workspace's trace graph as the document's trace rules see it; a new object whenever their findings may change. */
  readonly trace?: (uri: string) => Promise<TraceContext | undefined>;
  /** Called whenever a check of a document ends, whatever its outcome. */
  readonly checked?: () => void;
}

/**
 * Computes diagnostics for a document version, and (for clients without pull
 * diagnostics) publishes them after a short quiet period. Work for a version that is
 * no longer current is dropped, so stale diagnostics are never published.
 */
export class Validator {
  private readonly timers = new Map<string, { cancel(): void }>();
  private readonly lastFindings = new Map<string, { version: number; workspace: WorkspaceIds | undefined; trace: TraceContext | undefined; findings: readonly Finding[] }>();
  private readonly publishedVersions = new Map<string, number>();
  /** Bumped whenever settings or templates change: findings begun before are not kept. */
  private generation = 0;

  constructor(private readonly context: ValidationContext) {}

  /** Diagnostics for the document's current version; empty when it is not a spec. */
  async diagnose(document: TextDocument, token?: CancellationToken): Promise<Diagnostic[] | undefined> {
    // The document object is updated in place by later edits: remember which version was asked.
    const version = document.version;
    // Let queued edits arrive first: if the document moved on, this result is stale.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (token?.isCancellationRequested) return undefined;
    const current = this.context.document(document.uri);
    if (!current || current.version !== version) return undefined;
    const ownFile = fileDiagnostics(current);
    if (ownFile) return ownFile;
    const findings = await this.findings(current);
    if (findings === undefined || current.version !== version || this.context.document(document.uri) !== current) return undefined;
    return toDiagnostics(current, findings);
  }

  /**
   * The findings for a document version, computed once per version and shared by
   * diagnostics and code actions; empty when it is not a spec.
   */
  async findings(document: TextDocument): Promise<readonly Finding[] | undefined> {
    try {
      return await this.check(document);
    } finally {
      this.context.checked?.();
    }
  }

  private async check(document: TextDocument): Promise<readonly Finding[] | undefined> {
    // Edits update the document object in place, so its version is read once here and
    // compared after every await: findings of one version must never be kept for another.
    const version = document.version;
    const generation = this.generation;
    const workspace = await this.context.workspaceIds?.(document.uri);
    if (document.version !== version) return undefined;
    const trace = await this.context.trace?.(document.uri);
    if (document.version !== version) return undefined;
    const cached = this.lastFindings.get(document.uri);
    if (cached && cached.version === version && cached.workspace === workspace && cached.trace === trace) return cached.findings;
    mark('workspace ids');
    const settings = await this.context.settings.get(document.uri);
    mark('settings');
    if (document.version !== version) return undefined;
    // A large document is parsed between other work, its long pieces in a worker.
    await this.context.cache.ready(document);
    if (document.version !== version) return undefined;
    const spec = this.context.cache.get(document);
    mark('parsed');
    const path = relativePath(document.uri, this.context.workspaceFolders());
    if (fileDiagnostics(document) || !isSpecFile(path, settings, spec)) return [];
    // Templates may be read from disk first: the choice is made for the version current then
    // (a version parsed meanwhile has taken over this one's tree, and this check stops below).
    const template = await this.context.templates(document.uri, () => this.context.cache.get(document));
    const families = await this.context.families?.(document.uri);
    mark('templates');
    // Templates may have been read from disk meanwhile; a newer version retires this one's tree.
    if (document.version !== version || this.context.document(document.uri)?.version !== version) return undefined;
    const findings = lintDocument(spec, {
      rules: settings.rules,
      path,
      template: template ?? null,
      ...(families ? { families } : {}),
      ...(workspace ? { workspace } : {}),
      ...(trace ? { trace } : {}),
      idPrefixes: settings.idPrefixes,
      onRuleError: (rule, error) =>
        this.context.connection.console.error(`Rule ${rule.meta.id} failed on ${document.uri}: ${describe(error)}`),
    });
    mark('linted');
    if (generation === this.generation) this.lastFindings.set(document.uri, { version, workspace, trace, findings });
    return findings;
  }

  /** Settings or templates changed: findings computed under the old ones are stale. */
  forgetFindings(): void {
    this.generation++;
    this.lastFindings.clear();
    this.publishedVersions.clear();
  }

  /** A document closed: drop what was kept for it. */
  forget(uri: string): void {
    this.lastFindings.delete(uri);
    this.publishedVersions.delete(uri);
  }

  /** Push mode: (re)validate after the configured delay, replacing any pending run. */
  schedule(document: TextDocument): void {
    this.timers.get(document.uri)?.cancel();
    void this.context.settings.get(document.uri).then((settings) => {
      const run = () => {
        this.timers.delete(document.uri);
        void this.publish(document.uri);
      };
      // A timer waits at least a millisecond; with no delay, run once queued messages are read.
      let timer: { cancel(): void };
      if (settings.diagnosticsDelay > 0) {
        const timeout = setTimeout(run, settings.diagnosticsDelay);
        timer = { cancel: () => clearTimeout(timeout) };
      } else {
        const immediate = setImmediate(run);
        timer = { cancel: () => clearImmediate(immediate) };
      }
      this.timers.get(document.uri)?.cancel();
      this.timers.set(document.uri, timer);
    });
  }

  /** Push mode: stop pending work for a closed document and clear its diagnostics. */
  close(uri: string): void {
    this.timers.get(uri)?.cancel();
    this.timers.delete(uri);
    void this.context.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private async publish(uri: string): Promise<void> {
    const document = this.context.document(uri);
    if (!document) return;
    try {
      // Several scheduled runs can land on the same version: publish it once.
      const version = document.version;
      const generation = this.generation;
      if (this.publishedVersions.get(uri) === version) return;
      const diagnostics = await this.diagnose(document);
      // A newer version, or new settings or templates, have their own run scheduled.
      if (diagnostics === undefined || document.version !== version || generation !== this.generation) return;
      if (this.publishedVersions.get(uri) === version) return;
      this.publishedVersions.set(uri, version);
      await this.context.connection.sendDiagnostics({ uri, version, diagnostics });
      mark('published');
    } catch (error) {
      this.context.connection.console.error(`Could not check ${uri}: ${describe(error)}`);
    }
  }
}

/** A log-friendly description of something thrown. */
export function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
