import { familyPlaceholders } from '../core/families/placeholders';
import type { SpecDocument } from '../core/parse/spec-document';
import { specPathOf } from '../workspace/spec-files';
import type { Family } from '../core/families/family';
import { identifyFamily } from '../core/families/identify';
import {
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
  type ServerCapabilities,
  type TextDocuments,
  type WorkDoneProgressParams,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SPEC_SUMMARY, type SpecSummaryParams } from '../../../common/src/protocol';
import type { SpecCache } from './documents';
import { idCompletions, sectionCompletions } from './features/completion';
import { frontMatterCompletions, labelStatusCompletions } from './features/front-matter-completion';
import { idDefinitions, idHover, idReferences, prepareIdRename, renameId, workspaceSymbols } from './features/id-navigation';
import { frontMatterKeyHover, placeholderHover } from './features/spec-hover';
import { specSummary, titleCodeLens } from './features/spec-summary';
import { templateHover } from './features/templates';
import { chooseRepositoryTemplate, familyFromRepositoryTemplate, type RepositoryTemplate } from '../core/families/repository-template';
import type { WorkspaceIds } from '../core/lint/types';
import { DEFAULT_SETTINGS, type Settings } from '../core/config/settings';
import type { TemplateChoice } from '../core/templates/detect';
import { WorkspaceIndex, type FileChange } from '../workspace/workspace-index';
import type { IndexSnapshot } from '../workspace/workspace-snapshot';
import type { TraceContext } from '../core/trace/context';
import { registerTrace, withCodeEdits } from './trace';

/** How long an answer that must cover every file waits for the first walk of the workspace. */
const INDEX_WAIT_MS = 15_000;

/** What `registerNavigation` adds to the server's capabilities. */
export const NAVIGATION_CAPABILITIES: ServerCapabilities = {
  definitionProvider: true,
  referencesProvider: true,
  renameProvider: { prepareProvider: true },
  completionProvider: { triggerCharacters: ['#', '-'], resolveProvider: false },
  codeLensProvider: { resolveProvider: false },
  workspaceSymbolProvider: true,
  hoverProvider: true,
};

/** The server's request wrapper: logs an exception and answers it as an error. */
export type Guard = <P, R, T>(connection: Connection, method: string, handler: (params: P, token: T) => Promise<R> | R) => (params: P, token: T) => Promise<R>;

export interface NavigationContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly cache: SpecCache;
  readonly guard: Guard;
  readonly folders: () => readonly string[];
  /** The settings for a document or folder; undefined before `initialize`. */
  readonly settings: (uri: string) => Promise<Settings> | undefined;
  readonly isSpec: (document: TextDocument) => Promise<boolean>;
  /** Whether it is a spec, without waiting for its parse under way (the latest version parsed decides). */
  readonly isSpecNow: (document: TextDocument) => Promise<boolean>;
  /** The template a document follows (templates loaded for its folder first). */
  readonly choiceFor: (document: TextDocument) => Promise<TemplateChoice | undefined>;
  /** The families as the document's workspace folder's own conventions shape them. */
  readonly familiesFor: (uri: string) => Promise<readonly Family[]>;
  /** The templates the document's repository keeps for its families, nearest first. */
  readonly repositoryTemplates?: (uri: string, families: readonly Family[]) => Promise<readonly RepositoryTemplate[]>;
  /** The ids of the spec templates available to a document. */
  readonly templateIds: (uri: string) => Promise<readonly string[]>;
  readonly versionedEdits: () => boolean;
  /** Definitions changed somewhere: diagnostics that depend on other files are stale. */
  readonly onWorkspaceIdsChanged: () => void;
}

