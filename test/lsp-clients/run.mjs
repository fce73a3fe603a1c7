#!/usr/bin/env node
// The Specwright language server in other real LSP clients, headless: Neovim (Debian's 0.7,
// built-in client) and Emacs 28 with eglot. Each client opens an unfilled seed spec from
// test/fixtures/seeds in a temporary workspace (under specs/, so the default
// `specwright.files` globs match), runs `node dist/server.js --stdio`, and reports what it
// saw as JSON; this runner judges it against what `specwright lint` reports on the same file.
//   node test/lsp-clients/run.mjs
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSandbox, runInGroup } from '../editor/sandbox.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..');
const serverBundle = join(repoRoot, 'dist', 'server.js');
const cliBundle = join(repoRoot, 'dist', 'cli.js');
const seed = join(repoRoot, 'test', 'fixtures', 'seeds', 'unfilled', '001-feature-specification.md');
const WAIT_MS = 20_000;
const started = Date.now();

const clients = [
  {
    name: 'neovim',
    command: 'nvim',
    args: ['--headless', '--clean', '-n', '-i', 'NONE', '-c', `luafile ${join(here, 'neovim-check.lua')}`],
  },
  {
    name: 'emacs',
    command: 'emacs',
    args: ['-Q', '--batch', '-l', join(here, 'emacs-check.el')],
  },
];

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const lineOf = (text, prefix) => text.split('\n').findIndex((line) => line.startsWith(prefix));

/** What `specwright lint` reports on the same file, as sorted `rule@line` keys (0-based lines). */
function cliFindings(workspace, doc) {
  const run = spawnSync(process.execPath, [cliBundle, 'lint', '--format', 'json', doc], { cwd: workspace, encoding: 'utf8' });
  const files = JSON.parse(run.stdout).files;
  return files.flatMap((f) => f.findings.map((x) => `${x.ruleId}@${x.line - 1}`)).sort();
}

/** Checks applied to every client's report; `text` is the seed document. */
const checks = [
  {
    name: 'diagnostics',
    judge(report, text, expected) {
      const ours = report.diagnostics.filter((d) => d.source === 'specwright');
      assert(ours.length > 0, 'no diagnostics with source "specwright"');
      assert(ours.length === report.diagnostics.length, 'diagnostics from another source appeared');
      const seen = ours.map((d) => `${d.code}@${d.line}`).sort();
      const missing = expected.filter((k) => !seen.includes(k));
      const extra = seen.filter((k) => !expected.includes(k));
      assert(
        seen.length === expected.length && missing.length === 0 && extra.length === 0,
        `the client shows ${seen.length} findings, specwright lint reports ${expected.length}` +
          (missing.length ? `; not shown: ${missing.slice(0, 5).join(', ')}` : '') +
          (extra.length ? `; not from lint: ${extra.slice(0, 5).join(', ')}` : ''),
      );
      const titleLine = lineOf(text, '# Feature Specification: [Feature Name]');
      assert(
        ours.some((d) => d.code === 'unfilled-placeholder' && d.line === titleLine),
        `no unfilled-placeholder on line ${titleLine + 1} (the title's [Feature Name])`,
      );
      if (report.flymake !== undefined) {
        assert(report.flymake === ours.length, `flymake shows ${report.flymake} diagnostics, the server sent ${ours.length}`);
      }
      return `${ours.length} from specwright, as specwright lint reports them`;
    },
  },
  {
    name: 'document symbols',
    judge(report) {
      const symbols = report.symbols;
      assert(symbols.length > 0, 'no document symbols');
      assert(
        symbols.some((s) => s.depth === 0 && s.name === 'Front matter'),
        `no top-level "Front matter"; top level: ${symbols.filter((s) => s.depth === 0).map((s) => s.name).join(', ')}`,
      );
      const h1 = symbols.find((s) => s.detail === 'H1');
      assert(h1 && h1.name.includes('Feature Specification'), `no H1 "Feature Specification…" (found ${h1?.name})`);
      assert(
        symbols.some((s) => s.detail === 'H2' && s.name === 'Overview' && s.depth > h1.depth),
        'no H2 "Overview" nested under the H1',
      );
      return `${symbols.length} symbols`;
    },
  },
];

async function runClient(client, text) {
  const sandbox = createSandbox(`swl-${client.name.slice(0, 2)}-`);
  try {
    const workspace = join(sandbox.root, 'workspace');
    mkdirSync(join(workspace, 'specs'), { recursive: true });
    const doc = join(workspace, 'specs', 'feature.md');
    cpSync(seed, doc);
    const out = join(sandbox.root, 'report.json');
    const run = await runInGroup(client.command, client.args, {
      cwd: workspace,
      env: {
        ...sandbox.env,
        SPECWRIGHT_SERVER: serverBundle,
        SPECWRIGHT_ROOT: workspace,
        SPECWRIGHT_DOC: doc,
        SPECWRIGHT_OUT: out,
        SPECWRIGHT_TIMEOUT_MS: String(WAIT_MS),
      },
      timeoutMs: WAIT_MS * 3,
      what: `${client.name} to finish`,
    });
    if (/ENOENT/.test(run.stderr)) {
      throw new Error(`${client.command} is not installed; run as root: node test/editor/setup.mjs`);
    }
    const context = `exit ${run.code ?? run.signal}${run.timedOut ? ' (timed out)' : ''}\n${run.stderr.trim()}`;
    if (!existsSync(out)) throw new Error(`${client.name} wrote no report; ${context}`);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    if (report.errors.length > 0) console.log(`  (${report.client} reported: ${report.errors.join('; ')})`);
    return { report, text, expected: cliFindings(workspace, doc) };
  } finally {
    sandbox.dispose();
  }
}

let passed = 0;
let failed = 0;
const fail = (label, error) => {
  failed++;
  console.log(`  ✘ ${label}\n    ${error.message.split('\n').join('\n    ')}`);
};

if (!existsSync(serverBundle)) {
  fail('language server bundle', new Error('dist/server.js is missing; build first (npm run build)'));
} else {
  const text = readFileSync(seed, 'utf8');
  for (const client of clients) {
    const t0 = Date.now();
    let outcome;
    try {
      outcome = await runClient(client, text);
    } catch (error) {
      for (const check of checks) fail(`${client.name}: ${check.name}`, error);
      continue;
    }
    for (const check of checks) {
      try {
        const note = check.judge(outcome.report, text, outcome.expected);
        passed++;
        console.log(`  ✔ ${outcome.report.client}: ${check.name} (${note}; ${Date.now() - t0} ms)`);
      } catch (error) {
        fail(`${outcome.report.client}: ${check.name}`, error);
      }
    }
  }
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`lsp-clients: ${passed} passed, ${failed} failed in ${seconds}s`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
