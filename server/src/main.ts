import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { interactiveFirst } from './message-order';
import { SERVER_INFO, startServer } from './server';
import { describe } from './validation';

// Entry point of the language server. The transport comes from the command line:
// --stdio, --node-ipc or --socket=<port> (VS Code passes --node-ipc); with none, stdio.
const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${SERVER_INFO.version}\n`);
} else if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(
    'Usage: specwright-language-server [--stdio | --node-ipc | --socket=<port>]\n\n' +
      'The Specwright language server: checks spec Markdown for unfilled placeholders,\n' +
      'empty sections and invalid front matter. Start it from any LSP client.\n',
  );
} else {
  const hasTransport = args.some((arg) => /^--(stdio|node-ipc|socket=|pipe=|clientProcessId)/.test(arg));
  const options = { messageStrategy: interactiveFirst() };
  const connection = hasTransport
    ? createConnection(ProposedFeatures.all, options)
    : createConnection(ProposedFeatures.all, process.stdin, process.stdout, options);
  // A bug must not take the editor's checking down with it: log and keep serving.
  process.on('uncaughtException', (error) => connection.console.error(`Uncaught: ${describe(error)}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${describe(reason)}`));
  startServer(connection);
  connection.listen();
}
