import { Console } from 'node:console';
import { Writable } from 'node:stream';
import {
  createConnection,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type Connection,
  type ConnectionOptions,
} from 'vscode-languageserver/node';
import { jsonEncoder } from './json-encoding';

/**
 * The server's connection over stdin and stdout, as Neovim, Emacs, Helix and most other
 * clients start it. It is built here rather than by `createConnection`'s `--stdio`
 * handling so that its writer uses {@link jsonEncoder}; what that handling also does is
 * done here too: nothing written with `console` reaches stdout (it would corrupt the
 * protocol stream), and the server exits when its input ends, with 0 if the client asked
 * it to shut down and 1 otherwise.
 */
export function createStdioConnection(options: ConnectionOptions): Connection {
  const reader = new StreamMessageReader(process.stdin);
  exitOnBrokenStream(reader);
  const connection = createConnection(
    ProposedFeatures.all,
    reader,
    new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: jsonEncoder }),
    options,
  );
  let shutdownRequested = false;
  connection.onShutdown(() => {
    shutdownRequested = true;
  });
  const end = () => process.exit(shutdownRequested ? 0 : 1);
  process.stdin.on('end', end);
  process.stdin.on('close', end);
  forwardConsole(connection);
  return connection;
}

/**
 * A header the reader cannot read (no `Content-Length`, not a number, or the rest of a
 * body read as a header after a `Content-Length` too short), or a message that stops
 * arriving part-way (one too long) leaves the stream out of step for good: every later message would be read
 * from the wrong place, and the server would sit there answering nothing. The server
 * says why on stderr and exits with 1, so that the client restarts it.
 */
function exitOnBrokenStream(reader: StreamMessageReader): void {
  const fatal = (why: string) => {
    process.stderr.write(`Specwright language server: the message stream from the client is broken (${why}); exiting.\n`);
    process.exit(1);
  };
  reader.onError((error) => {
    // A body that is not JSON but had the length its header said: the next message starts
    // in the right place, and the library answers with a parse error.
    if (error instanceof SyntaxError) return;
    fatal(error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error));
  });
  reader.onPartialMessage((info) => fatal(`a message was still incomplete after ${info.waitingTime} ms without data; its Content-Length is longer than what was sent`));
}

/**
 * Sends what the global `console` prints to the client's log instead: standard output
 * carries the protocol. Errors and warnings go to the log as errors, the rest as log
 * lines.
 */
export function forwardConsole(connection: Pick<Connection, 'console'>): void {
  const lines = (send: (line: string) => void) =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        send(String(chunk).replace(/\n$/, ''));
        done();
      },
    });
  const forwarded = new Console({
    stdout: lines((line) => connection.console.log(line)),
    stderr: lines((line) => connection.console.error(line)),
  });
  // The Console's methods are bound to it, so they can be put on the global one; code
  // that kept a reference to `console` before this runs prints to the client too.
  const target = console as unknown as Record<string, unknown>;
  for (const [name, method] of Object.entries(forwarded)) {
    if (typeof method === 'function') target[name] = method;
  }
}
