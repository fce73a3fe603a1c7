import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { codeOf, describeDiagnostics, waitForOurDiagnostics, workspaceUri } from './helpers';

const SPEC = [
  '# Technical Spec: Webhook retries',
  '',
  '## 1. Overview',
  '',
  'Deliver webhooks through a queue with retries.',
  '',
  '## 2. System Context',
  '',
  'The notifier service.',
  '',
  '## 3. Technical Requirements',
  '',
  '### 3.1 Functional Requirements',
  '',
  '- FR-1: retry failed deliveries',
  '',
  '### 3.2 Non-Functional Requirements',
  '',
  '- p99 under 2 s',
  '',
  '## 4. Technical Design',
  '',
  '### 4.1 Architecture',
  '',
  'Queue and workers.',
  '',
  '### 4.2 API Contracts',
  '',
  'None new.',
  '',
  '### 4.3 Data Model',
  '',
  'A deliveries table.',
  '',
  '### 4.4 Dependencies',
  '',
  'Redis.',
  '',
  '## 5. Implementation Approach',
  '',
  '### 5.1 Component Changes',
  '',
  'Notifier only.',
  '',
  '### 5.2 Migration Strategy',
  '',
  'None.',
  '',
  '## 6. Error Handling',
  '',
  'Retries with backoff.',
  '',
  '## 7. Testing Strategy',
  '',
  '### 7.1 Unit Tests',
  '',
  'Backoff maths.',
  '',
  '### 7.2 Integration Tests',
  '',
  'Against a stub endpoint.',
  '',
  '### 7.3 Performance Tests',
  '',
  '3x peak.',
  '',
  '## 9. Open Questions',
  '',
  'None.',
  '',
  '## 10. References',
  '',
  '- RFC 2104',
  '',
].join('\n');

suite('quick fixes', () => {
  test('the missing-section quick fix inserts the template’s section where it belongs', async () => {
    const uri = workspaceUri('specs/webhooks.md');
    mkdirSync(dirname(uri.fsPath), { recursive: true });
    writeFileSync(uri.fsPath, SPEC);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    const diagnostics = await waitForOurDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'missing-section'), 'a missing-section finding');
    const missing = diagnostics.find((d) => codeOf(d) === 'missing-section')!;
    assert.match(missing.message, /`## 8\. Risks and Mitigations`/);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, missing.range, vscode.CodeActionKind.QuickFix.value);
    const insert = actions.find((action) => action.title === 'Insert section `## 8. Risks and Mitigations`');
    assert.ok(insert?.edit, `no insert action among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(insert.edit), 'the edit was refused');

    const text = document.getText();
    assert.ok(text.includes('3x peak.\n\n## 8. Risks and Mitigations\n\n| Risk | Impact | Likelihood | Mitigation |'), text.slice(text.indexOf('3x peak.'), text.indexOf('3x peak.') + 120));
    assert.ok(text.endsWith('## 9. Open Questions\n\nNone.\n\n## 10. References\n\n- RFC 2104\n'), 'the rest is untouched');
    await waitForOurDiagnostics(uri, (d) => !d.some((x) => codeOf(x) === 'missing-section'), 'the missing-section finding to go', undefined);
    const after = vscode.languages.getDiagnostics(uri);
    assert.ok(!after.some((d) => codeOf(d) === 'missing-section'), describeDiagnostics(after));
  });
});
