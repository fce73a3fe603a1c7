import { fileListCommand } from './spec-file-settings';

/** `specwright.stopCheckingFile`: opts one file out, even when a glob or its front matter matches. */
export function stopCheckingFile(): (argument?: unknown) => Promise<void> {
  return fileListCommand('excludeFiles', 'Open a Markdown file to stop checking it.', (glob) => `Specwright no longer checks ${glob}.`);
}
