// The worker thread behind parseCitationsOffThread (dist/citationsWorker.js): parses BibTeX or CSL-JSON
// sent as one message and answers with the result, so the extension host's thread never runs the parser.
import { parentPort } from 'node:worker_threads';
import { parseCitations } from '../core/interchange/citations';

parentPort?.on('message', (text: string) => {
  try {
    parentPort?.postMessage({ ok: true, result: parseCitations(text) });
  } catch (error) {
    parentPort?.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
