import { COMMANDS, findCommand } from './commands/index';
import { EXIT, UsageError, type CliIo } from './io';
import { TOOL } from './tool-info';

/**
 * Runs `specwright <args>` and resolves to the exit code. Output goes to `io`;
 * wrong arguments are reported on stderr with exit code 2.
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = args;
  if (first === '--version' || first === '-v') {
    io.stdout.write(`${TOOL.version}\n`);
    return EXIT.ok;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const command = rest[0] === undefined ? undefined : findCommand(rest[0]);
    io.stdout.write(command ? command.help() : mainHelp());
    return EXIT.ok;
  }
  if (first === undefined) {
    io.stderr.write(mainHelp());
    return EXIT.usage;
  }
  const command = findCommand(first);
  try {
    if (!command) throw new UsageError(first.startsWith('-') ? `unknown option '${first}'` : `unknown command '${first}'`);
    return await command.run(rest, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const more = command ? `specwright ${command.name} --help` : 'specwright --help';
    io.stderr.write(`specwright: ${error.message}\nRun '${more}' for usage.\n`);
    return EXIT.usage;
  }
}

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => `${c.name} ${c.synopsis}`.length));
  return [
    'Usage: specwright <command> [options]',
    '',
    'Checks technical specs written in Markdown from templates: unfilled placeholders,',
    'empty sections, unreadable front matter and more.',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${`${c.name} ${c.synopsis}`.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  -h, --help     show this help; `specwright <command> --help` for a command',
    '  -v, --version  print the version',
    '',
    'Exit codes:',
    `  ${EXIT.ok}  success`,
    `  ${EXIT.findings}  findings: errors, more warnings than allowed, or files that could not be read`,
    `  ${EXIT.usage}  wrong arguments, a broken config file, or an internal error`,
    '',
    `Documentation: ${TOOL.informationUri}`,
    '',
  ].join('\n');
}
