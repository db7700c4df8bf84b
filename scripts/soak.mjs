// Explores fresh fast-check seeds on purpose. `npm test` runs every property on one fixed seed
// (test/support/fastCheckSeed.ts), so a red run is a regression rather than bad luck; this script is where new
// counterexamples are looked for: it runs the unit files that hold properties, and the fault suite's fuzzing,
// again and again with CLAIMS_FUZZ_SEED=random, and stops at the first failure with fast-check's report (its seed
// replays the case: CLAIMS_FUZZ_SEED=<seed> npx mocha <file>).
//
//   npm run test:soak -- [--rounds N] [--unit-only]
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 10;
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error(`--rounds needs a whole number of at least 1, not "${args[roundsAt + 1]}"`);
  process.exit(2);
}
const unitOnly = args.includes('--unit-only');

const unitDir = path.join('test', 'unit');
const propertyFiles = readdirSync(unitDir)
  .filter((name) => name.endsWith('.test.ts'))
  .map((name) => path.join(unitDir, name))
  .filter((file) => readFileSync(file, 'utf8').includes("from 'fast-check'"));

const env = { ...process.env, CLAIMS_FUZZ_SEED: 'random' };
const mocha = path.join('node_modules', 'mocha', 'bin', 'mocha.js');
// --no-config and the options spelled out: mocha adds a config file's spec to the files named, which would run
// every unit test (or the whole fault suite, crashes and writers included) instead of the properties alone.
const options = ['--no-config', '--node-option', 'import=tsx', '--extension', 'ts', '--require', 'test/support/fastCheckSeed.ts', '--reporter', 'dot'];
const runs = [{ label: `${propertyFiles.length} unit files with properties`, args: [mocha, ...options, '--timeout', '20000', ...propertyFiles] }];
if (!unitOnly) runs.push({ label: 'the fault suite’s fuzzing', args: [mocha, ...options, '--timeout', '600000', 'test/faults/fuzz.test.ts'] });

for (let round = 1; round <= rounds; round++) {
  for (const run of runs) {
    process.stdout.write(`round ${round} of ${rounds}: ${run.label} … `);
    const result = spawnSync(process.execPath, run.args, { env, encoding: 'utf8' });
    if (result.status !== 0) {
      console.log('FAILED');
      console.log(result.stdout, result.stderr);
      console.log('Fix the counterexample and keep it as a unit case; CLAIMS_FUZZ_SEED=<seed above> replays it.');
      process.exit(1);
    }
    console.log('passed');
  }
}
console.log(`${rounds} rounds on fresh seeds found no counterexample.`);
