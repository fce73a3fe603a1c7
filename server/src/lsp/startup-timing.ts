// Timing marks for the server's start, for measuring how long the first diagnostics
// take and where that time goes. Off unless the environment variable
// SPECWRIGHT_STARTUP_TIMING is `1`; then each mark is written once to stderr as
// `specwright-timing <name> <ms>`, in milliseconds since the process started
// (`performance.now()`), so a client can line the phases up with its own clock.

const enabled = process.env.SPECWRIGHT_STARTUP_TIMING === '1';
const seen = new Set<string>();

/** Records the first time `name` is reached; does nothing unless timing is on. */
export function mark(name: string): void {
  if (!enabled || seen.has(name)) return;
  seen.add(name);
  process.stderr.write(`specwright-timing ${name} ${performance.now().toFixed(1)}\n`);
}
