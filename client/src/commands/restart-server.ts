import type { LanguageClient } from 'vscode-languageclient/node';

/** `specwright.restartServer`: stops and starts the language server. */
export function restartServer(client: LanguageClient): () => Promise<void> {
  return () => client.restart();
}
