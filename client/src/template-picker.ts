import * as vscode from 'vscode';
import type { TemplateOrigin, TemplateSummary } from '../../common/src/protocol';

const ORIGIN_LABEL: Record<TemplateOrigin, string> = {
  workspace: 'workspace',
  'spec-kit': 'spec-kit',
  user: 'your templates',
  'built-in': 'built-in',
  repository: 'repository',
};
const ORDER: TemplateOrigin[] = ['workspace', 'spec-kit', 'user', 'built-in'];

/** Where a template comes from and what it overrides, as the picker shows it. */
export function originText(template: TemplateSummary): string {
  const overrides = template.overrides.map((other) => ORIGIN_LABEL[other.origin]);
  return overrides.length > 0 ? `${ORIGIN_LABEL[template.origin]} · overrides ${overrides.join(', ')}` : ORIGIN_LABEL[template.origin];
}

/** A quick pick of templates grouped by origin (workspace first); undefined when cancelled. */
export async function pickTemplate(templates: readonly TemplateSummary[], title: string): Promise<TemplateSummary | undefined> {
  type Item = vscode.QuickPickItem & { template?: TemplateSummary };
  const items: Item[] = [];
  for (const origin of ORDER) {
    const group = templates.filter((template) => template.origin === origin);
    if (group.length === 0) continue;
    items.push({ label: ORIGIN_LABEL[origin], kind: vscode.QuickPickItemKind.Separator });
    for (const template of group) items.push({ label: template.label, description: originText(template), detail: template.description, template });
  }
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Choose a template', matchOnDescription: true, matchOnDetail: true });
  return picked?.template;
}
