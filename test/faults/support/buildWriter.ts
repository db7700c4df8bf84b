import { buildSync } from 'esbuild';
import path from 'node:path';

/**
 * Bundles a helper script of test/faults/support once, so each child process starts in milliseconds (plain
 * node, no TypeScript loader) and can run as another user, who needs nothing but read access to the bundle.
 */
export function buildFaultScript(name: 'writer' | 'probe'): string {
  const outfile = path.resolve(__dirname, `../../../out/faults/${name}.js`);
  buildSync({ entryPoints: [path.join(__dirname, `${name}.ts`)], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' });
  return outfile;
}

export function buildWriter(): string {
  return buildFaultScript('writer');
}
