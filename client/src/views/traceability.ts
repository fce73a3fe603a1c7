import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { TRACEABILITY, type TraceabilityChange, type TraceabilityRequirement, type TraceabilityResult, type TraceLocation } from '../../../common/src/protocol';

type Node =
  | { readonly kind: 'requirement'; readonly requirement: TraceabilityRequirement }
  | { readonly kind: 'task'; readonly task: TraceabilityRequirement['tasks'][number] }
  | { readonly kind: 'citation'; readonly what: 'test' | 'source'; readonly location: TraceLocation }
  | { readonly kind: 'change'; readonly change: TraceabilityChange }
  | { readonly kind: 'none'; readonly what: 'task' | 'test' };

/** Whether a requirement lacks a citation it is expected to have. */
export function isUncovered(requirement: TraceabilityRequirement): boolean {
  return (requirement.expected.tasks && requirement.tasks.length === 0) || (requirement.expected.tests && requirement.tests.length === 0);
}

/**
 * The Traceability view: the requirements of the active document's feature (its spec,
 * tasks, checklists), each with the tasks, tests and source files that cite it; a
 * requirement missing a task or test it is expected to have is marked. It can show the
 * uncovered requirements only.
 */
export class TraceabilityView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private result: TraceabilityResult | undefined;
  private uncoveredOnly = false;

  constructor(private readonly client: LanguageClient) {
    void vscode.commands.executeCommand('setContext', 'specwright.traceUncoveredOnly', false);
  }

  /** The matrix shown now, for the status bar and tests. */
  get current(): TraceabilityResult | undefined {
    return this.result;
  }

  /** Shows every requirement, or only those missing a task or test they are expected to have. */
  showUncoveredOnly(only: boolean): void {
    this.uncoveredOnly = only;
    void vscode.commands.executeCommand('setContext', 'specwright.traceUncoveredOnly', only);
    this.changed.fire(undefined);
  }

  /** Asks the server for the document's feature and redraws; empty outside a feature with requirements. */
  async refresh(document: vscode.TextDocument | undefined): Promise<TraceabilityResult | undefined> {
    let result: TraceabilityResult | null = null;
    if (document && document.languageId === 'markdown') {
      try {
        result = await this.client.sendRequest<TraceabilityResult | null>(TRACEABILITY, { uri: document.uri.toString() });
      } catch {
        result = null;
      }
    }
    this.result = result && result.requirements.length > 0 ? result : undefined;
    void vscode.commands.executeCommand('setContext', 'specwright.hasTrace', this.result !== undefined);
    this.changed.fire(undefined);
    return this.result;
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      const requirements = this.result?.requirements ?? [];
      return requirements.filter((requirement) => !this.uncoveredOnly || isUncovered(requirement)).map((requirement) => ({ kind: 'requirement', requirement }));
    }
    if (node.kind !== 'requirement') return [];
    const { requirement } = node;
    const children: Node[] = requirement.tasks.map((task) => ({ kind: 'task', task }));
    if (requirement.tasks.length === 0 && requirement.expected.tasks) children.push({ kind: 'none', what: 'task' });
    children.push(...requirement.tests.map((location): Node => ({ kind: 'citation', what: 'test', location })));
    if (requirement.tests.length === 0 && requirement.expected.tests) children.push({ kind: 'none', what: 'test' });
    children.push(...requirement.sources.map((location): Node => ({ kind: 'citation', what: 'source', location })));
    children.push(...(requirement.changes ?? []).map((change): Node => ({ kind: 'change', change })));
    return children;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'requirement': {
        const { requirement } = node;
        const changes = requirement.changes ?? [];
        const cited = requirement.tasks.length + requirement.tests.length + requirement.sources.length + changes.length;
        const item = new vscode.TreeItem(requirement.id, cited > 0 || isUncovered(requirement) ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        const uncovered = isUncovered(requirement);
        item.iconPath = uncovered ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'));
        const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
        // A requirement nothing is to cover (OpenSpec's) says what open changes do to it instead.
        const summary = requirement.coverage === false ? (changes.length > 0 ? count(changes.length, 'open change') : 'no open change') : `${count(requirement.tasks.length, 'task')} · ${count(requirement.tests.length, 'test')}`;
        item.description = `${summary} — ${requirement.text}`;
        item.tooltip = `${requirement.id} (${requirement.kind}) — ${requirement.text}\n${requirement.location.path}:${requirement.location.range.start.line + 1}`;
        item.contextValue = uncovered ? 'requirement-uncovered' : 'requirement';
        item.command = open(requirement.location);
        return item;
      }
      case 'task': {
        const { task } = node;
        const item = new vscode.TreeItem(task.text, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon(task.done ? 'pass' : 'circle-large-outline');
        item.description = `${task.location.path}:${task.location.range.start.line + 1}`;
        item.command = open(task.location);
        return item;
      }
      case 'citation': {
        const item = new vscode.TreeItem(`${node.location.path}:${node.location.range.start.line + 1}`, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon(node.what === 'test' ? 'beaker' : 'file-code');
        item.description = node.what;
        item.command = open(node.location);
        return item;
      }
      case 'change': {
        const { change } = node;
        const what = change.operation === 'renamed' && change.to !== undefined ? `renamed to ${change.to}` : change.operation;
        const item = new vscode.TreeItem(`${what} in ${change.change}`, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('git-pull-request');
        item.description = `${change.location.path}:${change.location.range.start.line + 1}`;
        item.command = open(change.location);
        return item;
      }
      case 'none': {
        const item = new vscode.TreeItem(node.what === 'task' ? 'No task cites it' : 'No test cites it', vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('list.warningForeground'));
        return item;
      }
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function open(location: TraceLocation): vscode.Command {
  return { title: 'Open', command: 'specwright.revealRange', arguments: [vscode.Uri.parse(location.uri), location.range] };
}

/** A status-bar item with the feature's coverage; hidden outside a feature that traces. Click: the Traceability view. */
export function createCoverageItem(): { update(result: TraceabilityResult | undefined): void; dispose(): void } {
  const item = vscode.window.createStatusBarItem('specwright.coverage', vscode.StatusBarAlignment.Left, 49);
  item.name = 'Specwright: traceability coverage';
  item.command = 'specwright.traceability.focus';
  return {
    update(result) {
      const { tasks, tests } = result?.coverage ?? { tasks: { expected: 0, covered: 0 }, tests: { expected: 0, covered: 0 } };
      if (!result || (tasks.expected === 0 && tests.expected === 0)) {
        item.hide();
        return;
      }
      const parts = [];
      if (tasks.expected > 0) parts.push(`${tasks.covered}/${tasks.expected} by tasks`);
      if (tests.expected > 0) parts.push(`${tests.covered}/${tests.expected} by tests`);
      item.text = `$(references) ${parts.join(' · ')}`;
      item.tooltip = `Requirements of ${result.scope || 'this folder'} cited ${parts.join(', ')}${result.complete ? '' : ' (still reading the workspace)'}`;
      item.show();
    },
    dispose: () => item.dispose(),
  };
}

/** `specwright.showCitations`: the places that cite a requirement, in the references peek (the code lens's command). */
export function showCitations(uri: string, position: { line: number; character: number }, locations: readonly { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[]): Thenable<unknown> {
  const toRange = (range: (typeof locations)[number]['range']) => new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
  return vscode.commands.executeCommand(
    'editor.action.showReferences',
    vscode.Uri.parse(uri),
    new vscode.Position(position.line, position.character),
    locations.map((location) => new vscode.Location(vscode.Uri.parse(location.uri), toRange(location.range))),
  );
}
