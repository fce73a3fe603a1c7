import {
  DidChangeConfigurationNotification,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  CodeActionKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { INSTANTIATE_TEMPLATE, LIST_TEMPLATES, type InstantiateTemplateParams, type ListTemplatesParams } from '../../../common/src/protocol';
import { SpecCache } from './documents';
import { ParseHost } from './parse-host';
import { codeActions, FIX_ALL_KIND } from './features/code-actions';
import { foldingRanges } from './features/folding';
import { documentSymbols } from './features/symbols';
import { instantiateTemplate, listTemplates } from './features/templates';
import { encodeOnce } from './json-encoding';
import { SettingsStore } from './settings-store';
import { isSpecFile, relativePath, specPathOf } from '../workspace/spec-files';
import { isTemplateFile, TemplateService } from '../workspace/template-service';
import { FamilyService, isConventionFile } from '../workspace/conventions-store';
import { isRepositoryTemplateFile, RepositoryTemplateService } from '../workspace/repository-templates';
import { builtInFamilies } from '../core/families/built-in';
import { isConfigFileUri } from './features/file-diagnostics';
import { fileWatchers } from './file-watchers';
import { NAVIGATION_CAPABILITIES, registerNavigation } from './navigation';
import { WorkspaceConfig } from '../workspace/workspace-config';
import { mark } from './startup-timing';
import { describe, Validator } from './validation';

/** How the server parses large documents off the request path. */
export interface ServerOptions {
  /** The parse worker's script and, for tests and benchmarks, its limits; without it every parse runs on the server's thread. */
  readonly parseWorker?: { readonly script: string; readonly budgetMs?: number; readonly memoryMb?: number; readonly workers?: number };
  /** How long a check goes before the document's diagnostics say it is still being checked (ms). */
  readonly checkingNoticeMs?: number;
}

/** A piece the parser has not read in this long, or in this much heap, is given up and the document read as text. */
const PARSE_WORKER_LIMITS = { budgetMs: 5000, memoryMb: 2048 };

/** The server's name and version, reported in `initialize`. */
export const SERVER_INFO = { name: 'specwright-language-server', version: '0.1.0' };

/**
 * Declares capabilities and wires LSP handlers to features. No analysis happens
 * here: features and rules are plain functions over the parsed spec.
 */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const host = options.parseWorker
    ? new ParseHost({ ...PARSE_WORKER_LIMITS, ...options.parseWorker, log: (message) => connection.console.warn(message) })
    : undefined;
  const cache = new SpecCache({ ...(host ? { host } : {}), parsed: (uri) => navigation.parsed(uri) });
  connection.onExit(() => host?.dispose());
  let folders: string[] = [];
  let pull = false;
  let settings: SettingsStore | undefined;
  let validator: Validator | undefined;
  let canRefresh = false;
  let canRefreshLenses = false;
  let canRegisterConfigChange = false;
  let watchers: ReturnType<typeof fileWatchers> | undefined;
  let supportsFolders = false;
  let versionedEdits = false;
  const folderOf = (uri: string): string | undefined =>
    folders.filter((folder) => uri === folder || uri.startsWith(folder.endsWith('/') ? folder : `${folder}/`)).sort((a, b) => b.length - a.length)[0] ??
    (folders.length === 1 ? folders[0] : undefined);
  const templates = new TemplateService(folderOf, (message) => connection.console.warn(message));
  const families = new FamilyService(folderOf, (message) => connection.console.warn(message));
  const repositoryTemplates = new RepositoryTemplateService(folderOf);
  const workspaceConfig = new WorkspaceConfig();

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    mark('initialize');
    const capabilities = params.capabilities;
    pull = capabilities.textDocument?.diagnostic !== undefined;
    canRefresh = capabilities.workspace?.diagnostics?.refreshSupport === true;
    canRefreshLenses = capabilities.workspace?.codeLens?.refreshSupport === true;
    canRegisterConfigChange = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    const watchedFiles = capabilities.workspace?.didChangeWatchedFiles;
    supportsFolders = capabilities.workspace?.workspaceFolders === true;
    versionedEdits = capabilities.workspace?.workspaceEdit?.documentChanges === true;
    folders = (params.workspaceFolders ?? []).map((folder) => folder.uri);
    if (folders.length === 0 && params.rootUri) folders = [params.rootUri];
    settings = new SettingsStore(
      connection,
      capabilities.workspace?.configuration === true,
      params.initializationOptions?.settings,
      (resolved, uri) => workspaceConfig.apply(resolved, folderOf(uri)),
      (uri) => folders.filter((folder) => uri === folder || uri.startsWith(folder.endsWith('/') ? folder : `${folder}/`)).sort((a, b) => b.length - a.length)[0],
    );
    watchers = fileWatchers({
      connection,
      canRegister: watchedFiles?.dynamicRegistration === true,
      relativePatterns: watchedFiles?.relativePatternSupport === true,
      clientWatches: params.initializationOptions?.watchesFiles === true,
      folders: () => folders,
      settings: (folder) => (settings as SettingsStore).get(folder),
      log: (message) => connection.console.warn(message),
    });
    validator = new Validator({
      connection,
      cache,
      settings,
      workspaceFolders: () => folders,
      document: (uri) => documents.get(uri),
      templates: (uri, spec) => templatesReady(uri).then(() => templates.choiceFor(uri, spec)),
      families: (uri) => families.familiesFor(uri),
      repositoryTemplates: (uri, path, shaped) => repositoryTemplates.templatesFor(uri, path, shaped ?? builtInFamilies()),
      workspaceIds: (uri) => navigation.workspaceIds(uri),
      trace: (uri) => navigation.traceContext(uri),
      checked: () => navigation.checked(),
      ...(options.checkingNoticeMs ? { checkingNoticeMs: options.checkingNoticeMs } : {}),
    });
    return {
      serverInfo: SERVER_INFO,
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        ...(params.initializationOptions?.documentSymbols === false ? {} : { documentSymbolProvider: { label: 'Specwright' } }),
        foldingRangeProvider: true,
        ...NAVIGATION_CAPABILITIES,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        ...(pull ? { diagnosticProvider: { identifier: 'specwright', interFileDependencies: true, workspaceDiagnostics: false } } : {}),
        ...(supportsFolders ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
      },
    };
  });

  connection.onInitialized(() => {
    mark('initialized');
    connection.console.info(
      `${SERVER_INFO.name} ${SERVER_INFO.version} on Node ${process.version}: ` +
        `${pull ? 'pull' : 'push'} diagnostics, ${folders.length} workspace folder(s)`,
    );
    if (canRegisterConfigChange) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'specwright' });
    void watchers?.update();
    // What the first check of a spec needs from each folder (its settings, templates and
    // conventions) is read now, while the editor opens, rather than when a spec is opened.
    void Promise.all([
      settings?.prefetch(folders),
      ...folders.flatMap((folder) => [templatesReady(folder).then(() => templates.setFor(folder)), families.familiesFor(folder)]),
    ]).then(
      () => mark('folders read'),
      () => undefined,
    );
    if (supportsFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((folder) => folder.uri));
        folders = [...folders.filter((uri) => !removed.has(uri)), ...event.added.map((folder) => folder.uri)];
        navigation.foldersChanged();
        void watchers?.update();
        revalidateAll();
      });
    }
  });

  /** Something every document's findings depend on changed (settings, templates, the workspace's IDs). */
  const revalidateAll = (): void => {
    validator?.forgetFindings();
    if (pull) {
      if (canRefresh) void connection.languages.diagnostics.refresh();
    } else {
      for (const document of documents.all()) validator?.schedule(document);
    }
  };

  connection.onDidChangeConfiguration(
    guardNotification(connection, 'didChangeConfiguration', (params) => {
      settings?.changed(params.settings);
      navigation.settingsChanged();
      void watchers?.update();
      revalidateAll();
    }),
  );

  // The content of a document just opened comes with its didOpen (the events fire one after the other).
  let opening: string | undefined;
  documents.onDidOpen((event) => {
    mark('didOpen');
    opening = event.document.uri;
  });
  documents.onDidChangeContent((event) => {
    const opened = opening === event.document.uri;
    opening = undefined;
    if (!pull) validator?.schedule(event.document, opened);
    // A pull client asks once it shows the document; the check begins now, and its request takes it over.
    else if (opened) void validator?.findings(event.document).catch(() => undefined);
  });
  documents.onDidClose((event) => {
    cache.delete(event.document.uri);
    templates.forget(event.document.uri);
    settings?.forget(event.document.uri);
    validator?.forget(event.document.uri);
    if (!pull) validator?.close(event.document.uri);
  });

  connection.onDidChangeWatchedFiles(
    guardNotification(connection, 'workspace/didChangeWatchedFiles', (params) => {
      navigation.filesChanged(params.changes);
      const configChanged = params.changes.some((change) => isConfigFileUri(change.uri));
      const conventionsChanged = params.changes.some((change) => isConventionFile(change.uri));
      const repositoryTemplateChanged = params.changes.some((change) => isRepositoryTemplateFile(change.uri));
      if (repositoryTemplateChanged) repositoryTemplates.invalidate();
      if (!configChanged && !conventionsChanged && !repositoryTemplateChanged && !params.changes.some((change) => isTemplateFile(change.uri))) return;
      if (configChanged) {
        workspaceConfig.invalidate();
        void watchers?.update();
      }
      if (conventionsChanged) {
        families.invalidate();
        // The trace reads requirement blocks and deltas in the folder's own words.
        navigation.settingsChanged();
      }
      templates.invalidate();
      revalidateAll();
    }),
  );

  /** Applies the user-level template folders for this document's settings before templates are read. */
  const templatesReady = async (uri: string | undefined): Promise<void> => {
    const resolved = await settings?.get(uri ?? folders[0] ?? '');
    if (resolved) templates.setUserFolders(resolved.templateFolders);
  };

  connection.onRequest(
    LIST_TEMPLATES,
    guardRequest(connection, LIST_TEMPLATES, async (params: ListTemplatesParams | undefined) => {
      await templatesReady(params?.uri);
      return listTemplates(await templates.setFor(params?.uri));
    }),
  );

  connection.onRequest(
    INSTANTIATE_TEMPLATE,
    guardRequest(connection, INSTANTIATE_TEMPLATE, async (params: InstantiateTemplateParams) => {
      await templatesReady(params.uri);
      const result = instantiateTemplate(await templates.templatesFor(params.uri), params);
      if (!result) throw new ResponseError(ErrorCodes.InvalidParams, `No template with id "${String(params.templateId)}"`);
      return result;
    }),
  );

  connection.onCodeAction(
    guardRequest(connection, 'textDocument/codeAction', async (params) => {
      const document = documents.get(params.textDocument.uri);
      if (!document || !validator) return null;
      const version = document.version;
      const findings = await validator.findings(document);
      if (!findings || document.version !== version || documents.get(document.uri) !== document) return null;
      return codeActions(document, findings, params, { versionedEdits });
    }),
  );

  connection.languages.diagnostics.on(
    guardRequest(connection, 'textDocument/diagnostic', async (params, token) => {
      mark('diagnostic request');
      const document = documents.get(params.textDocument.uri);
      if (!document || !validator) return { kind: 'full', items: [] };
      // A client that can be told to ask again is, while a long check goes on, answered
      // with a diagnostic that says so, and told to ask again once the findings are in.
      const items = canRefresh
        ? await validator.diagnoseOrNotice(document, token, () => void connection.languages.diagnostics.refresh())
        : await validator.diagnose(document, token);
      if (items !== undefined) mark('diagnostic answered');
      if (items === undefined) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed; ask again', { retriggerRequest: true });
      return { kind: 'full', items };
    }),
  );

  connection.onDocumentSymbol(
    guardRequest(connection, 'textDocument/documentSymbol', async (params) => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return null;
      const version = document.version;
      const spec = await isSpec(document);
      if (document.version !== version) throw contentModified();
      return spec ? encodeOnce(documentSymbols(document, cache.get(document))) : null;
    }),
  );

  connection.onFoldingRanges(
    guardRequest(connection, 'textDocument/foldingRange', async (params) => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return null;
      const version = document.version;
      const spec = await isSpec(document);
      if (document.version !== version) throw contentModified();
      return spec ? encodeOnce(foldingRanges(document, cache.get(document))) : null;
    }),
  );

  // Whoever asks goes on to use the tree: a large document is parsed off the request path
  // first, and a request whose document moved on meanwhile is answered ContentModified.
  const isSpec = async (document: TextDocument): Promise<boolean> => {
    if (!settings) return false;
    const version = document.version;
    const resolved = await settings.get(document.uri);
    await cache.ready(document);
    if (document.version !== version) throw contentModified();
    return isSpecFile(specPathOf(document.uri, folders, resolved), resolved, cache.get(document));
  };
  /** {@link isSpec} without waiting for a parse off the request path: the front matter of the latest version parsed decides. */
  const isSpecNow = async (document: TextDocument): Promise<boolean> => {
    if (!settings) return false;
    const resolved = await settings.get(document.uri);
    return isSpecFile(specPathOf(document.uri, folders, resolved), resolved, cache.now(document) ?? cache.latest(document.uri));
  };

  const navigation = registerNavigation({
    connection,
    documents,
    cache,
    guard: guardRequest,
    folders: () => folders,
    settings: (uri) => settings?.get(uri),
    isSpec,
    isSpecNow,
    choiceFor: (document) => templatesReady(document.uri).then(() => templates.choiceFor(document.uri, () => cache.get(document))),
    familiesFor: (uri) => families.familiesFor(uri),
    repositoryTemplates: (uri, shaped) => repositoryTemplates.templatesFor(uri, relativePath(uri, folders), shaped),
    templateIds: async (uri) => (await templates.templatesFor(uri)).filter((template) => template.manifest.kind === 'spec').map((template) => template.id),
    versionedEdits: () => versionedEdits,
    onWorkspaceIdsChanged: () => {
      revalidateAll();
      // Code lenses on requirements count what cites them elsewhere.
      if (canRefreshLenses) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    },
  });

  documents.listen(connection);
}

/**
 * The answer for a request whose document changed before it could be computed: the edit
 * updates the document in place, so the version asked for can no longer be answered.
 */
function contentModified(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.ContentModified, 'The document changed; ask again');
}

/**
 * Wraps a request handler so that an exception is logged and answered as an LSP
 * InternalError (the connection turns a thrown ResponseError into the reply); a
 * ResponseError the handler throws on purpose passes through unchanged.
 */
function guardRequest<P, R, T>(
  connection: Connection,
  method: string,
  handler: (params: P, token: T) => Promise<R> | R,
): (params: P, token: T) => Promise<R> {
  return async (params, token) => {
    try {
      return await handler(params, token);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      connection.console.error(`${method} failed: ${describe(error)}`);
      throw new ResponseError(ErrorCodes.InternalError, `${method} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}

function guardNotification<P>(connection: Connection, method: string, handler: (params: P) => void): (params: P) => void {
  return (params) => {
    try {
      handler(params);
    } catch (error) {
      connection.console.error(`${method} failed: ${describe(error)}`);
    }
  };
}
