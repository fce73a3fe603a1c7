// Runs every benchmark in sequence, prints the results and writes bench/RESULTS.md.
// Usage: npm run bench        (quick: about 4–6 minutes on 2 cores)
//        npm run bench:full   (all sizes and the whole workspace: up to about 30 minutes)
// Both build the bundles with --production first; run directly, this uses dist/ as it is.
// `--only <id>[,<id>…]` runs only those parts (corpus, bundle, cold-start, activation, parsers,
// keystroke, requests, index, cli, real-documents, trace-cli, trace-lsp, hostile) and prints them without writing bench/RESULTS.md;
// with `--update` as well, they replace their own sections (and target rows) of bench/RESULTS.md.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { run as activation } from './activation';
import { run as bundle } from './bundle';
import { run as cli } from './cli';
import { run as coldStart } from './cold-start';
import { describeCorpus } from './corpus';
import { run as hostile } from './hostile';
import { run as keystroke } from './lsp-keystroke';
import { run as requests } from './lsp-requests';
import { run as parsers } from './parsers';
import { run as realDocuments } from './real-documents';
import { run as traceCli } from './trace-cli';
import { run as traceLsp } from './trace-lsp';
import { run as workspaceIndex } from './workspace-index';
import { bytes, modeFromArgs, progress, renderSection, renderTable, ROOT, verdict, type Check, type RunOptions, type Section } from './util';

interface Part {
  /** What `--only` takes. */
  readonly id: string;
  readonly name: string;
  readonly run: (options: RunOptions) => Promise<Section[]>;
}

const PARTS: readonly Part[] = [
  { id: 'corpus', name: 'corpus', run: async () => [describeCorpus()] },
  { id: 'bundle', name: 'bundle sizes', run: bundle },
  { id: 'cold-start', name: 'cold start to first diagnostics', run: coldStart },
  { id: 'activation', name: 'extension activation', run: activation },
  { id: 'parsers', name: 'parsers', run: parsers },
  { id: 'keystroke', name: 'keystroke to diagnostics', run: keystroke },
  { id: 'requests', name: 'requests', run: requests },
  { id: 'index', name: 'workspace index', run: workspaceIndex },
  { id: 'cli', name: 'cli', run: cli },
  { id: 'real-documents', name: 'CLI on real documents', run: realDocuments },
  { id: 'trace-cli', name: 'traceability on the command line', run: traceCli },
  { id: 'trace-lsp', name: 'traceability in the language server', run: traceLsp },
  { id: 'hostile', name: 'hostile documents', run: hostile },
];

/** The parts `--only a,b` (or `--only=a,b`) names; undefined without the flag. */
function onlyFromArgs(argv: readonly string[] = process.argv): Set<string> | undefined {
  const index = argv.findIndex((arg) => arg === '--only' || arg.startsWith('--only='));
  if (index === -1) return undefined;
  const value = argv[index]!.startsWith('--only=') ? argv[index]!.slice('--only='.length) : argv[index + 1];
  const ids = new Set((value ?? '').split(',').map((id) => id.trim()).filter(Boolean));
  const unknown = [...ids].filter((id) => !PARTS.some((part) => part.id === id));
  if (ids.size === 0 || unknown.length > 0) {
    throw new Error(`--only takes part ids separated by commas (${PARTS.map((part) => part.id).join(', ')}); got ${value ?? 'nothing'}`);
  }
  return ids;
}

function version(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

function osName(): string {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
    if (pretty) return `${pretty} (${platform()} ${release()})`;
  } catch {
    // Not Linux, or no os-release.
  }
  return `${platform()} ${release()}`;
}

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

function machine(mode: string, started: Date, minutes: number, load: readonly number[]): string {
  const cpu = cpus();
  const rows = [
    ['date', started.toISOString()],
    ['mode', mode === 'full' ? 'full (`npm run bench:full`)' : 'quick (`npm run bench`)'],
    ['duration', `${minutes.toFixed(1)} min`],
    ['CPU', `${cpu[0]?.model.trim() ?? 'unknown'}`],
    ['cores', String(cpu.length)],
    ['memory', bytes(totalmem())],
    ['OS', osName()],
    ['Node', process.version],
    ['load average at start (1/5/15 min)', load.map((value) => value.toFixed(2)).join(' / ')],
    ['commit', `${commit()} (the working tree may have had uncommitted changes)`],
    [
      'libraries',
      ['markdown-it', 'micromark', 'mdast-util-from-markdown', 'remark', 'unified-language-server', 'markdownlint', 'markdownlint-cli2']
        .map((name) => `${name} ${version(name)}`)
        .join(', '),
    ],
  ];
  return renderTable({ header: ['', ''], rows });
}

