import type { CancellationToken, Connection, Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { ParseProgress, SpecCache } from './documents';
import { DIAGNOSTIC_SOURCE, toDiagnostics } from './features/diagnostics';
import { fileDiagnostics } from './features/file-diagnostics';
import type { SpecDocument } from '../core/parse/spec-document';
import type { TemplateChoice } from '../core/templates/detect';
import type { Family } from '../core/families/family';
import type { RepositoryTemplate } from '../core/families/repository-template';
import { lintDocumentSteps } from '../core/lint/lint';
import type { Finding, WorkspaceIds } from '../core/lint/types';
import type { TraceContext } from '../core/trace/context';
import type { SettingsStore } from './settings-store';
import { isSpecFile, relativePath, specPathOf } from '../workspace/spec-files';
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
  /** The templates the document's repository keeps for its families, nearest first (`path` relative to its workspace folder). */
  readonly repositoryTemplates?: (uri: string, path: string, families: readonly Family[] | undefined) => Promise<readonly RepositoryTemplate[]>;
  /** The requirement IDs of the workspace's other specs; a new object whenever they change. */
  readonly workspaceIds?: (uri: string) => Promise<WorkspaceIds | undefined>;
  /** The workspace's trace graph as the document's trace rules see it; a new object whenever their findings may change. */
  readonly trace?: (uri: string) => Promise<TraceContext | undefined>;
  /** Called whenever a check of a document ends, whatever its outcome. */
  readonly checked?: () => void;
  /** How long a check goes before the document's diagnostics say it is still being checked (default {@link CHECKING_NOTICE_MS}). */
  readonly checkingNoticeMs?: number;
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
  private readonly running = new Map<string, { version: number; generation: number; findings: Promise<readonly Finding[] | undefined> }>();
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
   * {@link diagnose}, or, when the document is still being parsed after
   * {@link ValidationContext.checkingNoticeMs}, a diagnostic that says so at once; `through` is called
   * when the check it stands for ends (the client may then ask again).
   */
  async diagnoseOrNotice(document: TextDocument, token: CancellationToken | undefined, through: () => void): Promise<Diagnostic[] | undefined> {
    const version = document.version;
    const diagnosing = this.diagnose(document, token);
    let timer: NodeJS.Timeout | undefined;
    const notice = new Promise<'notice'>((resolve) => {
      timer = setTimeout(() => resolve('notice'), this.context.checkingNoticeMs ?? CHECKING_NOTICE_MS);
    });
    const first = await Promise.race([diagnosing, notice]);
    clearTimeout(timer);
    if (first !== 'notice') return first;
    const progress = document.version === version ? this.context.cache.progress(document) : undefined;
    if (!progress) return diagnosing;
    void diagnosing.then(through, through);
    return [checkingDiagnostic(progress)];
  }

  /**
   * The findings for a document version, computed once per version and shared by
   * diagnostics and code actions; empty when it is not a spec.
   */
  findings(document: TextDocument): Promise<readonly Finding[] | undefined> {
    // A check of the same version already under way (begun when the document opened, say) is shared.
    const running = this.running.get(document.uri);
    if (running && running.version === document.version && running.generation === this.generation) return running.findings;
    const findings = this.check(document).finally(() => {
      if (this.running.get(document.uri)?.findings === findings) this.running.delete(document.uri);
      this.context.checked?.();
    });
    this.running.set(document.uri, { version: document.version, generation: this.generation, findings });
    return findings;
  }

  private async check(document: TextDocument): Promise<readonly Finding[] | undefined> {
    // Edits update the document object in place, so its version is read once here and
    // compared after every await: findings of one version must never be kept for another.
    const version = document.version;
    const generation = this.generation;
    const workspace = await this.context.workspaceIds?.(document.uri);
    mark('workspace ids');
    if (document.version !== version) return undefined;
    const trace = await this.context.trace?.(document.uri);
    mark('trace');
    if (document.version !== version) return undefined;
    const cached = this.lastFindings.get(document.uri);
    if (cached && cached.version === version && cached.workspace === workspace && cached.trace === trace) return cached.findings;
    const settings = await this.context.settings.get(document.uri);
    mark('settings');
    if (document.version !== version) return undefined;
    // A large document is parsed between other work, its long pieces in a worker.
    await this.context.cache.ready(document);
    if (document.version !== version) return undefined;
    const spec = this.context.cache.get(document);
    mark('parsed');
    const path = specPathOf(document.uri, this.context.workspaceFolders(), settings);
    if (fileDiagnostics(document) || !isSpecFile(path, settings, spec)) return [];
    // Templates may be read from disk first: the choice is made for the version current then
    // (a version parsed meanwhile has taken over this one's tree, and this check stops below).
    const template = await this.context.templates(document.uri, () => this.context.cache.get(document));
    mark('templates');
    const families = await this.context.families?.(document.uri);
    mark('conventions');
    const repositoryTemplates = await this.context.repositoryTemplates?.(document.uri, relativePath(document.uri, this.context.workspaceFolders()), families);
    // Templates may have been read from disk meanwhile; a newer version retires this one's tree.
    if (document.version !== version || this.context.document(document.uri)?.version !== version) return undefined;
    const steps = lintDocumentSteps(spec, {
      rules: settings.rules,
      path,
      template: template ?? null,
      ...(families ? { families } : {}),
      ...(repositoryTemplates?.length ? { repositoryTemplates } : {}),
      ...(workspace ? { workspace } : {}),
      ...(trace ? { trace } : {}),
      idPrefixes: settings.idPrefixes,
      onRuleError: (rule, error) =>
        this.context.connection.console.error(`Rule ${rule.meta.id} failed on ${document.uri}: ${describe(error)}`),
    });
    // Between rules, others get a turn every few milliseconds; a newer version (which may
    // take over this one's tree) ends the check.
    let step = steps.next();
    let slice = performance.now();
    while (!step.done) {
      if (performance.now() - slice > LINT_SLICE_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        slice = performance.now();
        if (document.version !== version || this.context.document(document.uri)?.version !== version) {
          steps.return([]);
          return undefined;
        }
      }
      step = steps.next();
    }
    const findings = step.value;
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
    this.running.delete(uri);
    this.lastFindings.delete(uri);
    this.publishedVersions.delete(uri);
  }

  /**
   * Push mode: (re)validate after the configured delay, replacing any pending run. The delay
   * is for edits coming one after another; a document just opened is checked at once.
   */
  schedule(document: TextDocument, opened = false): void {
    this.timers.get(document.uri)?.cancel();
    void this.context.settings.get(document.uri).then((settings) => {
      const run = () => {
        this.timers.delete(document.uri);
        void this.publish(document.uri);
      };
      // A timer waits at least a millisecond; with no delay, run once queued messages are read.
      let timer: { cancel(): void };
      if (settings.diagnosticsDelay > 0 && !opened) {
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
      // A document whose check takes long says so meanwhile (its findings replace that).
      const notice = setTimeout(() => {
        const progress = this.context.cache.progress(document);
        if (!progress || document.version !== version || generation !== this.generation || this.publishedVersions.get(uri) === version) return;
        void this.context.connection.sendDiagnostics({ uri, version, diagnostics: [checkingDiagnostic(progress)] });
      }, this.context.checkingNoticeMs ?? CHECKING_NOTICE_MS);
      let diagnostics: Diagnostic[] | undefined;
      try {
        diagnostics = await this.diagnose(document);
      } finally {
        clearTimeout(notice);
      }
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

/** How long the rules may hold the thread before other work gets a turn (ms). */
const LINT_SLICE_MS = 8;

/**
 * How long a check may go before the document's diagnostics say it is still being
 * checked (ms): its findings are published once it is through, however long that takes.
 */
export const CHECKING_NOTICE_MS = 1000;

/** What a document's diagnostics say while it is still being parsed: how far the parse is, and that its findings follow. */
export function checkingDiagnostic(progress: ParseProgress): Diagnostic {
  const percent = Math.min(99, Math.floor((progress.read / Math.max(1, progress.length)) * 100));
  const size = progress.length >= 1024 * 1024 ? `${(progress.length / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(progress.length / 1024))} KB`;
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    code: 'checking',
    message: `Still checking this document (${size}, ${percent}% read so far): its findings will replace this message when the check is through.`,
  };
}

/** A log-friendly description of something thrown. */
export function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
