// Okapi BM25 over pre-analysed terms, with weighted fields folded into one term frequency (a simple BM25F).
//
// Hand-written rather than MiniSearch (the well-kept library we measured first): MiniSearch keeps a radix tree for
// prefix and fuzzy search, which this use never needs, and on the 19,250-entry PolitiFact archive it took several
// times longer to build and to answer than these flat posting lists (bench/factCheckMatching.bench.ts measures
// both in the same run, on the same terms).

export interface Bm25Parameters {
  k1: number;
  b: number;
}

/** One document: its fields' terms, each field with the weight its term counts get. */
export type Bm25Document = ReadonlyArray<{ terms: readonly string[]; weight: number }>;

export interface Bm25Hit {
  doc: number;
  score: number;
}

export class Bm25Index {
  private readonly termIds = new Map<string, number>();
  private readonly postingDocs: Int32Array[] = [];
  private readonly postingFrequencies: Float32Array[] = [];
  private readonly lengthNorm: Float32Array;
  /** Scratch space for one query at a time: JavaScript runs one query at a time per index. */
  private readonly scores: Float64Array;
  private readonly touched: Int32Array;

  constructor(
    documents: readonly Bm25Document[],
    private readonly parameters: Bm25Parameters = { k1: 1.2, b: 0.75 },
  ) {
    const docs: number[][] = [];
    const frequencies: number[][] = [];
    const lengths = new Float64Array(documents.length);
    let totalLength = 0;
    for (let doc = 0; doc < documents.length; doc++) {
      for (const field of documents[doc]!) {
        for (const term of field.terms) {
          let id = this.termIds.get(term);
          if (id === undefined) {
            id = docs.length;
            this.termIds.set(term, id);
            docs.push([]);
            frequencies.push([]);
          }
          // Documents arrive in order, so a repeat of a term in this document is the posting list's last entry.
          const postings = docs[id]!;
          const last = postings.length - 1;
          if (last >= 0 && postings[last] === doc) frequencies[id]![last]! += field.weight;
          else {
            postings.push(doc);
            frequencies[id]!.push(field.weight);
          }
          lengths[doc]! += field.weight;
        }
      }
      totalLength += lengths[doc]!;
    }
    for (let id = 0; id < docs.length; id++) {
      this.postingDocs.push(new Int32Array(docs[id]!));
      this.postingFrequencies.push(new Float32Array(frequencies[id]!));
    }
    const average = documents.length > 0 ? totalLength / documents.length || 1 : 1;
    const { k1, b } = parameters;
    // k1 * (1 - b + b * length / average), once per document instead of once per posting and query.
    this.lengthNorm = Float32Array.from(lengths, (length) => k1 * (1 - b + (b * length) / average));
    this.scores = new Float64Array(documents.length);
    this.touched = new Int32Array(documents.length);
  }

  get documentCount(): number {
    return this.lengthNorm.length;
  }

  /** How many documents contain the term. */
  documentFrequency(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.postingDocs[id]!.length;
  }

  /** The BM25 inverse document frequency (never negative). */
  idf(term: string): number {
    const df = this.documentFrequency(term);
    return Math.log(1 + (this.documentCount - df + 0.5) / (df + 0.5));
  }

  /**
   * The `top` best documents for the terms (repeats count once), best first; ties go to the earlier document.
   * Documents in `alsoKeep` that match any term follow them, best first, when they are not among the top.
   */
  search(terms: readonly string[], top: number, alsoKeep?: ReadonlySet<number>): Bm25Hit[] {
    const { scores, touched } = this;
    let touchedCount = 0;
    const k1 = this.parameters.k1;
    for (const term of new Set(terms)) {
      const id = this.termIds.get(term);
      if (id === undefined) continue;
      const docs = this.postingDocs[id]!;
      const frequencies = this.postingFrequencies[id]!;
      const idf = this.idf(term);
      for (let p = 0; p < docs.length; p++) {
        const doc = docs[p]!;
        const tf = frequencies[p]!;
        if (scores[doc] === 0) touched[touchedCount++] = doc;
        scores[doc]! += (idf * tf * (k1 + 1)) / (tf + this.lengthNorm[doc]!);
      }
    }
    // Keep the best `top` in a small sorted array: most documents fall below its last entry at once.
    const best: Bm25Hit[] = [];
    const kept: Bm25Hit[] = [];
    for (let t = 0; t < touchedCount; t++) {
      const doc = touched[t]!;
      const score = scores[doc]!;
      scores[doc] = 0;
      if (alsoKeep?.has(doc)) kept.push({ doc, score });
      if (best.length === top && !(score > best[top - 1]!.score || (score === best[top - 1]!.score && doc < best[top - 1]!.doc))) continue;
      let at = best.length;
      while (at > 0 && (best[at - 1]!.score < score || (best[at - 1]!.score === score && best[at - 1]!.doc > doc))) at--;
      best.splice(at, 0, { doc, score });
      if (best.length > top) best.pop();
    }
    if (kept.length === 0) return best;
    const inBest = new Set(best.map((hit) => hit.doc));
    return [...best, ...kept.filter((hit) => !inBest.has(hit.doc)).sort((a, b) => b.score - a.score || a.doc - b.doc)];
  }
}
