import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { scratch } from './helpers';

// The package as a user installs it: `npm pack` here, `npm install <tarball>` into an
// empty project, then the two commands it provides, run as that project runs them. The
// bundles are self-contained, so the install needs no registry. (`--ignore-scripts`: the
// bundles under test are the ones built for this run; `prepare` builds them on a real pack.)
const ROOT = resolve(__dirname, '../..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** Where the installed command keeps its code cache in these tests, not the user's cache folder. */
const CACHE = join(scratch(), 'cache');

function run(command: string, args: readonly string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, SPECWRIGHT_CACHE_DIR: CACHE, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Speaks LSP to a process: sends `initialize`, resolves with the parsed response. */
function initialize(command: string, args: readonly string[], cwd: string): Promise<{ id: number; result: { serverInfo?: { name: string } } }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let buffer = Buffer.alloc(0);
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`the server exited with ${code} before answering`)));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const header = buffer.indexOf('\r\n\r\n');
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, header).toString('ascii'))?.[1]);
      if (header < 0 || !(buffer.length >= header + 4 + length)) return;
      child.removeAllListeners('exit');
      child.kill();
      resolvePromise(JSON.parse(buffer.subarray(header + 4, header + 4 + length).toString('utf8')));
    });
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
}

describe('the npm package, installed into an empty project', () => {
  const project = scratch();
  let bin = '';

  before(() => {
    const packed = scratch();
    const pack = run(NPM, ['pack', '--ignore-scripts', '--pack-destination', packed], ROOT);
    assert.equal(pack.code, 0, pack.stderr);
    const tarball = readdirSync(packed).find((name) => name.endsWith('.tgz'));
    assert.ok(tarball, 'npm pack made a tarball');
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'uses-specwright', version: '1.0.0', private: true }));
    const install = run(NPM, ['install', '--offline', '--no-audit', '--no-fund', join(packed, tarball)], project);
    assert.equal(install.code, 0, `npm install: ${install.stderr}`);
    bin = join(project, 'node_modules', '.bin');
    mkdirSync(join(project, 'docs', 'specs'), { recursive: true });
    writeFileSync(join(project, 'docs', 'specs', 'search.md'), '# Search: [Feature Name]\n\n## Goals\n\nFind specs fast.\n');
  });

  test('installs nothing but itself: the bundles need no dependencies', () => {
    assert.deepEqual(readdirSync(join(project, 'node_modules')).filter((name) => !name.startsWith('.')), ['specwright']);
  });

  test('npx specwright lint checks the project’s specs', () => {
    const lint = run(NPM, ['exec', '--no', '--', 'specwright', 'lint', '--format', 'json'], project);
    assert.equal(lint.code, 0, lint.stderr);
    const report = JSON.parse(lint.stdout) as { files: { path: string; findings: { ruleId: string }[] }[] };
    assert.deepEqual(report.files.map((file) => file.path), ['docs/specs/search.md']);
    assert.deepEqual(report.files[0]?.findings.map((finding) => finding.ruleId), ['unfilled-placeholder']);
    const failing = run(NPM, ['exec', '--no', '--', 'specwright', 'lint', '--max-warnings', '0'], project);
    assert.equal(failing.code, 1, 'CI fails on an unfinished spec with --max-warnings 0');
    // The installed command keeps V8's code cache of its bundle for the next run.
    assert.ok(existsSync(CACHE) && readdirSync(CACHE, { recursive: true }).length > 0, 'the command wrote its code cache');
  });

  test('specwright-language-server answers initialize over stdio, with --stdio and with no transport flag', async () => {
    for (const args of [['--stdio'], []]) {
      const response = await initialize(join(bin, 'specwright-language-server'), args, project);
      assert.equal(response.id, 1);
      assert.equal(response.result.serverInfo?.name, 'specwright-language-server');
    }
    const help = run(join(bin, 'specwright-language-server'), ['--help'], project);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: specwright-language-server/);
  });

  test('specwright-language-server parses a hostile document in its worker thread', async () => {
    assert.ok(existsSync(join(project, 'node_modules', 'specwright', 'dist', 'parse-worker.js')), 'the worker ships beside the server');
    const child = spawn(join(bin, 'specwright-language-server'), ['--stdio'], { cwd: project, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const uri = pathToFileURL(join(project, 'docs', 'specs', 'nested.md')).href;
    const published = new Promise<{ code?: unknown; message: string }[]>((resolveDiagnostics) =>
      connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: { code?: unknown; message: string }[] }) => {
        if (params.uri === uri) resolveDiagnostics(params.diagnostics);
      }),
    );
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({ diagnosticsDelay: 0 })));
    connection.listen();
    try {
      await connection.sendRequest('initialize', { processId: null, rootUri: pathToFileURL(project).href, capabilities: { workspace: { configuration: true } } });
      await connection.sendNotification('initialized', {});
      // Lists opened 3,000 deep on one line: the pre-scan finds it hostile, so the worker parses it.
      const text = `# Spec: Nested\n\n## Goals\n\n${'- '.repeat(3000)}deep\n`;
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      const diagnostics = await published;
      assert.ok(diagnostics.some((d) => d.code === 'parse-degraded' && /lists/.test(d.message)), JSON.stringify(diagnostics));
      assert.deepEqual(diagnostics.filter((d) => /Markdown parser/.test(d.message)), [], 'the worker parsed it');
    } finally {
      connection.dispose();
      child.kill();
    }
  });

  test('package.json builds the bundles when packed or installed from Git', () => {
    const manifest = JSON.parse(run('node', ['-p', 'JSON.stringify(require("./package.json"))'], ROOT).stdout) as { scripts: Record<string, string>; private?: boolean; dependencies?: object };
    assert.match(manifest.scripts.prepare ?? '', /esbuild\.mjs --production/);
    assert.equal(manifest.private, undefined);
    assert.equal(manifest.dependencies, undefined, 'everything the commands run is bundled');
  });
});
