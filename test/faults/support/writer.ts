// A separate process that writes through the ClaimStore, for the crash and two-writer fault tests.
// Usage: writer.js <article> <mode: loop|add> <count> <id-prefix>
import fs from 'node:fs';
import { ClaimStore } from '../../../src/store/claimStore';

async function main(): Promise<void> {
  const [articlePath, mode, countText, prefix] = process.argv.slice(2);
  const count = Number(countText);
  const text = fs.readFileSync(articlePath, 'utf8');
  const store = new ClaimStore();
  await store.open(articlePath);
  process.stdout.write('ready\n');
  for (let i = 0; i < count; i++) {
    const start = (i * 7) % Math.max(1, text.length - 10);
    // Each saved state adds exactly one claim, so any state on disk is "claims 0..n-1 of this writer".
    await store.addClaim(articlePath, text, start, start + 5, { note: `${prefix}${i}`.repeat(mode === 'loop' ? 20 : 1) }, `${prefix}${i}`);
    if (mode === 'loop') process.stdout.write(`saved ${i}\n`);
  }
  process.stdout.write('done\n');
}

main().catch((error) => {
  process.stderr.write(String(error?.stack ?? error) + '\n');
  process.exit(3);
});
