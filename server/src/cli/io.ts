/** Where a command writes, and what it knows about its environment; `main.ts` wires it to the process. */
export interface CliIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: Output;
  readonly stderr: Output;
  /** The bundled CLI script, which worker threads can run to check files in parallel; without it, one thread checks them all. */
  readonly workerScript?: string;
}

export interface Output {
  write(text: string): void;
  /** Whether this is a terminal: colours and the progress line depend on it. */
  readonly isTTY: boolean;
}

/** Exit codes, the same for every command. */
export const EXIT = {
  /** Nothing to report, or only what the options allow. */
  ok: 0,
  /** Findings: errors, more warnings than allowed, or files that could not be checked. */
  findings: 1,
  /** Wrong arguments or a broken config file: nothing was checked. */
  usage: 2,
} as const;

/** Wrong command-line arguments; the message is shown with a pointer to --help. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Whether to colour output written to `output`: NO_COLOR turns colour off, FORCE_COLOR on. */
export function useColor(output: Output, env: CliIo['env']): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return output.isTTY;
}
