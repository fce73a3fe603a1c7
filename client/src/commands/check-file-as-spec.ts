import { fileListCommand } from './spec-file-settings';

/** `specwright.checkFileAsSpec`: opts one Markdown file in, whatever `specwright.files` says. */
export function checkFileAsSpec(): (argument?: unknown) => Promise<void> {
  return fileListCommand('includeFiles', 'Open a Markdown file to check it as a spec.', (glob) => `Specwright now checks ${glob} as a spec.`);
}
