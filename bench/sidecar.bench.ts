// Loading and saving a sidecar with 10,000 claims, against plain JSON.parse / JSON.stringify of the same
// file. Budget (issue 3): each within 3x of its baseline and under 50 ms.
// Run alone with `npx tsx bench/sidecar.bench.ts`.
import { pathToFileURL } from 'node:url';
import type { Claim, Sidecar } from '../src/core/sidecar/schema';
import { parseSidecar, serializeSidecar } from '../src/core/sidecar/sidecar';
import { type BenchResult, median } from './harness';

const CLAIMS = 10_000;
const RUNS = 21;
const BUDGET_RATIO = 3;
const BUDGET_MS = 50;

/** A realistic sidecar: quotes with context, a third with notes, half with citations, some conflicts. */
export function generateSidecar(claims: number): Sidecar {
  const list: Claim[] = [];
  for (let i = 0; i < claims; i++) {
    const start = i * 180 + (i % 7);
    list.push({
      id: `c-${i.toString(36).padStart(8, '0')}`,
      quote: {
        exact: `Amazon’s initial investment of $${(i % 50) / 10 + 1} billion in Anthropic closed on March ${(i % 28) + 1}`,
        prefix: 'reported Thursday (Nov. 7) that ',
        suffix: ', according to people familiar w',
      },
      position: { start, end: start + 96 },
      status: (['unverified', 'supported', 'disputed', 'refuted'] as const)[i % 4]!,
      note: i % 3 === 0 ? 'Checked against the SEC filing; the press release rounds the figure.' : '',
      origin: i % 5 === 0 ? 'spotted' : 'manual',
      citations:
        i % 2 === 0
          ? [
              {
                id: 's1',
                url: `https://www.example-news.com/2024/11/07/amazon-anthropic-${i}`,
                title: 'Amazon in talks for second multibillion-dollar investment in Anthropic',
                publisher: 'Example News',
                issued: '2024-11-07',
                accessed: '2024-11-08',
              },
            ]
          : [],
      conflicts:
        i % 10 === 0
          ? [
              {
                id: 'k1',
                other: { article: 'amazon-anthropic-maginative.txt', claim: `c-${(i + 1).toString(36)}` },
                kind: 'amount',
                thisValue: '$4 billion',
                otherValue: '$1.25 billion',
                note: '',
                state: 'open',
                resolution: '',
              },
            ]
          : [],
      created: '2024-11-08T10:15:00Z',
      updated: '2024-11-08T10:20:30Z',
    });
  }
  return { version: 1, article: 'amazon-anthropic-pymnts.txt', claims: list };
}

/** Times `candidate` and `baseline` alternately, so both see the same machine state. */
function compare(candidate: () => unknown, baseline: () => unknown): { medianMs: number; baselineMs: number } {
  for (let i = 0; i < 3; i++) {
    candidate();
    baseline();
  }
  const candidateTimes: number[] = [];
  const baselineTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let started = performance.now();
    baseline();
    baselineTimes.push(performance.now() - started);
    started = performance.now();
    candidate();
    candidateTimes.push(performance.now() - started);
  }
  return { medianMs: median(candidateTimes), baselineMs: median(baselineTimes) };
}

function result(figure: string, timing: { medianMs: number; baselineMs: number }, baselineName: string, details: Record<string, unknown>): BenchResult {
  const ratio = timing.medianMs / timing.baselineMs;
  return {
    figure,
    medianMs: Number(timing.medianMs.toFixed(2)),
    baselineMs: Number(timing.baselineMs.toFixed(2)),
    target: `< ${BUDGET_RATIO}x ${baselineName} and < ${BUDGET_MS} ms`,
    pass: ratio < BUDGET_RATIO && timing.medianMs < BUDGET_MS,
    details: { ...details, ratio: Number(ratio.toFixed(2)) },
  };
}

export async function run(): Promise<BenchResult[]> {
  const sidecar = generateSidecar(CLAIMS);
  const text = serializeSidecar(sidecar);
  const check = parseSidecar(text);
  if (!check.ok || serializeSidecar(check.sidecar) !== text) throw new Error('the generated sidecar does not round-trip');
  const plain: unknown = JSON.parse(text);
  const details = { claims: CLAIMS, bytes: Buffer.byteLength(text) };

  const load = compare(
    () => parseSidecar(text),
    () => JSON.parse(text),
  );
  const save = compare(
    () => serializeSidecar(check.sidecar),
    () => JSON.stringify(plain, null, 2),
  );

  // Not budgeted by the issue, but a broken file must not freeze the editor: zod plus the locating scanner.
  const broken = text.replace('"status": "supported"', '"status": "maybe"');
  const brokenTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const outcome = parseSidecar(broken);
    brokenTimes.push(performance.now() - started);
    if (outcome.ok) throw new Error('the broken sidecar was accepted');
  }
  const brokenMs = median(brokenTimes);

  return [
    result(`parseSidecar (load + validate), ${CLAIMS.toLocaleString('en')} claims`, load, 'JSON.parse', details),
    result(`serializeSidecar, ${CLAIMS.toLocaleString('en')} claims`, save, 'JSON.stringify', details),
    {
      figure: `parseSidecar of the same file with one invalid status (located error)`,
      medianMs: Number(brokenMs.toFixed(2)),
      target: '< 500 ms',
      pass: brokenMs < 500,
      details,
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().then((results) => {
    for (const r of results) {
      const ratio = r.baselineMs ? `  (${(r.medianMs / r.baselineMs).toFixed(2)}x baseline ${r.baselineMs} ms)` : '';
      console.log(`${r.pass ? 'PASS' : 'FAIL'}  ${r.figure}: ${r.medianMs} ms${ratio}; target ${r.target}`);
    }
    console.log(JSON.stringify(results, null, 2));
  });
}
