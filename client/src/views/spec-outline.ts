import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SPEC_SUMMARY, type SpecSummary, type SpecSummarySection } from '../../../common/src/protocol';

type Node =
  | { readonly kind: 'front-matter'; readonly keys: SpecSummary['frontMatter'] }
  | { readonly kind: 'key'; readonly key: SpecSummary['frontMatter'][number] }
  | { readonly kind: 'section'; readonly section: SpecSummarySection; readonly children: Node[] };

const STATE_ICON: Record<SpecSummarySection['state'], [string, string | undefined]> = {
  complete: ['pass-filled', 'testing.iconPassed'],
  placeholders: ['circle-large-outline', 'list.warningForeground'],
  unchanged: ['circle-large-outline', 'list.warningForeground'],
  empty: ['circle-slash', 'list.warningForeground'],
  incomplete: ['circle-large-outline', 'list.warningForeground'],
  missing: ['add', 'list.errorForeground'],
};

const STATE_TEXT: Record<SpecSummarySection['state'], string> = {
  complete: 'complete',
  placeholders: 'placeholders left',
  unchanged: 'template text unchanged',
  empty: 'empty',
  incomplete: 'subsections to finish',
  missing: 'missing — click to insert',
};

/**
 * The Spec Outline view: the current spec's sections with their state (complete,
 * placeholders left, empty, missing — missing ones where they belong, click to
 * insert) and its front matter. VS Code's own outline lists the headings; this view
 * shows what it cannot.
 */
export class SpecOutline implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: Node[] = [];
  private summary: SpecSummary | undefined;
  private uri: vscode.Uri | undefined;

  constructor(private readonly client: LanguageClient) {}

  /** The summary shown now, for the status bar and tests. */
  get current(): { readonly uri: vscode.Uri; readonly summary: SpecSummary } | undefined {
    return this.uri && this.summary ? { uri: this.uri, summary: this.summary } : undefined;
  }

  /** Asks the server for the document's summary and redraws; an empty view for anything that is not a spec. */
  async refresh(document: vscode.TextDocument | undefined): Promise<SpecSummary | undefined> {
    let summary: SpecSummary | null = null;
    if (document && document.languageId === 'markdown') {
      try {
        summary = await this.client.sendRequest<SpecSummary | null>(SPEC_SUMMARY, { uri: document.uri.toString() });
      } catch {
        summary = null;
      }
    }
    this.uri = summary ? document?.uri : undefined;
    this.summary = summary ?? undefined;
    this.roots = summary ? buildTree(summary) : [];
    void vscode.commands.executeCommand('setContext', 'specwright.isSpec', summary !== null);
    this.changed.fire(undefined);
    return this.summary;
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.roots;
    if (node.kind === 'front-matter') return node.keys.map((key) => ({ kind: 'key', key }));
    return node.kind === 'section' ? node.children : [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const uri = this.uri as vscode.Uri;
    if (node.kind === 'front-matter') {
      const item = new vscode.TreeItem('Front matter', vscode.TreeItemCollapsibleState.Collapsed);
      item.iconPath = new vscode.ThemeIcon('symbol-namespace');
      return item;
    }
    if (node.kind === 'key') {
      const item = new vscode.TreeItem(node.key.key, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('symbol-key');
      item.command = { title: 'Go to key', command: 'specwright.revealRange', arguments: [uri, node.key.range] };
      return item;
    }
    const { section } = node;
    const item = new vscode.TreeItem(section.title, node.children.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    const [icon, color] = STATE_ICON[section.state];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    item.description = section.state === 'complete' ? undefined : STATE_TEXT[section.state];
    item.tooltip = `${'#'.repeat(section.depth)} ${section.title} — ${STATE_TEXT[section.state]}`;
    item.contextValue = `section-${section.state}`;
    item.command =
      section.state === 'missing'
        ? { title: 'Insert section', command: 'specwright.insertSection', arguments: [uri, section] }
        : section.range
          ? { title: 'Go to section', command: 'specwright.revealRange', arguments: [uri, section.range] }
          : undefined;
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Sections nested by depth (iteratively), after a front-matter node when there is front matter. */
function buildTree(summary: SpecSummary): Node[] {
  const roots: Node[] = summary.frontMatter.length > 0 ? [{ kind: 'front-matter', keys: summary.frontMatter }] : [];
  const stack: { depth: number; node: Extract<Node, { kind: 'section' }> }[] = [];
  for (const section of summary.sections) {
    const node = { kind: 'section' as const, section, children: [] as Node[] };
    while (stack.length > 0 && (stack[stack.length - 1] as { depth: number }).depth >= section.depth) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) parent.node.children.push(node);
    else roots.push(node);
    stack.push({ depth: section.depth, node });
  }
  return roots;
}
