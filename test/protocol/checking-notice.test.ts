// A document whose check takes long says so in its diagnostics meanwhile (an information
// diagnostic, for its own version, replaced by its findings when the check is through),
// never for a version that is no longer current; its pieces are parsed by several workers
// side by side, with the same findings as one worker gives. Over real stdio.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic, DocumentDiagnosticReport, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { generateSpec } from '../../bench/corpus';
import { TestClient } from './harness';

/** An ordinary spec of 1 MB: seconds to check, on any machine. */
const LARGE = generateSpec(1024 * 1024, 1002);
/** Far shorter than checking {@link LARGE} takes, so that the notice comes first whatever the machine's load. */
const NOTICE_MS = '300';

function isNotice(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.length === 1 && diagnostics[0]?.code === 'checking';
}

describe('a document whose check takes long, with pushed diagnostics', () => {
  let client: TestClient;
  before(async () => {
    ({ client } = await TestClient.start({ settings: { diagnosticsDelay: 0 }, env: { SPECWRIGHT_CHECKING_NOTICE_MS: NOTICE_MS } }));
  });
  after(() => client.stop());

  test('says it is still being checked, then its findings replace that', async () => {
    const uri = client.uri('specs/large.md');
    await client.open(uri, LARGE);
    const findings = await client.diagnostics(uri, (params) => params.version === 1 && !isNotice(params.diagnostics), 180_000);
    const published = client.publications(uri);
    const notice = published[0] as PublishDiagnosticsParams;
    assert.equal(notice.version, 1);
    assert.ok(isNotice(notice.diagnostics), JSON.stringify(notice.diagnostics.slice(0, 2)));
    const [diagnostic] = notice.diagnostics as [Diagnostic];
    assert.equal(diagnostic.severity, 3, 'information');
    assert.equal(diagnostic.source, 'specwright');
    assert.deepEqual(diagnostic.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.match(diagnostic.message, /^Still checking this document \(1014 KB, \d{1,2}% read so far\): its findings will replace this message/);
    assert.ok(findings.length > 100, `${findings.length} findings`);
    assert.ok(!findings.some((d) => d.code === 'checking'));
    // The notice first; once findings are published, no notice after them.
    const kinds = published.map((params) => (isNotice(params.diagnostics) ? 'notice' : 'findings'));
    assert.equal(kinds[0], 'notice');
    assert.ok(!kinds.slice(kinds.indexOf('findings')).includes('notice'), kinds.join(', '));
    await client.close(uri);
  });

  test('an edit while it is checked: nothing is published for the old version after the new one', async () => {
    const uri = client.uri('specs/edited.md');
    await client.open(uri, LARGE);
    await client.until(() => client.publications(uri).find((params) => params.version === 1 && isNotice(params.diagnostics)), 180_000, 'the notice');
    const version = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }]);
    const findings = await client.diagnostics(uri, (params) => params.version === version && !isNotice(params.diagnostics), 180_000);
    assert.ok(findings.length > 100);
    const versions = client.publications(uri).map((params) => params.version);
    const firstNew = versions.indexOf(version);
    assert.deepEqual(
      versions.slice(firstNew).filter((v) => v !== version),
      [],
      `publications in order of versions: ${versions.join(', ')}`,
    );
    await client.close(uri);
  });
});

describe('a document whose check takes long, with pulled diagnostics', () => {
  let client: TestClient;
  before(async () => {
    ({ client } = await TestClient.start({ pull: true, settings: { diagnosticsDelay: 0 }, env: { SPECWRIGHT_CHECKING_NOTICE_MS: NOTICE_MS } }));
  });
  after(() => client.stop());

  test('is answered with the notice, then the client is told to ask again and gets the findings', async () => {
    const uri = client.uri('specs/pulled.md');
    await client.open(uri, LARGE);
    const pull = async () => {
      const refreshes = client.refreshes.length;
      const report = await client.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
      assert.equal(report.kind, 'full');
      return { items: report.kind === 'full' ? report.items : [], refreshes };
    };
    let report = await pull();
    assert.ok(isNotice(report.items), JSON.stringify(report.items.slice(0, 2)));
    // Told to ask again once the check is through (another refresh, from the workspace's IDs, may come first).
    for (let asked = 0; asked < 10 && isNotice(report.items); asked++) {
      const seen = report.refreshes;
      await client.until(() => (client.refreshes.length > seen ? true : undefined), 180_000, 'a diagnostic refresh');
      report = await pull();
    }
    assert.ok(report.items.length > 100 && !report.items.some((d) => d.code === 'checking'), JSON.stringify(report.items.slice(0, 2)));
    await client.close(uri);
  });
});

describe('pieces parsed by several workers side by side', () => {
  const servers: TestClient[] = [];
  before(async () => {
    for (const workers of ['1', '3']) servers.push((await TestClient.start({ settings: { diagnosticsDelay: 0 }, env: { SPECWRIGHT_PARSE_WORKERS: workers } })).client);
  });
  after(async () => {
    for (const server of servers) await server.stop();
  });

  test('give the findings one worker gives', async () => {
    const text = `${LARGE}\n[^late]: A footnote defined at the end, called at the start.\n`.replace('\n## ', '\nSee[^late].\n\n## ');
    const results: Diagnostic[][] = [];
    for (const server of servers) {
      const uri = server.uri('specs/pool.md');
      await server.open(uri, text);
      results.push(await server.diagnostics(uri, () => true, 180_000));
    }
    const [one, several] = results as [Diagnostic[], Diagnostic[]];
    assert.ok(one.length > 100);
    assert.deepEqual(several, one);
  });
});
