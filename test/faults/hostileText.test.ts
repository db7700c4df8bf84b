// Issue 20, item 5: hostile text for date extraction is linear. Text a stranger can put in an article (a run of
// "](", thousands of weekday names, a 200 KB article on one line) must not make date and value extraction or
// conflict finding take seconds per keystroke. Before the fix: extractDates took 15.8 s on 100 KB of "](" and
// 7.9 s on 300 KB of weekday names, and `claims conflicts` 48 s on a 200 KB one-line article.
//
// Each check runs the input at a quarter of its size and at full size: linear work grows about 4 times,
// quadratic work 16 times. A check fails when the full size both grows more than 8 times and takes longer
// than a budget far above what linear code needs on this machine, so a busy machine cannot fail it alone.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/main';
import { findConflicts } from '../../src/core/conflicts/conflicts';
import { extractAmounts, extractDates } from '../../src/core/conflicts/values';
import { spotClaims } from '../../src/core/spotting/spotter';

function timed(work: () => unknown): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

async function timedAsync(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** Fails when going from a quarter to the full input grows the time quadratically and past the budget. */
function assertLinear(name: string, quarterMs: number, fullMs: number, budgetMs: number): void {
  const growth = fullMs / Math.max(1, quarterMs);
  assert.ok(
    !(growth > 8 && fullMs > budgetMs) && fullMs < budgetMs * 4,
    `${name}: ${quarterMs.toFixed(0)} ms at a quarter of the size, ${fullMs.toFixed(0)} ms at full size (x${growth.toFixed(1)}; budget ${budgetMs} ms)`,
  );
}

describe('issue 20, item 5: hostile text for date extraction is linear', () => {
  it('extractDates on 100 KB of "](" (a link target that never closes)', () => {
    const text = (n: number) => ']('.repeat(n / 2);
    extractDates(text(4_000));
    assertLinear(
      '"]("',
      timed(() => extractDates(text(25_000))),
      timed(() => extractDates(text(100_000))),
      1_500,
    );
  });

  it('extractDates on 300 KB of repeated weekday names', () => {
    const text = (n: number) => 'Monday Tuesday '.repeat(n / 15);
    extractDates(text(10_000));
    assertLinear(
      'weekdays',
      timed(() => extractDates(text(75_000))),
      timed(() => extractDates(text(300_000))),
      2_500,
    );
  });

  it('extractAmounts on 300 KB of weekday names and counts', () => {
    const text = (n: number) => 'On Monday 5 people and 3 cars, '.repeat(n / 31);
    extractAmounts(text(10_000));
    assertLinear(
      'weekdays and counts',
      timed(() => extractAmounts(text(75_000))),
      timed(() => extractAmounts(text(300_000))),
      4_000,
    );
  });

  it('findConflicts and `claims conflicts` on a 200 KB article on one line, dense with figures', async () => {
    const sentence = 'Acme paid $5 million to 40 workers on Monday and 3% more in March 2024, while 7 people said it cost $2bn. ';
    const oneLine = (n: number) => sentence.repeat(Math.ceil(n / sentence.length)).slice(0, n);
    const pair = (n: number) => [
      { article: 'a.txt', id: '1', text: oneLine(n) },
      { article: 'b.txt', id: '2', text: oneLine(n) },
    ];
    findConflicts(pair(5_000));
    assertLinear(
      'findConflicts',
      timed(() => findConflicts(pair(50_000))),
      timed(() => findConflicts(pair(200_000))),
      5_000,
    );

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claims-hostile-'));
    try {
      const run = async (n: number) => {
        fs.writeFileSync(path.join(dir, 'a.txt'), oneLine(n));
        fs.writeFileSync(path.join(dir, 'b.txt'), oneLine(n));
        let stderr = '';
        const code = await runCli(['conflicts', 'a.txt', 'b.txt', '--json'], {
          cwd: dir,
          stdout: () => undefined,
          stderr: (text) => void (stderr += text),
          readStdin: async () => '',
        });
        assert.ok(code === 0 || code === 1, `claims conflicts exited with ${code}: ${stderr}`);
      };
      await run(5_000);
      assertLinear('claims conflicts', await timedAsync(() => run(50_000)), await timedAsync(() => run(200_000)), 10_000);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('spotting: a line of digits that almost looks like a date', () => {
  // Found by the spotClaims fuzz test: the dateline pattern split each run of digits into 1–4 digit pieces in
  // every possible way before failing, so three copies of "5335177894 " before "€3.5 million" took 7.5 s and
  // the fuzz case (1.4 KB) never finished.
  it('spotClaims on repeated long numbers ending in an amount', () => {
    const line = (copies: number) => '5335177894 \uFEFF'.repeat(copies) + '53€3.5 million';
    const ms = timed(() => spotClaims(line(120)));
    assert.ok(ms < 2000, `spotClaims took ${ms.toFixed(0)} ms on ${line(120).length} characters`);
    assertLinear(
      'spotClaims on repeated numbers',
      timed(() => spotClaims(line(30).repeat(4))),
      timed(() => spotClaims(line(30).repeat(16))),
      2000,
    );
  });

  // Found by the fuzz test in CI: "Sept" is both a month and a time-zone-like word ("[a-z]{2,4}t"), and "a.m." may keep or
  // give up its last dot, so a line of them that fails to be a date at its very end was tried 2^n ways (100 ms at 20 repeats).
  for (const token of ['Sept.', 'a.m.', 'Oct.', 'p.m.Sept.']) {
    it(`spotClaims on a line of "${token}" that is not a date at its end`, () => {
      // Lines up to 120 characters are tested as datelines, so the longest line stays under that.
      const line = (copies: number) => token.repeat(copies) + 'Se';
      const most = Math.floor(116 / token.length);
      const ms = timed(() => spotClaims(line(most)));
      assert.ok(ms < 50, `spotClaims took ${ms.toFixed(0)} ms on ${line(most).length} characters`);
      assertLinear(
        `spotClaims on repeated "${token}"`,
        timed(() => spotClaims(line(Math.ceil(most / 4)))),
        timed(() => spotClaims(line(most))),
        50,
      );
    });
  }
});
