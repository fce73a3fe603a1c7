import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { acceptRequirements, isStale, parseTraceLock, serializeTraceLock, TRACE_LOCK_PATH, type TraceLock } from '../../core/trace/lock';
import { buildTraceGraph, percent } from '../../core/trace/model';
import { EXIT, UsageError } from '../io';
import { ConfigLookup } from '../lint/config-lookup';
import { familiesForBase } from '../conventions';
import { collectTraceInputs } from '../trace/collect';
import { TRACE_FORMATTERS } from '../trace/format';
import { writeTraceLock } from '../trace/lock-file';
import { specTraces } from '../trace/report';
import type { Command } from './index';

const OPTIONS = {
  format: { type: 'string', short: 'f', default: 'table' },
  'min-coverage': { type: 'string' },
  'min-test-coverage': { type: 'string' },
  accept: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const traceCommand: Command = {
  name: 'trace',
  synopsis: '[folder]',
  summary: 'print which tasks and tests cover each requirement, and the coverage per spec',
  help: () =>
    [
      'Usage: specwright trace [options] [folder]',
      '',
      'Reads the specs under the folder (the current one by default) for the requirements',
      'they define — FR-001, SC-001, US-001, spec-kit user stories (US1), Kiro acceptance',
      'criteria (1.2) — and the task lists for what each task cites ([US1], FR-001,',
      '_Requirements: 1.2_); reads test and source files for the IDs they mention',
      '(// covers FR-001, test("FR-001: …")). Prints, per spec, each requirement with its',
      'tasks and tests. Task coverage counts the kinds of requirement the tasks there cite',
      '(spec-kit tasks cite user stories); test coverage counts every requirement.',
      'OpenSpec requirements (### Requirement: <name>) are listed with what open changes',
      'do to them (modified, removed, renamed in <change>); they count in no coverage.',
      'A requirement whose text changed since .specwright/trace.lock recorded it as',
      'reviewed is marked "changed since review" (and reported by the stale-reference',
      'rule in specwright lint) until --accept records it again.',
      '',
      'Options:',
      '  -f, --format <name>          table (default), json, csv or markdown',
      '      --min-coverage <n>       exit 1 when a spec with a task list has less than n %',
      '                               of its requirements covered by tasks',
      '      --min-test-coverage <n>  exit 1 when a spec has less than n % covered by tests',
      '      --accept <ID|all>        record the current text of a requirement (or of all)',
      '                               as reviewed in .specwright/trace.lock, after checking',
      '                               the tasks and tests that cite it; repeatable',
      '  -h, --help                   show this help',
      '',
    ].join('\n'),
  run: async (args, io) => {
    let parsed;
    try {
      parsed = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const { values, positionals } = parsed;
    if (values.help) {
      io.stdout.write(traceCommand.help());
      return EXIT.ok;
    }
    const formatter = TRACE_FORMATTERS[values.format];
    if (!formatter) throw new UsageError(`unknown format '${values.format}' (expected ${Object.keys(TRACE_FORMATTERS).join(', ')})`);
    const threshold = (name: 'min-coverage' | 'min-test-coverage') => {
      const value = values[name];
      if (value === undefined) return undefined;
      if (!/^\d+$/.test(value) || Number(value) > 100) throw new UsageError(`--${name} expects a whole number from 0 to 100, found '${value}'`);
      return Number(value);
    };
    const minTasks = threshold('min-coverage');
    const minTests = threshold('min-test-coverage');
    if (positionals.length > 1) throw new UsageError('trace takes one folder');
    const root = resolve(io.cwd, positionals[0] ?? '.');
    const { families } = await familiesForBase(root);
    const inputs = collectTraceInputs(root, new ConfigLookup({ kind: 'search' }, io.cwd), families);
    const graph = buildTraceGraph(inputs);
    const lockPath = join(root, TRACE_LOCK_PATH);
    let lock: TraceLock | undefined;
    if (existsSync(lockPath)) {
      const parsed = parseTraceLock(readFileSync(lockPath, 'utf8'));
      if (parsed.problem) throw new UsageError(`${TRACE_LOCK_PATH}: ${parsed.problem}`);
      lock = parsed.lock;
    }
    if (values.accept) {
      const all = values.accept.includes('all');
      const only = all ? undefined : new Set(values.accept);
      const unknown = only ? [...only].filter((id) => !graph.requirements.some((requirement) => requirement.id === id)) : [];
      if (unknown.length > 0) throw new UsageError(`no spec defines ${unknown.join(', ')}`);
      const next = acceptRequirements(lock ?? { reviewed: new Map() }, graph.requirements, only);
      writeTraceLock(root, serializeTraceLock(next));
      const count = only ? graph.requirements.filter((requirement) => only.has(requirement.id)).length : graph.requirements.length;
      io.stderr.write(`specwright: recorded ${count} requirement${count === 1 ? '' : 's'} as reviewed in ${TRACE_LOCK_PATH}\n`);
      lock = { reviewed: next };
    }
    const stale = new Set(graph.requirements.filter((requirement) => isStale(lock, requirement)));
    const specs = specTraces(graph, new Set(inputs.tasks.map((task) => task.scope)));
    io.stdout.write(formatter({ specs, graph, stale }));
    const below: string[] = [];
    for (const spec of specs) {
      const tasks = spec.coverage.tasks;
      if (minTasks !== undefined && tasks && percent(tasks.covered, tasks.total) < minTasks) below.push(`${spec.file}: ${percent(tasks.covered, tasks.total)} % covered by tasks (at least ${minTasks} % wanted)`);
      const tests = spec.coverage.tests;
      if (minTests !== undefined && percent(tests.covered, tests.total) < minTests) below.push(`${spec.file}: ${percent(tests.covered, tests.total)} % covered by tests (at least ${minTests} % wanted)`);
    }
    for (const line of below) io.stderr.write(`specwright: ${line}\n`);
    return below.length > 0 ? EXIT.findings : EXIT.ok;
  },
};
