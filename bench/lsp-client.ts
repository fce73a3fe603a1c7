// A minimal LSP client for the benchmarks: spawns a server on stdio, speaks JSON-RPC
// over real pipes, and waits for publishDiagnostics of an exact document version.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  Diagnostic,
  InitializeResult,
  PublishDiagnosticsParams,
  ServerCapabilities,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import { ROOT, WORK } from './util';

/** The folder both servers get as their workspace; spec documents are opened under its specs/ folder. */
export const LSP_WORKSPACE = join(WORK, 'lsp');

export interface ServerSpec {
  readonly name: string;
  /** Arguments after `node`. */
  readonly args: readonly string[];
}

export const SPECWRIGHT_SERVER: ServerSpec = {
  name: 'Specwright',
  // SPECWRIGHT_BENCH_NODE_ARGS: extra Node options for the server (`--cpu-prof` to profile it).
  args: [...(process.env.SPECWRIGHT_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), join(ROOT, 'dist/server.js'), '--stdio'],
};
export const REMARK_SERVER: ServerSpec = { name: 'remark-language-server', args: [join(ROOT, 'bench/remark-server.mjs'), '--stdio'] };

/**
 * Prepares the shared LSP workspace: a `.remarkrc.json` (front matter, GFM, the
 * recommended lint preset) and a `node_modules` link to the repository's, so the remark
 * server resolves `remark` and its plugins from the folder as it would in a project.
 */
export function ensureLspWorkspace(): string {
  mkdirSync(join(LSP_WORKSPACE, 'specs'), { recursive: true });
  const rc = join(LSP_WORKSPACE, '.remarkrc.json');
  const config = `${JSON.stringify({ plugins: ['remark-frontmatter', 'remark-gfm', 'remark-preset-lint-recommended'] }, null, 2)}\n`;
  if (!existsSync(rc) || readFileSync(rc, 'utf8') !== config) writeFileSync(rc, config);
  const modules = join(LSP_WORKSPACE, 'node_modules');
  if (!existsSync(modules)) symlinkSync(join(ROOT, 'node_modules'), modules, 'dir');
  return LSP_WORKSPACE;
}

export function documentUri(name: string): string {
  return pathToFileURL(join(LSP_WORKSPACE, 'specs', name)).href;
}

const CAPABILITIES: ClientCapabilities = {
  // A push-diagnostics client (Neovim, Emacs, Helix): no `textDocument.diagnostic`.
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: false },
    publishDiagnostics: { versionSupport: true, relatedInformation: false },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    foldingRange: { lineFoldingOnly: true },
    completion: { completionItem: { snippetSupport: false } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'source'] } } },
  },
  workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
  general: { positionEncodings: ['utf-16'] },
};

/** Settings the client hands out: no debounce for Specwright, nothing for anyone else. */
const SPECWRIGHT_SETTINGS = { diagnosticsDelay: 0 };

export class LspClient {
  readonly connection: MessageConnection;
  capabilities: ServerCapabilities = {};
  readonly stderr: string[] = [];
  private readonly versions = new Map<string, number>();
  private readonly waiting = new Map<string, { version: number; resolve: (params: PublishDiagnosticsParams) => void }>();
  private readonly logWaiters = new Set<(message: string) => boolean>();
  private exited = false;
  /** When the first "still checking" notice for each document arrived (see {@link noticeAt}). */
  private readonly notices = new Map<string, { version: number | undefined; at: number }>();

