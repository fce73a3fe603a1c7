import * as path from 'node:path';
import { workspace, type ExtensionContext, type OutputChannel } from 'vscode';
import { CODE_EXTENSIONS } from '../../common/src/code-files';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/** The client id; also the prefix of the `specwright.trace.server` setting. */
export const CLIENT_ID = 'specwright';

/**
 * Creates the language client: the bundled server started with Node over IPC, for
 * Markdown files on disk and unsaved ones. The server decides which of them are specs
 * (settings pulled per document), so every Markdown document is synchronised.
 */
export function createLanguageClient(context: ExtensionContext, outputChannel: OutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    // dist/server.js compiled from V8's code cache, kept in the extension's global storage: a head start for every window after the first.
    run: {
      module: context.asAbsolutePath(path.join('dist', 'server-start.js')),
      transport: TransportKind.ipc,
      options: { env: { SPECWRIGHT_CODE_CACHE: path.join(context.globalStorageUri.fsPath, 'code-cache') } },
    },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'markdown', scheme: 'file' },
      { language: 'markdown', scheme: 'untitled' },
      // Template manifests being edited get schema diagnostics.
      { scheme: 'file', pattern: '**/.specwright/templates/*/manifest.{yaml,yml,json}' },
      // So is the config file the editor and the command line share.
      { scheme: 'file', pattern: '**/.specwright.{yaml,yml,json}' },
    ],
    synchronize: {
      // Templates are read from disk by the server; tell it when they change.
      fileEvents: [
        workspace.createFileSystemWatcher('**/.specwright/templates/**'),
        workspace.createFileSystemWatcher('**/.specify/templates/**'),
        // A repository's own conventions for a family (OpenSpec's instructions, config and schemas).
        workspace.createFileSystemWatcher('**/openspec/{AGENTS.md,config.yaml,config.yml,schemas/**}'),
        workspace.createFileSystemWatcher('**/.specwright.{yaml,yml,json}'),
        // Specs changed outside the editor keep the requirement-ID index right; a deleted
        // or renamed folder is reported for the folder alone, hence the second watcher.
        workspace.createFileSystemWatcher('**/*.md'),
        workspace.createFileSystemWatcher('**/*', false, true, false),
        // Tests and source code that cite requirements, and the record of reviewed requirements, for traceability.
        workspace.createFileSystemWatcher(`**/*.{${CODE_EXTENSIONS.join(',')}}`),
        workspace.createFileSystemWatcher('**/.specwright/trace.lock'),
      ],
    },
    outputChannel,
    // VS Code's Markdown extension already lists the headings in the Outline; the Spec
    // Outline view shows what it cannot (section states, missing sections).
    // It watches the files the server follows (above): the server asks only for trace globs beyond the defaults.
    initializationOptions: { documentSymbols: false, watchesFiles: true },
    diagnosticPullOptions: { onChange: true, onSave: true },
  };
  return new LanguageClient(CLIENT_ID, 'Specwright', serverOptions, clientOptions);
}
