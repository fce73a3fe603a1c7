import { Message, type MessageStrategy, type RequestMessage } from 'vscode-languageserver/node';

/**
 * Requests an editor sends by itself after changes, for views it refreshes (the outline,
 * folding), whose answers for a large spec are large: hundreds of kilobytes of JSON to
 * write, and for the client to read before anything written after them.
 */
export const BULK_REQUESTS: ReadonlySet<string> = new Set(['textDocument/documentSymbol', 'textDocument/foldingRange']);

type Next = (message: Message) => void;

/** A bulk request waits at most this many turns, however many other messages come. */
const MAX_TURNS = 16;

/**
 * The order in which the server handles what the client sent: requests the user waits
 * for (completion, hover, code actions, …) before bulk ones ({@link BULK_REQUESTS}) that
 * arrived with them. A bulk request waits until a turn of the event loop passes with no
 * other message handled (the connection handles one queued message per turn), or at most
 * {@link MAX_TURNS} turns; then the waiting ones are handled in the order they came.
 * Nothing overtakes a notification or a response: waiting requests are handled before
 * it, so a request never sees a document version newer than the one it was sent for.
 *
 * `schedule` runs a function on a later turn (`setImmediate`; tests pass their own).
 */
export function interactiveFirst(schedule: (run: () => void) => void = setImmediate): MessageStrategy {
  const waiting: { message: RequestMessage; next: Next }[] = [];
  let handledSince = false;
  let scheduled = false;
  let turns = 0;

  const flush = () => {
    turns = 0;
    for (const { message, next } of waiting.splice(0)) {
      // `next` answers a failing handler with an error; this only guards the loop.
      try {
        next(message);
      } catch {
        // Nothing to do: the request is answered or dropped by the connection.
      }
    }
  };
  const turn = () => {
    scheduled = false;
    if (waiting.length === 0) return;
    if (handledSince && ++turns < MAX_TURNS) {
      handledSince = false;
      scheduled = true;
      schedule(turn);
      return;
    }
    flush();
  };

  return {
    handleMessage(message, next) {
      handledSince = true;
      if (Message.isRequest(message) && BULK_REQUESTS.has(message.method)) {
        waiting.push({ message, next });
        if (!scheduled) {
          scheduled = true;
          schedule(turn);
        }
        return;
      }
      if (!Message.isRequest(message)) flush();
      next(message);
    },
  };
}
