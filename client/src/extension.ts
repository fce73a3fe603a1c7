import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { checkFileAsSpec } from './commands/check-file-as-spec';
import { copySpecPrompt } from './commands/copy-spec-prompt';
import { newSpec } from './commands/new-spec';
import { restartServer } from './commands/restart-server';
import { showOutput } from './commands/show-output';
import { stopCheckingFile } from './commands/stop-checking-file';
import { goToPlaceholder } from './commands/placeholder-navigation';
import { insertSection, revealRange } from './commands/outline-actions';
import { createLanguageClient } from './language-client';
import { SpecOutline } from './views/spec-outline';
import { createProgressItem } from './views/status-bar';
import { createCoverageItem, showCitations, TraceabilityView } from './views/traceability';

/** What `activate` returns, for other extensions and for the extension tests. */
export interface SpecwrightApi {
  readonly client: LanguageClient;
  readonly outline: SpecOutline;
  readonly traceability: TraceabilityView;
  /** Settles once the language server has started (or failed to). */
  readonly ready: Promise<void>;
  /** `performance.now()` in the extension host when `activate` was called and when it returned (for the benchmark). */
  readonly activation: { readonly start: number; readonly end: number };
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<SpecwrightApi> {
  const start = performance.now();
  const outputChannel = vscode.window.createOutputChannel('Specwright');
  client = createLanguageClient(context, outputChannel);
  context.subscriptions.push(
    outputChannel,
    vscode.commands.registerCommand('specwright.showOutput', showOutput(outputChannel)),
    vscode.commands.registerCommand('specwright.restartServer', restartServer(client)),
    vscode.commands.registerCommand('specwright.checkFileAsSpec', checkFileAsSpec()),
    vscode.commands.registerCommand('specwright.stopCheckingFile', stopCheckingFile()),
    vscode.commands.registerCommand('specwright.newSpec', newSpec(client)),
    vscode.commands.registerCommand('specwright.copySpecPrompt', copySpecPrompt(client)),
  );
  const outline = new SpecOutline(client);
  const progress = createProgressItem();
  const traceability = new TraceabilityView(client);
  const coverage = createCoverageItem();
  let timer: NodeJS.Timeout | undefined;
  const refresh = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const document = vscode.window.activeTextEditor?.document;
      void outline.refresh(document).then((summary) => progress.update(summary));
      void traceability.refresh(document).then((result) => coverage.update(result));
    }, 200);
  };
  context.subscriptions.push(
    outline,
    progress,
    traceability,
    coverage,
    vscode.window.createTreeView('specwright.outline', { treeDataProvider: outline, showCollapseAll: true }),
    vscode.window.createTreeView('specwright.traceability', { treeDataProvider: traceability, showCollapseAll: true }),
    vscode.commands.registerCommand('specwright.showCitations', showCitations),
    vscode.commands.registerCommand('specwright.showUncoveredRequirements', () => traceability.showUncoveredOnly(true)),
    vscode.commands.registerCommand('specwright.showAllRequirements', () => traceability.showUncoveredOnly(false)),
    vscode.commands.registerCommand('specwright.refreshTraceability', refresh),
    vscode.commands.registerCommand('specwright.nextPlaceholder', goToPlaceholder(client, 'next')),
    vscode.commands.registerCommand('specwright.previousPlaceholder', goToPlaceholder(client, 'previous')),
    vscode.commands.registerCommand('specwright.revealRange', revealRange),
    vscode.commands.registerCommand('specwright.insertSection', insertSection),
    vscode.window.onDidChangeActiveTextEditor(refresh),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document === vscode.window.activeTextEditor?.document) refresh();
    }),
    vscode.languages.onDidChangeDiagnostics((event) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (event.uris.some((uri) => uri.toString() === active)) refresh();
    }),
    { dispose: () => clearTimeout(timer) },
  );
  // The server starts in the background: activation must not hold up the window, and
  // requests sent meanwhile wait for the server to be ready.
  const started = client.start().then(refresh, (error: unknown) => {
    outputChannel.appendLine(`The Specwright language server did not start: ${error instanceof Error ? error.message : String(error)}`);
  });
  return { client, outline, traceability, ready: started, activation: { start, end: performance.now() } };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
