// Parsing BibTeX or CSL-JSON for Import Citations off the extension host's thread: biblatex-csl-converter
// takes about 2 s per MB (issue 20 measured 1.9 s/MB), and every editor of the window would freeze that long.
// The parse runs in a worker thread (dist/citationsWorker.js, beside the extension bundle); only where no
// worker can be started (the bundle missing, as when run from sources) does it run in-thread.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { parseCitations, type CitationImport } from '../core/interchange/citations';

/** Where the worker bundle lies: beside the running bundle (dist/extension.js -> dist/citationsWorker.js). */
export function defaultCitationsWorkerFile(): string {
  return path.join(__dirname, 'citationsWorker.js');
}

export function parseCitationsOffThread(text: string, workerFile: string | undefined = defaultCitationsWorkerFile()): Promise<CitationImport> {
  if (!workerFile || !fs.existsSync(workerFile)) return Promise.resolve(parseCitations(text));
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile);
    const finish = (settle: () => void) => {
      void worker.terminate();
      settle();
    };
    worker.once('message', (answer: { ok: true; result: CitationImport } | { ok: false; message: string }) =>
      finish(() => (answer.ok ? resolve(answer.result) : reject(new Error(answer.message)))),
    );
    worker.once('error', (error) => finish(() => reject(error)));
    worker.once('exit', (code) => reject(new Error(`the citation parser stopped (exit ${code}) before answering`)));
    worker.postMessage(text);
  });
}
