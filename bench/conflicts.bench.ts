// findConflicts over a generated workspace: 1,000 articles with 20,000 claims. Target: under 1 s.
//   npx tsx bench/conflicts.bench.ts
import { pathToFileURL } from 'node:url';
import { findConflicts, type ConflictInput } from '../src/core/conflicts/conflicts';
import { type BenchResult, median } from './harness';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['an', 'tro', 'pic', 'zon', 'mer', 'ka', 'vel', 'dor', 'syn', 'lux', 'bri', 'quo', 'ten', 'ra', 'mi', 'sol', 'vex', 'nor'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ROLES = ['initial investment', 'funding round', 'valuation', 'annual revenue', 'quarterly profit', 'acquisition', 'settlement', 'budget'];
const VERBS = ['said', 'reported', 'announced', 'confirmed', 'disclosed'];
const FILLER = [
  'The move follows months of negotiations between the two sides.',
  'Analysts expect the market to react cautiously to the news.',
  'Critics argued that the plan lacked detail on how it would be paid for.',
  'The company did not respond to a request for comment.',
  'Officials stressed that talks were continuing.',
];

/** A seeded newsroom: companies with recurring subjects, told with agreeing and disagreeing figures. */
export interface GeneratedClaim extends ConflictInput {
  /** Which underlying fact the claim tells, and whether it tells it wrongly; for scoring suggestions. */
  fact?: number;
  wrong?: boolean;
}

export function generateWorkspace(articles: number, claimsPerArticle: number, seed = 42): GeneratedClaim[] {
  const random = rng(seed);
  const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const name = () => {
    const word = Array.from({ length: 2 + Math.floor(random() * 2) }, () => pick(SYLLABLES)).join('');
    return word[0].toUpperCase() + word.slice(1);
  };
  const companies = Array.from({ length: 400 }, name);
  const facts = Array.from({ length: 3000 }, () => ({
    buyer: pick(companies),
    target: pick(companies),
    role: pick(ROLES),
    amount: Math.round(random() * 900 + 10) / 10,
    scale: pick(['million', 'billion']),
    month: pick(MONTHS),
    day: 1 + Math.floor(random() * 28),
    year: 2015 + Math.floor(random() * 10),
  }));
  const claims: GeneratedClaim[] = [];
  for (let a = 0; a < articles; a++) {
    const article = `news/${String(a).padStart(4, '0')}-${name().toLowerCase()}.md`;
    for (let c = 0; c < claimsPerArticle; c++) {
      const id = `c${c}`;
      if (random() < 0.25) {
        claims.push({ article, id, text: pick(FILLER) });
        continue;
      }
      const factIndex = Math.floor(random() * facts.length);
      const fact = facts[factIndex];
      // One telling in ten gets the amount or date wrong, as a rival report would.
      const wrong = random() < 0.1;
      const amount = wrong ? Math.round(fact.amount * (1.5 + random()) * 10) / 10 : fact.amount;
      const month = wrong && random() < 0.5 ? pick(MONTHS) : fact.month;
      const text =
        random() < 0.5
          ? `${fact.buyer} ${pick(VERBS)} its ${fact.role} in ${fact.target} was $${amount} ${fact.scale}, agreed on ${month} ${fact.day}, ${fact.year}.`
          : `The ${fact.role} of $${amount} ${fact.scale} by ${fact.buyer} in ${fact.target}, from ${month} ${fact.year}, ${pick(VERBS)} people familiar with the matter.`;
      const changed = amount !== fact.amount || month !== fact.month;
      claims.push({ article, id, text, articleDate: `${fact.year + 1}-01-15`, fact: factIndex, wrong: changed });
    }
  }
  return claims;
}

export async function run(): Promise<BenchResult[]> {
  const claims = generateWorkspace(1000, 20);
  findConflicts(claims.slice(0, 2000));
  // CPU time of the (single-threaded) run, which stays meaningful when other work shares the machine.
  const times: number[] = [];
  const wall: number[] = [];
  let suggestions = 0;
  for (let i = 0; i < 5; i++) {
    const usage = process.cpuUsage();
    const started = performance.now();
    suggestions = findConflicts(claims).length;
    wall.push(performance.now() - started);
    const used = process.cpuUsage(usage);
    times.push((used.user + used.system) / 1000);
  }
  const medianMs = median(times);
  // Quality on the generated data: a suggestion is right when both claims tell the same fact and one of them
  // tells it wrongly (two different wrong tellings also disagree, so they count too).
  const byKey = new Map(claims.map((c) => [`${c.article}#${c.id}`, c]));
  const found = findConflicts(claims);
  const right = found.filter((s) => {
    const a = byKey.get(`${s.a.article}#${s.a.id}`)!;
    const b = byKey.get(`${s.b.article}#${s.b.id}`)!;
    return a.fact === b.fact && (a.wrong || b.wrong);
  }).length;
  let expected = 0;
  const tellings = new Map<number, { right: number; wrong: number }>();
  for (const c of claims) {
    if (c.fact === undefined) continue;
    const t = tellings.get(c.fact) ?? { right: 0, wrong: 0 };
    if (c.wrong) t.wrong++;
    else t.right++;
    tellings.set(c.fact, t);
  }
  for (const t of tellings.values()) expected += t.right * t.wrong + (t.wrong * (t.wrong - 1)) / 2;
  return [
    {
      figure: 'findConflicts, 1,000 articles / 20,000 claims',
      medianMs: Number(medianMs.toFixed(1)),
      target: '< 1000 ms',
      pass: medianMs < 1000,
      details: {
        claims: claims.length,
        suggestions,
        precision: Number((right / Math.max(1, found.length)).toFixed(3)),
        recall: Number((right / Math.max(1, expected)).toFixed(3)),
        timing: 'CPU time of one thread (median of 5 runs); wall time beside it',
        runsMs: times.map((t) => Number(t.toFixed(1))),
        wallMedianMs: Number(median(wall).toFixed(1)),
      },
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().then((results) => console.log(JSON.stringify(results, null, 2)));
}
