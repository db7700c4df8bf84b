// Writes the extra training sentences for the spotter from the CLEF CheckThat! 2021 Task 2B English files:
//   npx tsx scripts/prepare-extra-claims.ts <dir with iclaims.queries and politifact-vclaims.jsonl> <out dir>
// Drops repeats, and every sentence that equals or nearly equals one in CT24 dev or dev-test (so those stay
// unseen); iclaims from a debate that shares any sentence with dev-test are dropped whole (dev-test is later
// debates, and the rest of such a debate would teach its topics). Prints what it removed.
import fs from 'node:fs';
import path from 'node:path';
import { comparisonWords, NearDuplicateIndex, type ExtraClaim } from './extraClaims';
import { readCheckworthy } from './train-spotter';

const [archiveDir, outDir] = process.argv.slice(2);
if (!archiveDir || !outDir) {
  console.error('usage: prepare-extra-claims.ts <archive dir> <out dir>');
  process.exit(2);
}
const repoRoot = path.resolve(import.meta.dirname, '..');
const checkworthyDir = process.env.CHECKWORTHY_DIR ?? path.join(repoRoot, 'data/checkworthy');

const clean = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Where PolitiFact says the claim was made ("stated on May 3, 2016 in a debate:"): debate, spoken or written. */
function venue(date: string): string {
  const where = (/\d{4},? in (.*)$/s.exec(date)?.[1] ?? date).toLowerCase();
  if (/\bdebate\b/.test(where)) return 'debate';
  const spoken =
    /\b(speech|interview|town hall|rally|remarks|news conference|press conference|radio|tv|television|show|meet the press|hearing|floor|forum|podcast|video|appearance)\b/;
  return spoken.test(where) ? 'spoken' : 'written';
}

const claims: ExtraClaim[] = [];
for (const line of fs.readFileSync(path.join(archiveDir, 'iclaims.queries'), 'utf8').split('\n')) {
  if (line.trim() === '') continue;
  const tab = line.indexOf('\t');
  if (tab < 0) throw new Error(`iclaims.queries: no tab in "${line.slice(0, 60)}"`);
  claims.push({ source: 'iclaims', group: line.slice(0, tab).replace(/_\d+$/, ''), text: clean(line.slice(tab + 1)) });
}
fs.readFileSync(path.join(archiveDir, 'politifact-vclaims.jsonl'), 'utf8')
  .split('\n')
  .forEach((line, i) => {
    if (line.trim() === '') return;
    const row = JSON.parse(line) as { vclaim?: unknown; date?: unknown };
    if (typeof row.vclaim !== 'string') throw new Error(`politifact-vclaims.jsonl:${i + 1}: no vclaim`);
    claims.push({ source: 'vclaims', group: venue(typeof row.date === 'string' ? row.date : ''), text: clean(row.vclaim) });
  });

const counts: Record<string, number> = {};
const bump = (key: string) => (counts[key] = (counts[key] ?? 0) + 1);
for (const c of claims) bump(`${c.source} read`);

// Repeats: the same words in the same order (iclaims ids repeat; PolitiFact checked some claims twice).
const seen = new Set<string>();
const unique = claims.filter((c) => {
  const key = comparisonWords(c.text).join(' ');
  if (key === '' || seen.has(key)) {
    bump(`${c.source} repeats or empty`);
    return false;
  }
  seen.add(key);
  return true;
});

const dev = readCheckworthy(path.join(checkworthyDir, 'CT24_checkworthy_english_dev.tsv'));
const devTest = readCheckworthy(path.join(checkworthyDir, 'CT24_checkworthy_english_dev-test.tsv'));
const devIndex = new NearDuplicateIndex(dev.map((e) => e.text));
const devTestIndex = new NearDuplicateIndex(devTest.map((e) => e.text));
const devTestGroups = new Set<string>();
const kept = unique.filter((c) => {
  const inDev = devIndex.matches(c.text).length > 0;
  const inDevTest = devTestIndex.matches(c.text).length > 0;
  if (inDevTest && c.source === 'iclaims') devTestGroups.add(c.group);
  if (inDev || inDevTest) {
    bump(`${c.source} near-duplicates of ${inDev && inDevTest ? 'dev and dev-test' : inDev ? 'dev' : 'dev-test'}`);
    return false;
  }
  return true;
});
const final = kept.filter((c) => {
  if (c.source === 'iclaims' && devTestGroups.has(c.group)) {
    bump('iclaims from a debate shared with dev-test');
    return false;
  }
  return true;
});
for (const c of final) bump(`${c.source} kept`);

fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'claims.tsv'), ['source\tgroup\ttext', ...final.map((c) => `${c.source}\t${c.group}\t${c.text}`)].join('\n') + '\n');
console.log(JSON.stringify({ ...counts, debatesSharedWithDevTest: [...devTestGroups] }, null, 2));
