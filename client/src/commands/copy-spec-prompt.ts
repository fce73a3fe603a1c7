import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { INSTANTIATE_TEMPLATE, LIST_TEMPLATES, type InstantiateTemplateResult, type ListTemplatesResult } from '../../../common/src/protocol';
import { pickTemplate } from '../template-picker';

/** Answers for scripted use; missing ones come from the editor. */
export interface CopySpecPromptOptions {
  readonly templateId?: string;
  readonly conversation?: string;
  readonly outputFolder?: string;
}

/**
 * "Copy Spec Prompt for an AI Assistant": fills a prompt template's conversation
 * from the editor selection (or the clipboard), its output folder from
 * `specwright.specsFolder`, and copies the finished prompt to the clipboard.
 * Returns the prompt text.
 */
export function copySpecPrompt(client: LanguageClient) {
  return async (options: CopySpecPromptOptions = {}): Promise<string | undefined> => {
    const editor = vscode.window.activeTextEditor;
    const folder = (editor && vscode.workspace.getWorkspaceFolder(editor.document.uri)) || vscode.workspace.workspaceFolders?.[0];
    const list = await client.sendRequest<ListTemplatesResult>(LIST_TEMPLATES, { uri: folder?.uri.toString() });
    const prompts = list.templates.filter((template) => template.kind === 'prompt');
    const template = options.templateId
      ? prompts.find((t) => t.id === options.templateId)
      : prompts.length === 1
        ? prompts[0]
        : await pickTemplate(prompts, 'Copy Spec Prompt');
    if (!template) return undefined;
    const selection = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
    const conversation = options.conversation ?? (selection || (await vscode.env.clipboard.readText()));
    if (conversation.trim() === '') {
      void vscode.window.showWarningMessage('Specwright: select the conversation in an editor, or copy it, then run the command again.');
      return undefined;
    }
    const outputFolder = options.outputFolder ?? vscode.workspace.getConfiguration('specwright', folder?.uri).get<string>('specsFolder', 'docs/specs');
    const result = await client.sendRequest<InstantiateTemplateResult>(INSTANTIATE_TEMPLATE, {
      templateId: template.id,
      uri: folder?.uri.toString(),
      title: '',
      variables: { conversation: conversation.trim(), outputFolder },
    });
    await vscode.env.clipboard.writeText(result.text);
    void vscode.window.showInformationMessage(`Specwright: "${template.label}" copied with the ${selection ? 'selected' : 'copied'} conversation; paste it into your assistant.`);
    return result.text;
  };
}
