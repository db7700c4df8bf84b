// The `claims` executable (dist/cli.js). All behaviour lives in src/cli/; this only binds it to the process.
import { runCli } from './cli/main';
import { nodeCliIo } from './cli/io';

runCli(process.argv.slice(2), nodeCliIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`claims: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
