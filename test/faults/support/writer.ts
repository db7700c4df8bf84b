// A separate process that writes through the ClaimStore, for the crash, two-writer and stale-lock fault tests.
// Usage: writer.js <article> <mode: loop|add|rounds> <count> <id-prefix>
// In `rounds` mode it waits for "go N" lines on standard input and answers each with "saved N" (or
// "refused N: why") after adding claim <prefix>N through a fresh store, as one `claims import` run would.
import fs from 'node:fs';
import readline from 'node:readline';
import { ClaimStore } from '../../../src/store/claimStore';

async function rounds(articlePath: string, text: string, prefix: string): Promise<void> {
  const lines = readline.createInterface({ input: process.stdin });
  process.stdout.write('ready\n');
  for await (const line of lines) {
    const match = /^go (\d+) (\d+) (\d+)$/.exec(line);
    if (!match) break;
    const [round, start, end] = match.slice(1).map(Number) as [number, number, number];
    const store = new ClaimStore();
    try {
      await store.addClaim(articlePath, text, start, end, {}, `${prefix}${round}`);
      process.stdout.write(`saved ${round}\n`);
    } catch (error) {
      process.stdout.write(`refused ${round}: ${(error as Error).message.replace(/\n/g, ' ')}\n`);
    } finally {
      store.dispose();
    }
  }
}

async function main(): Promise<void> {
  const [articlePath, mode, countText, prefix] = process.argv.slice(2);
  const count = Number(countText);
  const text = fs.readFileSync(articlePath, 'utf8');
  if (mode === 'rounds') return rounds(articlePath, text, prefix);
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
