import { parentPort } from 'node:worker_threads';
import { parseMarkdownSource, type FrontMatterClose } from '../core/parse/markdown';
import type { ParseReply, ParseJob } from './parse-host';

// Entry of the parse worker (dist/parse-worker.js): parses the Markdown it is sent, one
// piece at a time, and posts the tree back. The server's thread stays free for requests
// about other documents meanwhile (see parse-host.ts).
parentPort?.on('message', (job: ParseJob) => {
  let reply: ParseReply;
  try {
    reply = { id: job.id, root: parseMarkdownSource(job.source, job.close as FrontMatterClose | undefined) };
  } catch (error) {
    reply = { id: job.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
