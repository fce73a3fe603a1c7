import { constants } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  INSTANTIATE_TEMPLATE,
  LIST_TEMPLATES,
  type InstantiateTemplateParams,
  type InstantiateTemplateResult,
  type ListTemplatesResult,
  type TemplateSummary,
} from '../../../common/src/protocol';
import { authorName } from '../author';
import { fileExists, firstFreeName, insideFolder } from '../paths';
import { pickTemplate } from '../template-picker';

/**
 * Answers to the prompts, for scripted use (tests, other extensions); missing ones
 * are asked. With a template and a title given, nothing is asked: the folder
 * defaults to `specwright.specsFolder` and the file name to the template's pattern.
 */
export interface NewSpecOptions {
  readonly templateId?: string;
  readonly title?: string;
  /** The target folder: a URI, or a path relative to the workspace folder. */
  readonly folder?: vscode.Uri | string;
  readonly fileName?: string;
  readonly variables?: Readonly<Record<string, string>>;
}

/**
 * "New Spec from Template": pick a template, give a title, choose the folder and
 * the file name, and get the new spec open with the remaining placeholders as tab
 * stops. Known values (title, today's date, author, first status) are filled in.
 * The file is created with an exclusive create, so an existing file is never
 * overwritten, even one that appears while the prompts are open. Cancelling any
 * prompt creates nothing. Returns the new file's URI.
 */
export function newSpec(client: LanguageClient) {
  return async (clicked?: unknown, options: NewSpecOptions = {}): Promise<vscode.Uri | undefined> => {
    const clickedFolder = clicked instanceof vscode.Uri ? clicked : undefined;
    const workspaceFolder = pickWorkspaceFolder(clickedFolder);
    if (!workspaceFolder) {
      void vscode.window.showErrorMessage('Specwright: open a folder to create a spec in.');
      return undefined;
    }
    const list = await client.sendRequest<ListTemplatesResult>(LIST_TEMPLATES, { uri: workspaceFolder.uri.toString() });
    const specs = list.templates.filter((template) => template.kind === 'spec');
    const template = options.templateId ? specs.find((t) => t.id === options.templateId) : await pickTemplate(specs, 'New Spec from Template');
    if (!template) {
      if (options.templateId) void vscode.window.showErrorMessage(`Specwright: no template "${options.templateId}".`);
      return undefined;
    }
    const title = options.title ?? (await askTitle(template));
    if (title === undefined) return undefined;
    const variables: Record<string, string> = { ...(options.variables ?? {}) };
    for (const variable of template.variables) {
      if (variables[variable.name] !== undefined) continue;
      const value = await vscode.window.showInputBox({ title: template.label, prompt: variable.prompt ?? variable.name, value: variable.default ?? '', ignoreFocusOut: true });
      if (value === undefined) return undefined;
      variables[variable.name] = value;
    }
    const scripted = options.templateId !== undefined && options.title !== undefined;
    const folder = await targetFolder(workspaceFolder, clickedFolder, options.folder ?? (scripted ? specsFolder(workspaceFolder) : undefined));
    if (!folder) return undefined;
    const params: InstantiateTemplateParams = {
      templateId: template.id,
      uri: workspaceFolder.uri.toString(),
      title,
      author: await authorName(workspaceFolder.uri),
      variables,
      now: new Date().toISOString(),
      utcOffsetMinutes: -new Date().getTimezoneOffset(),
    };
    const result = await client.sendRequest<InstantiateTemplateResult>(INSTANTIATE_TEMPLATE, params);
    if ('error' in result.fileName) {
      void vscode.window.showErrorMessage(`Specwright: ${result.fileName.error}`);
      return undefined;
    }
    const fileName = options.fileName ?? (scripted ? result.fileName.path : await askFileName(folder, result.fileName.path));
    if (fileName === undefined) return undefined;
    const target = vscode.Uri.joinPath(folder, ...fileName.split('/'));
    if (!insideFolder(folder, target)) {
      void vscode.window.showErrorMessage(`Specwright: "${fileName}" is not inside ${folder.fsPath}.`);
      return undefined;
    }
    if (!(await createExclusively(target, result.text))) return undefined;
    const editor = await vscode.window.showTextDocument(target);
    const whole = new vscode.Range(editor.document.positionAt(0), editor.document.positionAt(editor.document.getText().length));
    await editor.insertSnippet(new vscode.SnippetString(result.snippet), whole);
    return target;
  };
}

