import type { CliIo } from '../io';
import { lintCommand } from './lint';
import { newCommand } from './new';
import { templatesCommand } from './templates';
import { traceCommand } from './trace';

/** A `specwright <name>` command. Each lives in its own file and parses its own options. */
export interface Command {
  readonly name: string;
  /** One line for the command list in `specwright --help`. */
  readonly summary: string;
  /** The argument pattern after the name, such as `[paths or globs...]`. */
  readonly synopsis: string;
  /** The full text of `specwright <name> --help`. */
  help(): string;
  /** Runs with the arguments after the name; resolves to the exit code. May throw UsageError. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [lintCommand, traceCommand, newCommand, templatesCommand];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((command) => command.name === name);
}
