import { closeSync, constants, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { instantiate } from '../../core/templates/instantiate';
import { templatesOf } from '../../core/templates/template-set';
import { EXIT, UsageError } from '../io';
import { ConfigLookup } from '../lint/config-lookup';
import { gitUserName, templatesForBase } from '../templates';
import type { Command } from './index';

const OPTIONS = {
  title: { type: 'string', short: 't' },
  dir: { type: 'string', short: 'd' },
  author: { type: 'string' },
  var: { type: 'string', multiple: true },
  stdout: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const newCommand: Command = {
  name: 'new',
  synopsis: '<template> --title <title> [--dir <folder>]',
  summary: 'create a spec from a template',
  help: () =>
    [
      'Usage: specwright new <template> --title <title> [options]',
      '',
      "Creates a spec from a template (see 'specwright templates'): the title, today's",
      'date, the author and the first status are filled in; every other placeholder is',
      'left for you to write. An existing file is never overwritten.',
      '',
      'Options:',
      '  -t, --title <title>   the spec title (required)',
      "  -d, --dir <folder>    where to create it; default: the config file's specsFolder,",
      '                        else docs/specs, relative to the workspace (the config',
      "                        file's folder or the top of the Git working tree)",
      '      --author <name>   default: git config user.name',
      '      --var name=value  a value for one of the template\'s variables (repeatable)',
      '      --stdout          print the spec instead of writing a file',
      '  -h, --help            show this help',
      '',
      'Exit codes: 0 created, 1 the file already exists, 2 wrong arguments or unknown template.',
      '',
    ].join('\n'),
  run: async (args, io) => {
    const { values, positionals } = parse(args);
    if (values.help) {
      io.stdout.write(newCommand.help());
      return EXIT.ok;
    }
    const [templateId, ...extra] = positionals;
    if (!templateId) throw new UsageError('which template? (see specwright templates)');
    if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
    if (values.title === undefined || values.title.trim() === '') throw new UsageError('--title is required');
    const variables: Record<string, string> = {};
    for (const pair of values.var ?? []) {
      const at = pair.indexOf('=');
      if (at <= 0) throw new UsageError(`--var expects name=value, found '${pair}'`);
      variables[pair.slice(0, at)] = pair.slice(at + 1);
    }
    const { settings, base } = new ConfigLookup({ kind: 'search' }, io.cwd).forFile(join(io.cwd, '.'));
    const templates = templatesOf(await templatesForBase(base, settings)).filter((t) => t.manifest.kind === 'spec');
    const template = templates.find((candidate) => candidate.id === templateId);
    if (!template) throw new UsageError(`no template '${templateId}' (available: ${templates.map((t) => t.id).join(', ')})`);
    const offset = -new Date().getTimezoneOffset();
    const instance = instantiate(template, {
      title: values.title,
      author: values.author ?? (await gitUserName(io.cwd)),
      now: new Date(),
      utcOffsetMinutes: offset,
      variables,
    });
    if (values.stdout) {
      io.stdout.write(instance.text);
      return EXIT.ok;
    }
    if ('error' in instance.fileName) {
      io.stderr.write(`specwright: ${instance.fileName.error}\n`);
      return EXIT.usage;
    }
    const folder = values.dir !== undefined ? resolve(io.cwd, values.dir) : resolve(base, settings.specsFolder);
    const target = resolve(folder, instance.fileName.path);
    if (relative(folder, target).startsWith('..')) throw new UsageError(`the file name leaves ${folder}`);
    const shown = relative(io.cwd, target).split(sep).join('/');
    try {
      mkdirSync(dirname(target), { recursive: true });
      // O_EXCL: fails if the file exists, even one created a moment ago by someone else.
      const fd = openSync(target, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o666);
      try {
        writeSync(fd, instance.text);
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      const code = (error as { code?: string }).code;
      io.stderr.write(code === 'EEXIST' ? `specwright: ${shown} already exists; nothing was written\n` : `specwright: could not create ${shown}: ${(error as Error).message}\n`);
      return EXIT.findings;
    }
    io.stdout.write(`${shown}\n`);
    io.stderr.write(`specwright: created ${shown} from ${template.manifest.label}; ${instance.tabStops} placeholder(s) left to fill\n`);
    return EXIT.ok;
  },
};

function parse(args: readonly string[]) {
  try {
    return parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