function pickWorkspaceFolder(clicked: vscode.Uri | undefined): vscode.WorkspaceFolder | undefined {
  const from = clicked ?? vscode.window.activeTextEditor?.document.uri;
  return (from && vscode.workspace.getWorkspaceFolder(from)) || vscode.workspace.workspaceFolders?.[0];
}

async function askTitle(template: TemplateSummary): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title: `New ${template.label}`,
    prompt: 'Title of the spec',
    placeHolder: 'Webhook delivery with retries',
    ignoreFocusOut: true,
    validateInput: (input) => (input.trim() === '' ? 'Give the spec a title.' : undefined),
  });
  return value?.trim();
}

/** The clicked folder, the folder given, or `specwright.specsFolder` confirmed by the author. */
async function targetFolder(workspaceFolder: vscode.WorkspaceFolder, clicked: vscode.Uri | undefined, given: vscode.Uri | string | undefined): Promise<vscode.Uri | undefined> {
  if (given instanceof vscode.Uri) return given;
  if (clicked) return clicked;
  const root = workspaceFolder.uri;
  const relative =
    given ??
    (await vscode.window.showInputBox({
      title: 'Folder for the new spec',
      prompt: `Relative to ${workspaceFolder.name}`,
      value: specsFolder(workspaceFolder),
      ignoreFocusOut: true,
      validateInput: (input) => (insideFolder(root, vscode.Uri.joinPath(root, input.trim() || '.')) ? undefined : 'Choose a folder inside the workspace folder.'),
    }));
  if (relative === undefined) return undefined;
  const folder = vscode.Uri.joinPath(root, relative.trim() || '.');
  if (!insideFolder(root, folder)) {
    void vscode.window.showErrorMessage(`Specwright: "${relative}" is not inside ${workspaceFolder.name}.`);
    return undefined;
  }
  return folder;
}

function specsFolder(workspaceFolder: vscode.WorkspaceFolder): string {
  return vscode.workspace.getConfiguration('specwright', workspaceFolder.uri).get<string>('specsFolder', 'docs/specs');
}

async function askFileName(folder: vscode.Uri, proposed: string): Promise<string | undefined> {
  const free = (await firstFreeName(folder, proposed)) ?? proposed;
  const value = await vscode.window.showInputBox({
    title: 'File name',
    value: free,
    valueSelection: [free.lastIndexOf('/') + 1, free.lastIndexOf('.') > free.lastIndexOf('/') ? free.lastIndexOf('.') : free.length],
    ignoreFocusOut: true,
    validateInput: async (input) => {
      const name = input.trim();
      if (name === '' || path.posix.isAbsolute(name) || name.split(/[\\/]/).includes('..')) return 'Give a file name inside the folder.';
      if (await fileExists(vscode.Uri.joinPath(folder, ...name.split('/')))) return `${name} already exists; Specwright never overwrites a file.`;
      return undefined;
    },
  });
  return value?.trim();
}

/** Creates the file only if nothing is there yet (O_EXCL on disk); reports why not otherwise. */
async function createExclusively(target: vscode.Uri, text: string): Promise<boolean> {
  try {
    if (target.scheme === 'file') {
      await mkdir(path.dirname(target.fsPath), { recursive: true });
      const handle = await open(target.fsPath, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o666);
      try {
        await handle.writeFile(text, 'utf8');
      } finally {
        await handle.close();
      }
    } else {
      if (await fileExists(target)) throw Object.assign(new Error('exists'), { code: 'EEXIST' });
      await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
    }
    return true;
  } catch (error) {
    const exists = (error as { code?: string }).code === 'EEXIST';
    void vscode.window.showErrorMessage(
      exists
        ? `Specwright: ${vscode.workspace.asRelativePath(target)} already exists; nothing was written.`
        : `Specwright: could not create ${vscode.workspace.asRelativePath(target)}: ${(error as Error).message}`,
    );
    return false;
  }
}
