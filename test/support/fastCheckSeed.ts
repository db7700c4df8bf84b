// One seed for every fast-check property in the unit and fault suites, so that `npm test` (and CI) runs the
// same generated cases every time: a red run is a regression, never the luck of the draw, and any failure can
// be replayed. New inputs are explored on purpose, not by accident: `npm run test:soak` draws fresh seeds
// (CLAIMS_FUZZ_SEED=random) and runs the properties many times; a counterexample it finds is fixed and kept as
// a unit case. CLAIMS_FUZZ_SEED=<number> replays one seed (fast-check prints it with every failure).
import fc from 'fast-check';

/** The seed the suites use unless CLAIMS_FUZZ_SEED says otherwise. Any fixed number does; this one is arbitrary. */
const DEFAULT_SEED = 20_261_203;

function chosenSeed(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return DEFAULT_SEED;
  if (value === 'random') return undefined;
  const seed = Number(value);
  if (!Number.isInteger(seed)) throw new Error(`CLAIMS_FUZZ_SEED must be a whole number or "random", not "${value}"`);
  return seed;
}

/** The seed in force, or undefined when fast-check draws one per property (CLAIMS_FUZZ_SEED=random). */
export const FUZZ_SEED = chosenSeed(process.env.CLAIMS_FUZZ_SEED);

if (FUZZ_SEED !== undefined) fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: FUZZ_SEED });
