import * as vscode from 'vscode';
import type { SpecSummary } from '../../../common/src/protocol';

/** A status-bar item with the current spec's progress; hidden for other files. Click: the Spec Outline. */
export function createProgressItem(): { update(summary: SpecSummary | undefined): void; dispose(): void } {
  const item = vscode.window.createStatusBarItem('specwright.progress', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Specwright: spec progress';
  item.command = 'specwright.outline.focus';
  return {
    update(summary) {
      if (!summary) {
        item.hide();
        return;
      }
      item.text = `$(checklist) ${summary.progress.text}`;
      item.tooltip = summary.template ? `Specwright — ${summary.template.label}` : 'Specwright';
      item.show();
    },
    dispose: () => item.dispose(),
  };
}
