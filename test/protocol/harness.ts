import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  Diagnostic,
  InitializeResult,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';

/**
 * The built server bundle the tests speak to: this checkout's, unless
 * `SPECWRIGHT_TEST_SERVER` names another build (to replay the tests against an older one).
 */
export const SERVER = process.env['SPECWRIGHT_TEST_SERVER'] ? resolve(process.env['SPECWRIGHT_TEST_SERVER']) : resolve(__dirname, '../../dist/server.js');

/** A workspace folder in a fresh temporary directory, with the given files (paths relative to it). */
export function temporaryWorkspace(prefix: string, files: Readonly<Record<string, string>>): { readonly path: string; file(relative: string): string; dispose(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  const file = (relative: string) => join(path, relative);
  for (const [relative, text] of Object.entries(files)) {
    mkdirSync(dirname(file(relative)), { recursive: true });
    writeFileSync(file(relative), text);
  }
  return { path, file, dispose: () => rmSync(path, { recursive: true, force: true }) };
}

export interface StartOptions {
  /** Advertise pull diagnostics (`textDocument/diagnostic`) like VS Code does. */
  readonly pull?: boolean;
  /** Answer `workspace/configuration` (otherwise settings come from initializationOptions). */
  readonly configuration?: boolean;
  readonly settings?: Record<string, unknown>;
  readonly rootPath?: string;
  /** The script to start instead of {@link SERVER}. */
  readonly server?: string;
  /** Environment variables added to the server's. */
  readonly env?: Record<string, string>;
  /** Let the server register file watchers (with relative patterns, or plain globs when 'globs'). */
  readonly watchFiles?: boolean | 'globs';
  /** Initialization options sent besides the settings. */
  readonly initializationOptions?: Record<string, unknown>;
  /** Advertise that code lenses can be refreshed (`workspace/codeLens/refresh`), like VS Code does. */
  readonly lensRefresh?: boolean;
}

/**
 * A typed LSP client for tests: spawns `node dist/server.js --stdio` and speaks
 * JSON-RPC to it over real pipes. Waits are for events, bounded by a timeout that fails.
 */
export class TestClient {
  readonly connection: MessageConnection;
  readonly logs: string[] = [];
  /** Diagnostics (`diagnostics <uri>`) and log messages (`log <message>`), in the order they arrived. */
  readonly events: string[] = [];
  readonly refreshes: number[] = [];
  /** The capabilities the server registered (`client/registerCapability`), in order. */
  readonly registrations: { id: string; method: string; registerOptions?: unknown }[] = [];
  /** How many times the server asked to refresh code lenses. */
  lensRefreshes = 0;
  /** The lines the server wrote to stderr. */
  readonly stderr: string[] = [];
  settings: Record<string, unknown>;
  private readonly published = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters: (() => void)[] = [];
  private readonly versions = new Map<string, number>();

  private constructor(
    readonly child: ChildProcess,
    readonly rootUri: string,
    options: StartOptions,
  ) {
    this.settings = options.settings ?? {};
    this.connection = createMessageConnection(
      new StreamMessageReader(child.stdout as NodeJS.ReadableStream),
      new StreamMessageWriter(child.stdin as NodeJS.WritableStream),
    );
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const list = this.published.get(params.uri) ?? [];
      list.push(params);
      this.published.set(params.uri, list);
      this.events.push(`diagnostics ${params.uri}`);
      this.wake();
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
      this.events.push(`log ${params.message}`);
      this.wake();
    });
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string; scopeUri?: string }[] }) => {
      for (const item of params.items) this.events.push(`configuration ${item.scopeUri ?? ''}`);
      this.wake();
      return params.items.map((item) => (item.section === 'specwright' ? this.settings : null));
    });
    this.connection.onRequest('client/registerCapability', (params: { registrations: { id: string; method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...params.registrations);
      this.wake();
      return null;
    });
    this.connection.onRequest('client/unregisterCapability', () => null);
    this.connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes.push(Date.now());
      this.wake();
      return null;
    });
    this.connection.onRequest('workspace/codeLens/refresh', () => {
      this.lensRefreshes++;
      this.wake();
      return null;
    });
    this.connection.listen();
    let partial = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      this.stderr.push(...lines);
      this.wake();
    });
  }

  static async start(options: StartOptions = {}): Promise<{ client: TestClient; init: InitializeResult }> {
    // Only the tests of the "still checking" notice see it: the others wait for findings, whatever the machine's load.
    const env = { SPECWRIGHT_CHECKING_NOTICE_MS: String(10 * 60_000), ...options.env };
    const child = spawn(process.execPath, [options.server ?? SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    const rootUri = pathToFileURL(options.rootPath ?? resolve('/tmp/specwright-protocol-workspace')).href;
    const client = new TestClient(child, rootUri, options);
    const capabilities: ClientCapabilities = {
      textDocument: {
        synchronization: { dynamicRegistration: false },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        foldingRange: {},
        publishDiagnostics: { versionSupport: true },
        ...(options.pull ? { diagnostic: { dynamicRegistration: false } } : {}),
      },
      workspace: {
        configuration: options.configuration ?? true,
        workspaceFolders: true,
        didChangeConfiguration: { dynamicRegistration: true },
        workspaceEdit: { documentChanges: true },
        ...(options.pull ? { diagnostics: { refreshSupport: true } } : {}),
        ...(options.watchFiles ? { didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: options.watchFiles === true } } : {}),
        ...(options.lensRefresh ? { codeLens: { refreshSupport: true } } : {}),
      },
      general: { positionEncodings: ['utf-16'] },
    };
    const init = (await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      capabilities,
      workspaceFolders: [{ uri: rootUri, name: 'workspace' }],
      initializationOptions:
        options.configuration === false || options.initializationOptions
          ? { ...options.initializationOptions, ...(options.configuration === false ? { settings: options.settings ?? {} } : {}) }
          : undefined,
    })) as InitializeResult;
    await client.connection.sendNotification('initialized', {});
    return { client, init };
  }

  uri(relative: string): string {
    return `${this.rootUri}/${relative}`;
  }

  async open(uri: string, text: string, languageId = 'markdown'): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Sends one incremental change; returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Every publishDiagnostics notification received for `uri`, oldest first. */
  publications(uri: string): readonly PublishDiagnosticsParams[] {
    return this.published.get(uri) ?? [];
  }

  /** Waits for a publishDiagnostics for `uri` that satisfies `accept` (default: any). */
  async diagnostics(
    uri: string,
    accept: (params: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<Diagnostic[]> {
    const seen = () => this.publications(uri).find(accept);
    const found = await this.until(seen, timeoutMs, `diagnostics for ${uri}`);
    return found.diagnostics;
  }

  /** Waits until `probe` returns a value, waking on every message from the server. */
  async until<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value !== undefined) return value;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`Timed out waiting for ${what}`);
      const deadlineSignal = AbortSignal.timeout(remaining);
      await new Promise<void>((resolveWait) => {
        deadlineSignal.addEventListener('abort', () => resolveWait(), { once: true });
        this.waiters.push(resolveWait);
      });
    }
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // The server may already be gone after a test that kills it.
    }
    if (this.child.exitCode === null) await once(this.child, 'exit');
    this.connection.dispose();
  }
}
