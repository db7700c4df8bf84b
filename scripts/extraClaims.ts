// Extra check-worthy sentences for training the spotter (issue 16): debate sentences matched to PolitiFact
// fact-checks and the PolitiFact claims themselves, from CLEF CheckThat! 2021 Task 2B English. Shared by
// scripts/prepare-extra-claims.ts (which writes data/fact-check-archive-claims) and scripts/train-spotter.ts.
import fs from 'node:fs';

export type ExtraSource = 'iclaims' | 'vclaims';

export interface ExtraClaim {
  source: ExtraSource;
  /**
   * iclaims: the debate or speech (the sentence id without its number). vclaims: where PolitiFact says it was
   * said, `debate`, `spoken` (speech, interview, rally, ...) or `written` (ads, posts, tweets, releases, ...).
   */
  group: string;
  text: string;
}

/**
 * PolitiFact writes a paraphrased claim as `Says ...` and a verbatim one inside quotation marks; neither form
 * occurs in debate transcripts, so both are undone: `Says (that) X` becomes `X`, `"X"` becomes `X`.
 */
export function normaliseClaim(text: string): string {
  let out = text.trim().replace(/^says,?\s+(?:that\s+)?/i, '');
  const quoted = /^["“](.*)["”]$/s.exec(out);
  if (quoted && !/["“”]/.test(quoted[1])) out = quoted[1].trim();
  if (out.length > 0) out = out[0].toUpperCase() + out.slice(1);
  return out;
}

/** Lower-case words of a sentence, after normaliseClaim, for comparing sentences written slightly differently. */
export function comparisonWords(text: string): string[] {
  return (
    normaliseClaim(text)
      .toLowerCase()
      .replace(/[’']/g, '')
      .match(/[a-z0-9]+/g) ?? []
  );
}

/**
 * Finds near-duplicates of a sentence among a fixed set: the same words in the same order, or word sets with
 * Jaccard similarity >= 0.7, or (when the shorter has at least 5 distinct words) >= 90 % of the shorter's words
 * inside the longer. Candidates are the sentences sharing a word trigram (a word pair or the whole text for
 * shorter ones), so the search stays fast on tens of thousands of sentences.
 */
export class NearDuplicateIndex {
  private readonly sets: Array<Set<string>>;
  private readonly keys: string[];
  private readonly postings = new Map<string, number[]>();

  constructor(texts: string[]) {
    const words = texts.map(comparisonWords);
    this.sets = words.map((w) => new Set(w));
    this.keys = words.map((w) => w.join(' '));
    words.forEach((w, i) => {
      for (const shingle of new Set(shingles(w))) {
        let list = this.postings.get(shingle);
        if (!list) this.postings.set(shingle, (list = []));
        list.push(i);
      }
    });
  }

  /** Indices (into the constructor's list) of the sentences that nearly equal `text`. */
  matches(text: string): number[] {
    const words = comparisonWords(text);
    if (words.length === 0) return [];
    const key = words.join(' ');
    const set = new Set(words);
    const candidates = new Set<number>();
    for (const shingle of new Set(shingles(words))) for (const i of this.postings.get(shingle) ?? []) candidates.add(i);
    const out: number[] = [];
    for (const i of candidates) {
      if (this.keys[i] === key || nearlyEqual(set, this.sets[i])) out.push(i);
    }
    return out.sort((a, b) => a - b);
  }
}

function shingles(words: string[]): string[] {
  const n = Math.min(3, words.length);
  if (n === 0) return [];
  const out: string[] = [];
  for (let i = 0; i + n <= words.length; i++) out.push(words.slice(i, i + n).join(' '));
  return out;
}

function nearlyEqual(a: Set<string>, b: Set<string>): boolean {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  const union = a.size + b.size - shared;
  if (union > 0 && shared / union >= 0.7) return true;
  const shorter = Math.min(a.size, b.size);
  return shorter >= 5 && shared / shorter >= 0.9;
}

/** Reads data/fact-check-archive-claims/claims.tsv: a header, then `source<TAB>group<TAB>text` rows. */
export function readExtraClaims(file: string): ExtraClaim[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const out: ExtraClaim[] = [];
  lines.slice(1).forEach((line, i) => {
    if (line === '') return;
    const [source, group, text, ...rest] = line.split('\t');
    if ((source !== 'iclaims' && source !== 'vclaims') || text === undefined || text === '' || rest.length > 0) {
      throw new Error(`${file}:${i + 2}: expected "iclaims|vclaims<TAB>group<TAB>text"`);
    }
    out.push({ source, group: group ?? '', text });
  });
  return out;
}