  private constructor(
    readonly spec: ServerSpec,
    readonly child: ChildProcess,
    private readonly settings: object = SPECWRIGHT_SETTINGS,
  ) {
    this.connection = createMessageConnection(
      new StreamMessageReader(child.stdout as NodeJS.ReadableStream),
      new StreamMessageWriter(child.stdin as NodeJS.WritableStream),
    );
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      if (this.stderr.length < 200) this.stderr.push(chunk);
    });
    child.on('exit', () => {
      this.exited = true;
    });
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      // Specwright's "still checking" notice stands in for findings still to come: noted, not waited for.
      if (params.diagnostics.length === 1 && params.diagnostics[0]?.code === 'checking') {
        if (!this.notices.has(params.uri)) this.notices.set(params.uri, { version: params.version, at: performance.now() });
        return;
      }
      const waiter = this.waiting.get(params.uri);
      if (waiter && params.version === waiter.version) {
        this.waiting.delete(params.uri);
        waiter.resolve(params);
      }
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      for (const waiter of this.logWaiters) if (waiter(params.message)) this.logWaiters.delete(waiter);
    });
    this.connection.onNotification('window/showMessage', () => undefined);
    // An object per item, never null (the remark server crashes on null).
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section === 'specwright' ? this.settings : {})),
    );
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('client/unregisterCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  /**
   * Starts a server with `workspace` (default: the shared LSP workspace) as its folder and
   * current directory; `settings` is its `specwright` section (default: no diagnostics delay).
   */
  static async start(spec: ServerSpec, workspace = ensureLspWorkspace(), settings: object = SPECWRIGHT_SETTINGS): Promise<LspClient> {
    const child = spawn(process.execPath, [...spec.args], { cwd: workspace, stdio: ['pipe', 'pipe', 'pipe'] });
    const client = new LspClient(spec, child, settings);
    const rootUri = pathToFileURL(workspace).href;
    const result = (await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      capabilities: CAPABILITIES,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      // For clients without workspace/configuration; a pulled `specwright` section wins over it.
      initializationOptions: { settings },
    })) as InitializeResult;
    client.capabilities = result.capabilities;
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  /** Whether the server wants the full text on every change (TextDocumentSyncKind.Full). */
  get fullSync(): boolean {
    const sync = this.capabilities.textDocumentSync;
    const kind = typeof sync === 'number' ? sync : sync?.change;
    return kind === 1;
  }

  /** Registers interest in diagnostics for `version` of `uri`; await the promise after sending. */
  expectDiagnostics(uri: string, version: number, timeoutMs: number): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(uri);
        reject(new Error(`${this.spec.name}: no diagnostics for version ${version} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(uri, {
        version,
        resolve: (params) => {
          clearTimeout(timer);
          resolve(params);
        },
      });
    });
  }

  /**
   * Resolves with the first `window/logMessage` from now on that matches `pattern`, and
   * `performance.now()` when it arrived.
   */
  waitForLog(pattern: RegExp, timeoutMs: number): Promise<{ match: RegExpExecArray; at: number }> {
    return new Promise((resolve, reject) => {
      const waiter = (message: string): boolean => {
        const match = pattern.exec(message);
        if (!match) return false;
        clearTimeout(timer);
        resolve({ match, at: performance.now() });
        return true;
      };
      const timer = setTimeout(() => {
        this.logWaiters.delete(waiter);
        reject(new Error(`${this.spec.name}: no log message matching ${String(pattern)} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.logWaiters.add(waiter);
    });
  }

  /**
   * Opens a document; resolves with its diagnostics (version 1) and how long they took;
   * `noticeMs`: how long until the server said it was still checking it, if it did.
   */
  async open(uri: string, text: string, timeoutMs: number): Promise<{ ms: number; diagnostics: Diagnostic[]; noticeMs?: number }> {
    this.versions.set(uri, 1);
    this.notices.delete(uri);
    const diagnostics = this.expectDiagnostics(uri, 1, timeoutMs);
    const start = performance.now();
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const published = await diagnostics;
    const notice = this.notices.get(uri);
    return { ms: performance.now() - start, diagnostics: published.diagnostics, ...(notice?.version === 1 ? { noticeMs: notice.at - start } : {}) };
  }

  /**
   * Sends one change (incremental or, for full-sync servers, the whole new text) and
   * resolves when diagnostics for exactly that version arrive: the elapsed milliseconds.
   */
  async change(
    uri: string,
    edit: TextDocumentContentChangeEvent,
    fullText: string,
    timeoutMs: number,
    waitForDiagnostics = true,
  ): Promise<{ ms: number; version: number; diagnostics: Promise<PublishDiagnosticsParams> }> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const diagnostics = this.expectDiagnostics(uri, version, timeoutMs);
    const start = performance.now();
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [this.fullSync ? { text: fullText } : edit],
    });
    if (!waitForDiagnostics) return { ms: Number.NaN, version, diagnostics };
    await diagnostics;
    return { ms: performance.now() - start, version, diagnostics };
  }

  async close(uri: string): Promise<void> {
    this.waiting.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Resident set size of the server process (kB → bytes), from /proc. */
  memory(): { rss: number; peak: number } | undefined {
    const pid = this.child.pid;
    if (pid === undefined) return undefined;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
      return { rss: field('VmRSS'), peak: field('VmHWM') };
    } catch {
      return undefined;
    }
  }

  async stop(): Promise<void> {
    if (!this.exited) {
      try {
        await Promise.race([
          (async () => {
            await this.connection.sendRequest('shutdown');
            await this.connection.sendNotification('exit');
          })(),
          new Promise((resolve) => setTimeout(resolve, 5000)),
        ]);
      } catch {
        // Already gone.
      }
      if (!this.exited) {
        const exited = once(this.child, 'exit');
        const timer = setTimeout(() => this.child.kill(), 5000);
        await exited;
        clearTimeout(timer);
      }
    }
    this.connection.dispose();
  }
}
