import { join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, UsageError } from '../io';
import { ConfigLookup } from '../lint/config-lookup';
import { templatesForBase } from '../templates';
import type { Command } from './index';

const OPTIONS = {
  format: { type: 'string', short: 'f', default: 'table' },
  all: { type: 'boolean', short: 'a', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const templatesCommand: Command = {
  name: 'templates',
  synopsis: '',
  summary: 'list the templates, where each comes from and what it overrides',
  help: () =>
    [
      'Usage: specwright templates [options]',
      '',
      'Lists the templates available here, in increasing precedence: built-in, the',
      "config file's templateFolders, spec-kit's .specify/templates/, and the workspace's",
      '.specwright/templates/. A template with the same id as another replaces it.',
      '',
      'Options:',
      '  -f, --format <name>  table (default) or json',
      '  -a, --all            also list prompt templates and the templates that were overridden',
      '  -h, --help           show this help',
      '',
    ].join('\n'),
  run: async (args, io) => {
    const values = parse(args);
    if (values.help) {
      io.stdout.write(templatesCommand.help());
      return EXIT.ok;
    }
    if (values.format !== 'table' && values.format !== 'json') throw new UsageError(`unknown format '${values.format}' (expected table or json)`);
    const { settings, base } = new ConfigLookup({ kind: 'search' }, io.cwd).forFile(join(io.cwd, '.'));
    const set = await templatesForBase(base, settings);
    const shown = set.entries.filter((entry) => values.all || entry.template.manifest.kind === 'spec');
    const where = (path: string) => (path.startsWith(base) ? relative(io.cwd, path).split(sep).join('/') : path);
    if (values.format === 'json') {
      const json = shown.map(({ template, overrides }) => ({
        id: template.id,
        label: template.manifest.label,
        description: template.manifest.description,
        kind: template.manifest.kind,
        origin: template.origin,
        location: template.origin === 'built-in' ? `built-in/${template.id}` : where(template.location),
        overrides: overrides.map((other) => ({ origin: other.origin, location: other.origin === 'built-in' ? `built-in/${other.id}` : where(other.location) })),
      }));
      io.stdout.write(`${JSON.stringify({ templates: json, problems: set.problems.map((p) => ({ location: where(p.location), message: p.message })) }, null, 2)}\n`);
      return EXIT.ok;
    }
    const rows = shown.map(({ template, overrides }) => [
      template.id,
      template.manifest.label,
      overrides.length > 0 ? `${template.origin} (overrides ${overrides.map((o) => o.origin).join(', ')})` : template.origin,
    ]);
    const widths = [0, 1].map((column) => Math.max(...rows.map((row) => (row[column] as string).length), column === 0 ? 2 : 5));
    io.stdout.write(`${'ID'.padEnd(widths[0] as number)}  ${'LABEL'.padEnd(widths[1] as number)}  ORIGIN\n`);
    for (const row of rows) io.stdout.write(`${(row[0] as string).padEnd(widths[0] as number)}  ${(row[1] as string).padEnd(widths[1] as number)}  ${row[2]}\n`);
    for (const problem of set.problems) io.stderr.write(`specwright: ${where(problem.location)}: ${problem.message}\n`);
    return EXIT.ok;
  },
};

function parse(args: readonly string[]) {
  try {
    return parseArgs({ args: [...args], options: OPTIONS, allowPositionals: false, strict: true }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
