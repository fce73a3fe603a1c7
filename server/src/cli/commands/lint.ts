import { relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { CONFIG_FILE_NAMES } from '../../core/config/config-file';
import { positionFinder } from '../lint/positions';
import { FORMATTERS } from '../format/index';
import { EXIT, UsageError, useColor, type CliIo } from '../io';
import { collectCandidates } from '../lint/collect';
import { ConfigLookup } from '../lint/config-lookup';
import { lintFiles } from '../lint/lint-files';
import { summarize, type ConfigProblemReport, type LintReport } from '../lint/report';
import type { Command } from './index';

/** Above this many candidates, a terminal gets a progress line on stderr. */
const PROGRESS_THRESHOLD = 20;

const OPTIONS = {
  format: { type: 'string', short: 'f', default: 'stylish' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean', short: 'q', default: false },
  fix: { type: 'boolean', default: false },
  config: { type: 'string', short: 'c' },
  'no-config': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const lintCommand: Command = {
  name: 'lint',
  synopsis: '[paths or globs...]',
  summary: 'check spec files and report what is unfinished',
  help: () =>
    [
      'Usage: specwright lint [options] [paths or globs...]',
      '',
      'Checks specs. Without paths, the specs under the current folder: Markdown files that',
      'match the `files` or `includeFiles` globs and not `excludeFiles`, or whose front',
      'matter has a `specwright:` key. Paths named on the command line are checked',
      'whatever `files` says: a file always; a folder or a glob (quote it) every Markdown',
      'file it holds, minus `excludeFiles`. Files ignored by .gitignore, node_modules and',
      '.git are skipped, and so are folders a config file above them excludes. A folder',
      'or glob with no Markdown file in it is an error (exit 2).',
      '',
      `Settings come from the nearest ${CONFIG_FILE_NAMES.join(', ')} above each file`,
      '(up to the top of the Git working tree); its globs are relative to its folder.',
      'Without one, the defaults apply, relative to the top of the Git working tree.',
      '',
      'Options:',
      '  -f, --format <name>     stylish (default), json or sarif',
      '      --max-warnings <n>  exit with 1 when there are more than n warnings',
      '  -q, --quiet             report errors only (warnings still count for --max-warnings)',
      '      --fix               apply the safe fixes, write the files, report what remains',
      '  -c, --config <file>     use this config file for every file',
      '      --no-config         use no config file: the default settings',
      '  -h, --help              show this help',
      '',
      'Lines and columns are 1-based; columns count UTF-16 code units, as editors do.',
      'Files are checked on one thread per CPU; SPECWRIGHT_JOBS=<n> sets how many (1: one).',
      '',
      'Warnings alone exit 0, as in ESLint: add --max-warnings 0 in CI to fail on',
      'unfinished specs.',
      '',
      'Exit codes:',
      `  ${EXIT.ok}  no errors, and no more warnings than --max-warnings allows`,
      `  ${EXIT.findings}  errors, too many warnings, or files that could not be checked or fixed`,
      `  ${EXIT.usage}  wrong arguments or a broken config file; nothing was checked`,
      '',
    ].join('\n'),
  run: async (args, io) => runLint(args, io),
};

async function runLint(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args);
  if (values.help) {
    io.stdout.write(lintCommand.help());
    return EXIT.ok;
  }
  const formatter = FORMATTERS[values.format];
  if (!formatter) throw new UsageError(`unknown format '${values.format}' (expected ${Object.keys(FORMATTERS).join(', ')})`);
  const maxWarnings = values['max-warnings'] === undefined ? -1 : Number(values['max-warnings']);
  if (!/^-?\d+$/.test(values['max-warnings'] ?? '0') || maxWarnings < -1) {
    throw new UsageError(`--max-warnings expects a whole number, found '${values['max-warnings']}'`);
  }
  if (values.config !== undefined && values['no-config']) throw new UsageError('--config and --no-config cannot be used together');
  const threads = threadsFrom(io.env);

  const configs = new ConfigLookup(
    values.config !== undefined ? { kind: 'fixed', path: resolve(io.cwd, values.config) } : values['no-config'] ? { kind: 'none' } : { kind: 'search' },
    io.cwd,
  );
  const collected = collectCandidates(positionals, io.cwd, (folder) => configs.excludesFolder(folder));
  if (collected.unmatched.length > 0) {
    throw new UsageError(collected.unmatched.map((arg) => `no Markdown files matching '${arg}' were found`).join('; '));
  }
  // Every config the run needs, read up front, so a broken one stops it before any file is written.
  for (const candidate of collected.candidates) configs.forFile(candidate.path);
  const configProblems = configs.loaded.flatMap((config) => {
    const at = positionFinder(config.text);
    return config.problems.map((problem): ConfigProblemReport => {
      const { line, column } = at(problem.range.start);
      return { path: config.path, displayPath: display(io.cwd, config.path), line, column, severity: problem.severity, message: problem.message };
    });
  });
  for (const problem of configProblems) {
    io.stderr.write(`${problem.displayPath}:${problem.line}:${problem.column}: ${problem.severity}: ${problem.message}\n`);
  }
  if (configProblems.some((problem) => problem.severity === 'error')) {
    io.stderr.write('specwright: the config file has errors; nothing was checked.\n');
    return EXIT.usage;
  }

  const progress = io.stderr.isTTY && collected.candidates.length > PROGRESS_THRESHOLD ? progressLine(io) : undefined;
  const { reports: files, notices } = await lintFiles(collected.candidates, {
    cwd: io.cwd,
    configs,
    fix: values.fix,
    progress,
    threads,
    workerScript: io.workerScript,
  });
  for (const folder of collected.unreadableFolders) notices.push(`${display(io.cwd, folder.path)}: ${folder.message}`);
  if (files.length === 0) notices.push(`no spec files found in ${positionals.length > 0 ? positionals.join(' ') : 'the current folder'} (see 'specwright lint --help' for which files are specs)`);
  for (const file of files) if (file.error) io.stderr.write(`specwright: ${file.displayPath} ${file.error.message}\n`);
  for (const notice of notices) io.stderr.write(`specwright: ${notice}\n`);

  const all = summarize(files);
  const shown = values.quiet ? files.map((file) => ({ ...file, findings: file.findings.filter((f) => f.severity === 'error') })) : files;
  const report: LintReport = { cwd: io.cwd, files: shown, configProblems };
  io.stdout.write(formatter(report, { color: useColor(io.stdout, io.env) }));

  const tooManyWarnings = maxWarnings >= 0 && all.warnings > maxWarnings;
  if (tooManyWarnings) io.stderr.write(`specwright: too many warnings (${all.warnings}; at most ${maxWarnings} allowed)\n`);
  return all.errors > 0 || all.fileErrors > 0 || collected.unreadableFolders.length > 0 || tooManyWarnings ? EXIT.findings : EXIT.ok;
}

/** `SPECWRIGHT_JOBS`: how many threads check files (a whole number, at least 1); otherwise one per CPU when there are enough files. */
function threadsFrom(env: CliIo['env']): number | 'auto' {
  const value = env.SPECWRIGHT_JOBS?.trim();
  if (value === undefined || value === '') return 'auto';
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`SPECWRIGHT_JOBS expects a whole number of at least 1, found '${value}'`);
  return Number(value);
}

function parse(args: readonly string[]) {
  try {
    return parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function display(cwd: string, path: string): string {
  return relative(cwd, path).split(sep).join('/') || '.';
}

// `Checking 12/340` on one line, rewritten in place and cleared when done.
function progressLine(io: CliIo): (done: number, total: number) => void {
  let last = 0;
  return (done, total) => {
    if (done >= total) {
      io.stderr.write('\r\u001b[2K');
      return;
    }
    const now = Date.now();
    if (done > 0 && now - last < 50) return;
    last = now;
    io.stderr.write(`\r\u001b[2KChecking ${done + 1}/${total}…`);
  };
}
