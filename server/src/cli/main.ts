// Entry point of the `specwright` command-line tool (bundled as dist/cli.js). The same
// script runs in the worker threads `specwright lint` starts to check files in parallel.
import { EXIT, type Output } from './io';
import { isLintWorker, runLintWorker } from './lint/worker';
import { runCli } from './run';

function output(stream: NodeJS.WriteStream): Output {
  return { write: (text) => void stream.write(text), isTTY: stream.isTTY === true };
}

function main(): void {
  // A reader that goes away (`specwright lint | head`) is not an error worth a stack trace;
  // nor is any other failure to write output, which ends the run as it stands.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      process.exit(error.code === 'EPIPE' ? Number(process.exitCode ?? EXIT.ok) : EXIT.usage);
    });
  }

  const io = { cwd: process.cwd(), env: process.env, stdout: output(process.stdout), stderr: output(process.stderr), workerScript: __filename };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`specwright: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = EXIT.usage;
    },
  );
}

if (isLintWorker()) void runLintWorker();
else main();