async function main(): Promise<void> {
  const mode = modeFromArgs();
  const only = onlyFromArgs();
  const started = new Date();
  const load = loadavg();
  const t0 = performance.now();
  if (!existsSync(join(ROOT, 'dist/server.js'))) throw new Error('dist/server.js is missing: run `npm run bench`, which builds first.');
  const sections: Section[] = [];
  for (const part of PARTS.filter((p) => !only || only.has(p.id))) {
    const partStart = performance.now();
    progress(`— ${part.name}`);
    try {
      const produced = await part.run({ mode });
      sections.push(...produced);
      for (const section of produced) process.stdout.write(`\n${renderSection(section)}\n`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      progress(`${part.name} failed: ${message}`);
      sections.push({ title: part.name, intro: `This part failed: ${message}`, tables: [], notes: [] });
    }
    progress(`${part.name}: ${((performance.now() - partStart) / 1000).toFixed(0)} s`);
  }
  const minutes = (performance.now() - t0) / 60_000;
  const checks = sections.flatMap((section) => section.checks ?? []);
  const summary = renderTable({
    header: ['target', 'measured', 'result'],
    rows: checks.map((check) => [check.target, check.measured, check.pass === undefined ? 'not measured' : verdict(check.pass)]),
  });
  if (only && process.argv.includes('--update')) {
    const note = `${sections.map((section) => section.title).join(', ')}: ${mode} run of ${started.toISOString()} (\`--only --update\`), ` +
      `load average at start ${load.map((value) => value.toFixed(2)).join(' / ')}, commit ${commit()}`;
    updateResults(sections, checks, note);
    process.stdout.write(`\nUpdated ${sections.map((section) => section.title).join(', ')} in bench/RESULTS.md (${minutes.toFixed(1)} min).\n`);
    return;
  }
  if (only) {
    const machineTable = machine(mode, started, minutes, load);
    const targets = checks.length > 0 ? `## Targets\n\n${summary}\n\n` : '';
    process.stdout.write(`\n## Machine\n\n${machineTable}\n\n${targets}--only: bench/RESULTS.md was not written (${minutes.toFixed(1)} min).\n`);
    return;
  }
  const document = [
    '# Benchmark results',
    `Generated by \`bench/run.ts\` (${mode} mode); see \`bench/README.md\` for what each part measures. ` +
      'The machine is shared and noisy: read ratios and orders of magnitude rather than exact times.',
    '## Machine',
    machine(mode, started, minutes, load),
    '## Targets',
    summary,
    ...sections.map(renderSection),
  ].join('\n\n');
  writeFileSync(join(ROOT, 'bench/RESULTS.md'), `${document}\n`);
  process.stdout.write(`\n## Targets\n\n${summary}\n\nWrote bench/RESULTS.md (${minutes.toFixed(1)} min).\n`);
}

/**
 * `--only … --update`: the parts run replace their sections of bench/RESULTS.md (a part not
 * there yet goes before the next part of PARTS that is) and their rows of its targets table;
 * the rest of the file is left as the last full run wrote it, and the machine table says
 * which parts were run again, when, and under what load.
 */
function updateResults(sections: readonly Section[], checks: readonly Check[], note: string): void {
  const path = join(ROOT, 'bench/RESULTS.md');
  const text = readFileSync(path, 'utf8');
  const chunks = text.split(/\n(?=## )/);
  const titleOf = (chunk: string) => /^## (.+)/.exec(chunk)?.[1]?.trim();
  const order = PARTS.map((part) => part.name.toLowerCase());
  for (const section of sections) {
    const rendered = renderSection(section);
    const at = chunks.findIndex((chunk) => titleOf(chunk) === section.title);
    if (at !== -1) {
      chunks[at] = `${rendered}\n`;
      continue;
    }
    const rank = order.indexOf(section.title.toLowerCase());
    const before = chunks.findIndex((chunk) => {
      const other = order.indexOf((titleOf(chunk) ?? '').toLowerCase());
      return rank !== -1 && other > rank;
    });
    if (before === -1) chunks.push(`${rendered}\n`);
    else chunks.splice(before, 0, `${rendered}\n`);
  }
  const targetsAt = chunks.findIndex((chunk) => titleOf(chunk) === 'Targets');
  if (targetsAt !== -1 && checks.length > 0) {
    const lines = (chunks[targetsAt] as string).split('\n');
    const rows = lines.filter((line) => line.startsWith('| ')).slice(1).map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
    const byTarget = new Map(rows.filter((row) => !/^-+$/.test(row[0] ?? '')).map((row) => [row[0] as string, row]));
    for (const check of checks) byTarget.set(check.target, [check.target, check.measured, check.pass === undefined ? 'not measured' : verdict(check.pass)]);
    chunks[targetsAt] = `## Targets\n\n${renderTable({ header: ['target', 'measured', 'result'], rows: [...byTarget.values()] })}\n`;
  }
  const machineAt = chunks.findIndex((chunk) => titleOf(chunk) === 'Machine');
  if (machineAt !== -1) {
    const lines = (chunks[machineAt] as string).split('\n');
    const rows = lines.filter((line) => line.startsWith('| ')).slice(2).map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
    // An earlier note keeps the parts not run again now.
    const updated = new Set(sections.map((section) => section.title));
    const kept = rows.flatMap((row) => {
      if (row[0] !== 'parts run again since') return [row];
      const text = row[1] ?? '';
      const colon = text.indexOf(': ');
      const titles = text.slice(0, colon).split(', ').filter((title) => !updated.has(title));
      return titles.length === 0 ? [] : [[row[0], `${titles.join(', ')}${text.slice(colon)}`]];
    });
    chunks[machineAt] = `## Machine\n\n${renderTable({ header: ['', ''], rows: [...kept, ['parts run again since', note]] })}\n`;
  }
  writeFileSync(path, chunks.join('\n'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
