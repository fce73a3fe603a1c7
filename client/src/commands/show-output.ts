import type { OutputChannel } from 'vscode';

/** `specwright.showOutput`: reveals the Specwright output channel (server log). */
export function showOutput(outputChannel: OutputChannel): () => void {
  return () => outputChannel.show(true);
}
