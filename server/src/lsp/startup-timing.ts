// Timing marks for the server's start, for measuring how long the first diagnostics
// take and where that time goes. Off unless the environment variable
// SPECWRIGHT_STARTUP_TIMING is set. When it is `1`, each mark is written once to stderr
// as `specwright-timing <name> <ms>`, in milliseconds since the process started
// (`performance.now()`), so a client can line the phases up with its own clock. When it
// is an absolute path, the line is appended to that file instead, with the time since
// the epoch, for editors that start the server themselves.
import { appendFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';

const setting = process.env.SPECWRIGHT_STARTUP_TIMING;
const seen = new Set<string>();

/**
 * Records the first time `name` is reached (or, with `at`, that it was reached at that
 * `performance.now()` reading); does nothing unless timing is on.
 */
export function mark(name: string, at: number = performance.now()): void {
  if (setting === undefined || seen.has(name)) return;
  seen.add(name);
  if (setting === '1') process.stderr.write(`specwright-timing ${name} ${at.toFixed(1)}\n`);
  else if (isAbsolute(setting)) {
    try {
      appendFileSync(setting, `specwright-timing ${name} ${(performance.timeOrigin + at).toFixed(1)} pid ${process.pid}\n`);
    } catch {
      // Timing is for measuring; it never stops the server.
    }
  }
}
