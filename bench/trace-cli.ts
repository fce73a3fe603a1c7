// Traceability on the command line at scale: a generated spec-kit-shaped workspace of
// features (each a spec.md with user stories and FR IDs and a tasks.md citing them) and
// source and test files citing the IDs. Measures `specwright trace --format json` (the
// whole graph: every spec read, every code file scanned) and `specwright lint` with the
// workspace rules on and off on the same tree, so the cost of reading the workspace shows
// as a ratio. Full mode: 2,500 features (5,000 specs) and 20,000 code files; quick mode a
// tenth of that.
// Usage: node --import tsx bench/trace-cli.ts [--full]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMain, median, ms, progress, random, ratio, ROOT, runAlone, WORK, type RunOptions, type Section } from './util';

const CLI = join(ROOT, 'dist/cli.js');
const GENERATOR_VERSION = 1;
const RUNS = { quick: 3, full: 1 } as const;
const WORKSPACE_RULES = ['unknown-id', 'duplicate-id', 'uncovered-requirement', 'untested-requirement', 'orphan-task', 'done-task-uncovered', 'stale-reference'];

export function generate(features: number, codeFiles: number): string {
  const dir = join(WORK, `trace-${features}-${codeFiles}`);
  const stamp = join(dir, '.generated');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === String(GENERATOR_VERSION)) return dir;
  progress(`trace: generating ${features} features and ${codeFiles} code files`);
  mkdirSync(join(dir, '.git'), { recursive: true });
  writeFileSync(join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  for (let f = 0; f < features; f++) {
    const rng = random(70_000 + f);
    const folder = join(dir, 'specs', `${String(f + 1).padStart(4, '0')}-feature-${f}`);
    mkdirSync(folder, { recursive: true });
    const stories = 2 + Math.floor(rng() * 3);
    const frs = 4 + Math.floor(rng() * 6);
    const spec = [`# Feature Specification: Feature ${f}`, '', `**Feature Branch**: \`${f}-feature\``, '**Status**: Approved', '', '## User Scenarios & Testing', ''];
    for (let s = 1; s <= stories; s++) spec.push(`### User Story ${s} - Story ${s} of feature ${f} (Priority: P${s})`, '', `A person does thing ${s}.`, '', '**Acceptance Scenarios**:', '', `1. **Given** a state, **When** the person acts, **Then** result ${s} follows.`, '');
    spec.push('## Requirements', '', '### Functional Requirements', '');
    for (let r = 1; r <= frs; r++) spec.push(`- **FR-${String(r).padStart(3, '0')}**: System MUST do behaviour ${r} of feature ${f}.`);
    spec.push('', '## Success Criteria', '', '- **SC-001**: Nine in ten people finish in a minute.', '');
    writeFileSync(join(folder, 'spec.md'), spec.join('\n'));
    const tasks = [`# Tasks: Feature ${f}`, ''];
    let t = 1;
    for (let s = 1; s <= stories; s++) {
      tasks.push(`## Phase ${s + 2}: User Story ${s}`, '');
      for (let k = 0; k < 3; k++) tasks.push(`- [${rng() < 0.5 ? 'x' : ' '}] T${String(t++).padStart(3, '0')} [P] [US${s}] Task ${k} (FR-${String(1 + Math.floor(rng() * frs)).padStart(3, '0')}) in src/f${f}/part${k}.ts`);
      tasks.push('');
    }
    writeFileSync(join(folder, 'tasks.md'), tasks.join('\n'));
  }
  for (let c = 0; c < codeFiles; c++) {
    const rng = random(90_000 + c);
    const test = c % 4 === 0;
    const folder = join(dir, test ? 'tests' : 'src', `m${c % 200}`);
    mkdirSync(folder, { recursive: true });
    const id = `FR-${String(1 + Math.floor(rng() * 9)).padStart(3, '0')}`;
    const body = test
      ? `import { test } from 'node:test';\n\n// covers ${id}\ntest('${id}: behaves', () => {});\n`
      : `// Implements ${id}.\nexport function part${c}(value: number): number {\n  return value * ${c};\n}\n`;
    writeFileSync(join(folder, `file${c}${test ? '.test' : ''}.ts`), body);
  }
  writeFileSync(stamp, String(GENERATOR_VERSION));
  return dir;
}

function timed(args: readonly string[], cwd: string): Promise<{ ms: number; code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 2000) stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - start, code, stderr }));
  });
}

export async function run(options: RunOptions): Promise<Section[]> {
  const full = options.mode === 'full';
  const features = full ? 2500 : 250;
  const codeFiles = full ? 20_000 : 2_000;
  const dir = generate(features, codeFiles);
  const off = join(WORK, 'trace-rules-off.yaml');
  writeFileSync(off, `rules:\n${WORKSPACE_RULES.map((id) => `  ${id}: off`).join('\n')}\n`);
  const commands: readonly { name: string; args: string[] }[] = [
    { name: 'specwright trace --format json', args: ['trace', '--format', 'json'] },
    { name: 'specwright lint (workspace rules on)', args: ['lint', '--format', 'json'] },
    { name: 'specwright lint (workspace rules off)', args: ['lint', '--format', 'json', '--config', off] },
  ];
  const times = new Map<string, number[]>(commands.map((command) => [command.name, []]));
  const notes: string[] = [];
  for (let i = 0; i < RUNS[options.mode]; i++) {
    for (const command of commands) {
      progress(`trace: ${command.name}, run ${i + 1}`);
      const result = await timed(command.args, dir);
      if (result.code !== 0 && result.code !== 1) notes.push(`${command.name} exited ${result.code}: ${result.stderr.trim().slice(0, 200)}`);
      else times.get(command.name)?.push(result.ms);
    }
  }
  const medianOf = (name: string) => {
    const list = times.get(name) ?? [];
    return list.length > 0 ? median(list) : undefined;
  };
  const on = medianOf(commands[1]!.name);
  const offMs = medianOf(commands[2]!.name);
  if (on !== undefined && offMs !== undefined) notes.unshift(`Reading the workspace for the cross-file rules: lint with them on ÷ off = ${ratio(on, offMs)}.`);
  return [
    {
      title: 'Traceability on the command line',
      intro:
        `A spec-kit-shaped workspace of ${features.toLocaleString('en-US')} features (${(2 * features).toLocaleString('en-US')} specs: spec.md with user stories and FR IDs, tasks.md citing them) ` +
        `and ${codeFiles.toLocaleString('en-US')} source and test files citing FR IDs, generated once. Each command runs as a process from the workspace folder; ` +
        `wall time, ${RUNS[options.mode] === 1 ? 'one run' : `median of ${RUNS[options.mode]} runs, the commands taking turns`}.`,
      tables: [{ header: ['command', 'wall time'], rows: commands.map((command) => [command.name, medianOf(command.name) === undefined ? 'failed' : ms(medianOf(command.name) as number)]) }],
      notes,
    },
  ];
}

if (isMain(__filename)) runAlone(run);
