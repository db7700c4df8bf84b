// A child process that runs `exercise` and prints its result as JSON, so a test can watch the store from
// another user's point of view (permission faults) or survive a store that would block (a FIFO sidecar).
// Usage: probe.js <article> <other-article>
import { exercise } from './exercise';

exercise(process.argv[2], process.argv[3]).then(
  (result) => process.stdout.write(JSON.stringify(result)),
  (error) => {
    process.stderr.write(String(error?.stack ?? error) + '\n');
    process.exit(3);
  },
);
