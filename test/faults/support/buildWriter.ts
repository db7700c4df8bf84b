import { buildSync } from 'esbuild';
import path from 'node:path';

/** Bundles the writer once so each child process starts in milliseconds (plain node, no TypeScript loader). */
export function buildWriter(): string {
  const outfile = path.resolve(__dirname, '../../../out/faults/writer.js');
  buildSync({ entryPoints: [path.join(__dirname, 'writer.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' });
  return outfile;
}