/** What the server tells navigation about, from handlers it owns. */
export interface Navigation {
  filesChanged(changes: readonly FileChange[]): void;
  settingsChanged(): void;
  foldersChanged(): void;
  /**
   * The requirement IDs of the other specs, for the rules; the same object while definitions
   * do not change. Marked incomplete until the first walk of the workspace is done; the
   * server is told to check again when it finishes.
   */
  workspaceIds(uri: string): Promise<WorkspaceIds>;
  /** What the trace rules see of the workspace for a document; undefined until the whole workspace is read. */
  traceContext(uri: string): Promise<TraceContext | undefined>;
  /** A document was checked: the first walk of the workspace may start. */
  checked(): void;
  /** A document's version was parsed off the request path: the index takes it in. */
  parsed(uri: string): void;
}

/**
 * Requirement IDs across the workspace (definition, references, rename, hover, symbols),
 * completion, hover, the title's code lens and `specwright/specSummary`, over a
 * workspace index that follows open documents and files changed on disk.
 */
export function registerNavigation(context: NavigationContext): Navigation {
  const { connection, documents, cache, guard } = context;
  const index = new WorkspaceIndex({
    folders: context.folders,
    settings: (folder) => context.settings(folder) ?? Promise.resolve(DEFAULT_SETTINGS),
    families: (folder) => context.familiesFor(folder),
    // A document still being parsed off the request path is not waited for: the index keeps
    // what it had of it until `parsed` says its new version is in.
    openDocuments: () => documents.all().map((document) => ({ document, spec: () => cache.now(document), isSpec: () => context.isSpecNow(document) })),
    log: (message) => connection.console.warn(message),
    onScanned: ({ files, parsed, code, milliseconds }) => {
      connection.console.info(`Indexed the workspace: ${files} Markdown files, ${parsed} parsed, in ${milliseconds} ms; ${code} test and source files read for the requirement IDs they cite`);
      // A walk after the first (folders or settings changed, code read at last) may change what cites what.
      void index
        .snapshot()
        .then((snapshot) => trace.compare(snapshot, index.complete))
        .catch(() => undefined);
    },
  });
  index.onDidChangeDefinitions(() => context.onWorkspaceIdsChanged());
  const trace = registerTrace({
    connection,
    guard,
    latest: async () => {
      const complete = index.complete;
      return { snapshot: await index.latest(false), complete };
    },
    onTraceChanged: () => context.onWorkspaceIdsChanged(),
  });
  let lookups: { generation: number; complete: boolean; byUri: Map<string, WorkspaceIds> } = { generation: -1, complete: false, byUri: new Map() };
  let check: NodeJS.Timeout | undefined;
  let waitingForWalk = false;
  // The walk reads and parses every Markdown file of the workspace: the first check does not
  // wait for it, so it starts once that check is done rather than share the CPU with it.
  let firstCheckDone: () => void = () => undefined;
  const afterFirstCheck = new Promise<void>((resolve) => (firstCheckDone = resolve));
  // Push clients learn about other files' definitions only from this check; pull clients also re-ask themselves.
  const scheduleCheck = () => {
    if (check) clearTimeout(check);
    check = setTimeout(() => void afterFirstCheck.then(() => index.snapshot()).then((snapshot) => trace.compare(snapshot, index.complete)).catch(() => undefined), 250);
  };
  documents.onDidChangeContent((event) => {
    index.documentChanged(event.document.uri);
    scheduleCheck();
  });
  documents.onDidClose((event) => {
    index.documentChanged(event.document.uri, true);
    scheduleCheck();
  });

  // The parsed spec is taken after the handler's last await (`parsed()`): a version parsed
  // meanwhile takes over the tree of the one before it (see SpecCache).
  const spec = async (uri: string) => {
    const document = documents.get(uri);
    if (!document || !(await context.isSpec(document))) return undefined;
    const choice = await context.choiceFor(document);
    const families = await context.familiesFor(uri);
    return { document, parsed: () => cache.get(document), choice, families };
  };

  // Answers that must cover every file wait for the first walk of the workspace, showing
  // progress when the client gave a token; past the bound they say they may be partial.
  const whole = async (params: WorkDoneProgressParams, token: CancellationToken): Promise<IndexSnapshot> => {
    if (index.complete) return index.snapshot();
    const progress = connection.window.attachWorkDoneProgress(params.workDoneToken);
    progress.begin('Indexing the workspace', undefined, undefined, false);
    try {
      const { snapshot, complete } = await index.whole(INDEX_WAIT_MS, token);
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled');
      if (!complete) void connection.window.showWarningMessage('Specwright is still indexing the workspace: this answer may miss files not read yet.');
      return snapshot;
    } finally {
      progress.done();
    }
  };

  /** The family and kind of a document, told as the rules tell it. */
  const familyOf = async (uri: string, parsed: SpecDocument, choice: TemplateChoice | undefined, families: readonly Family[]) => {
    const path = specPathOf(uri, context.folders(), await (context.settings(uri) ?? Promise.resolve(DEFAULT_SETTINGS)));
    return identifyFamily({ document: parsed, families, path, ...(choice ? { template: choice } : {}) });
  };
  /**
   * How the rules check a document: its family, and the repository's own template it follows,
   * if any (never for a repository's template file itself).
   */
  const checkedAs = async (uri: string, parsed: SpecDocument, choice: TemplateChoice | undefined, families: readonly Family[]) => {
    const identified = await familyOf(uri, parsed, choice, families);
    const candidates = identified?.templateFile === undefined ? ((await context.repositoryTemplates?.(uri, families)) ?? []) : [];
    const family = familyFromRepositoryTemplate(parsed, identified, candidates, families) ?? identified;
    return { family, repository: chooseRepositoryTemplate(parsed, family, candidates, choice) };
  };
  /** Its placeholders as its family reads them, with the template the rules use: what the diagnostics report. */
  const placeholdersOf = (parsed: SpecDocument, choice: TemplateChoice | undefined, { family, repository }: Awaited<ReturnType<typeof checkedAs>>) =>
    familyPlaceholders(parsed, family, family?.templateFile !== undefined ? (choice?.how === 'front-matter' ? choice : undefined) : (repository ?? choice));

  connection.onDefinition(
    guard(connection, 'textDocument/definition', async (params, token) => idDefinitions(await whole(params, token), params.textDocument.uri, params.position)),
  );
  connection.onReferences(
    guard(connection, 'textDocument/references', async (params, token) =>
      idReferences(await whole(params, token), params.textDocument.uri, params.position, params.context.includeDeclaration),
    ),
  );
  connection.onPrepareRename(
    guard(connection, 'textDocument/prepareRename', async (params, token) => prepareIdRename(await whole(params, token), params.textDocument.uri, params.position)),
  );
  connection.onRenameRequest(
    guard(connection, 'textDocument/rename', async (params, token) => {
      const { uri } = params.textDocument;
      const before = await whole(params, token);
      const at = before.at(uri, params.position);
      // Closed files are edited at the ranges the index holds: make sure they are current.
      const closed = at ? [...new Set(before.sameRequirement(at).filter((found) => found.spec.version === undefined).map((found) => found.spec.uri))] : [];
      if (closed.length > 0) await index.filesChanged(closed.map((file): FileChange => ({ uri: file, type: 2 })));
      const after = await index.snapshot();
      const idPrefixes = (await (context.settings(uri) ?? Promise.resolve(DEFAULT_SETTINGS))).idPrefixes;
      const result = renameId(after, uri, params.position, params.newName, { versionedEdits: context.versionedEdits(), extraPrefixes: idPrefixes });
      if ('error' in result) throw new ResponseError(ErrorCodes.InvalidParams, result.error);
      // Tests and source code that cite the requirement are renamed with it.
      return at ? withCodeEdits(result, await trace.renameInCode(after, uri, at.occurrence.id, params.newName.trim(), idPrefixes)) : result;
    }),
  );
  connection.onWorkspaceSymbol(guard(connection, 'workspace/symbol', async (params, token) => workspaceSymbols(await whole(params, token), params.query)));

  connection.onHover(
    guard(connection, 'textDocument/hover', async (params) => {
      const found = await spec(params.textDocument.uri);
      if (!found) return null;
      const snapshot = await index.latest();
      const { document, choice } = found;
      const id = snapshot.at(document.uri, params.position)?.occurrence.id;
      if (id) return trace.hover(document.uri, params.position, id, idHover(snapshot, document.uri, params.position));
      const cited = await trace.hover(document.uri, params.position, undefined, null);
      const parsed = found.parsed();
      const checked = await checkedAs(document.uri, parsed, choice, found.families);
      return (
        placeholderHover(document, parsed, choice, params.position, placeholdersOf(parsed, choice, checked)) ??
        frontMatterKeyHover(document, parsed, choice, params.position) ??
        cited ??
        // The title says the template the checks use: the repository's own, for a document of its family.
        templateHover(document, parsed, params.position, checked.repository ?? choice, checked.family)
      );
    }),
  );

  connection.onCompletion(
    guard(connection, 'textDocument/completion', async (params) => {
      const found = await spec(params.textDocument.uri);
      if (!found) return null;
      const templateIds = await context.templateIds(params.textDocument.uri);
      const snapshot = await index.latest();
      const { document, choice } = found;
      const parsed = found.parsed();
      const inFrontMatter = frontMatterCompletions(document, parsed, choice, params.position, { now: new Date(), templateIds });
      if (inFrontMatter) return inFrontMatter;
      const status = labelStatusCompletions(document, choice, params.position);
      if (status) return status;
      const ids = idCompletions(snapshot, document, params.position, (await (context.settings(document.uri) ?? Promise.resolve(DEFAULT_SETTINGS))).idPrefixes);
      return ids.items.length > 0 ? ids : sectionCompletions(document, parsed, choice, params.position);
    }),
  );

  connection.onCodeLens(
    guard(connection, 'textDocument/codeLens', async (params) => {
      const found = await spec(params.textDocument.uri);
      if (!found) return null;
      const lenses = await trace.lenses(found.document);
      const parsed = found.parsed();
      const placeholders = placeholdersOf(parsed, found.choice, await checkedAs(found.document.uri, parsed, found.choice, found.families));
      return [...titleCodeLens(found.document, parsed, specSummary(found.document, parsed, found.choice, placeholders)), ...lenses];
    }),
  );

  connection.onRequest(
    SPEC_SUMMARY,
    guard(connection, SPEC_SUMMARY, async (params: SpecSummaryParams) => {
      const found = await spec(params.uri);
      if (!found) return null;
      const parsed = found.parsed();
      return specSummary(found.document, parsed, found.choice, placeholdersOf(parsed, found.choice, await checkedAs(found.document.uri, parsed, found.choice, found.families)));
    }),
  );

  return {
    // Building the snapshot afterwards tells listeners whether definitions changed.
    filesChanged: (changes) =>
      void index
        // Which changed files matter (specs, and test and source files by the trace globs) the index decides.
        .filesChanged(changes)
        .then(() => {
          trace.filesChanged(changes.map((change) => change.uri));
          return index.snapshot();
        })
        .then((snapshot) => trace.compare(snapshot, index.complete))
        .catch(() => undefined),
    settingsChanged: () => index.settingsChanged(),
    foldersChanged: () => index.rescan(),
    async workspaceIds(uri) {
      const complete = index.complete;
      if (!complete && !waitingForWalk) {
        waitingForWalk = true;
        void afterFirstCheck.then(() => index.snapshot()).then(() => context.onWorkspaceIdsChanged(), () => undefined);
      }
      const snapshot = await index.latest(false);
      if (lookups.generation !== snapshot.definitionsGeneration || lookups.complete !== complete) {
        lookups = { generation: snapshot.definitionsGeneration, complete, byUri: new Map() };
      }
      let lookup = lookups.byUri.get(uri);
      if (!lookup) lookups.byUri.set(uri, (lookup = snapshot.workspaceIdsFor(uri, complete)));
      return lookup;
    },
    traceContext: (uri) => trace.context(uri),
    checked: () => firstCheckDone(),
    parsed: (uri) => {
      index.documentChanged(uri);
      scheduleCheck();
    },
  };
}
