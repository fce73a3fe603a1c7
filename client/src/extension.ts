import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { checkFileAsSpec } from './commands/check-file-as-spec';
import { copySpecPrompt } from './commands/copy-spec-prompt';
import { newSpec } from './commands/new-spec';
import { restartServer } from './commands/restart-server';
import { showOutput } from './commands/show-output';
import { stopCheckingFile } from './commands/stop-checking-file';
import { createLanguageClient } from './language-client';

/** What `activate` returns, for other extensions and for the extension tests. */
export interface SpecwrightApi {
  readonly client: LanguageClient;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<SpecwrightApi> {
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
  await client.start();
  return { client };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
