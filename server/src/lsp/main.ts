import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { interactiveFirst } from './message-order';
import { SERVER_INFO, startServer } from './server';
import { createStdioConnection } from './stdio';
import { mark } from './startup-timing';
import { describe } from './validation';

// Entry point of the language server. The transport comes from the command line:
// --stdio, --node-ipc, --socket=<port> or --pipe=<name> (VS Code passes --node-ipc);
// with none, stdio.
// The process started at 0; Node had started and began reading the bundle at bootstrapComplete.
mark('process start', 0);
mark('node started', performance.nodeTiming.bootstrapComplete);
mark('loaded');
const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${SERVER_INFO.version}\n`);
} else if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(
    'Usage: specwright-language-server [--stdio | --node-ipc | --socket=<port> | --pipe=<name>]\n\n' +
      'The Specwright language server: checks spec Markdown for unfilled placeholders,\n' +
      'empty sections and invalid front matter. Start it from any LSP client.\n',
  );
} else {
  const otherTransport = args.some((arg) => /^--(node-ipc|socket|pipe)\b/.test(arg));
  const options = { messageStrategy: interactiveFirst() };
  const connection = otherTransport ? createConnection(ProposedFeatures.all, options) : createStdioConnection(options);
  // A bug must not take the editor's checking down with it: log and keep serving.
  process.on('uncaughtException', (error) => connection.console.error(`Uncaught: ${describe(error)}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${describe(reason)}`));
  // How long a check goes before the document's diagnostics say it is still being checked (tests set it).
  const checkingNoticeMs = Number(process.env.SPECWRIGHT_CHECKING_NOTICE_MS);
  startServer(connection, { parseWorker: parseWorkerOptions(), ...(checkingNoticeMs > 0 ? { checkingNoticeMs } : {}) });
  connection.listen();
}

/**
 * The parse worker beside this bundle (dist/parse-worker.js); its limits and how many run may be set
 * through the environment, for tests and benchmarks. Run from sources, where there is no
 * worker bundle, the server parses everything on its own thread.
 */
function parseWorkerOptions(): { script: string; budgetMs?: number; memoryMb?: number; workers?: number } | undefined {
  const script = join(__dirname, 'parse-worker.js');
  if (!existsSync(script)) return undefined;
  const budgetMs = Number(process.env.SPECWRIGHT_PARSE_BUDGET_MS);
  const memoryMb = Number(process.env.SPECWRIGHT_PARSE_MEMORY_MB);
  const workers = Number(process.env.SPECWRIGHT_PARSE_WORKERS);
  return { script, ...(budgetMs > 0 ? { budgetMs } : {}), ...(memoryMb > 0 ? { memoryMb } : {}), ...(workers > 0 ? { workers: Math.floor(workers) } : {}) };
}
