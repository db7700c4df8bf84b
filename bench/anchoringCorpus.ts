// A seeded, deterministic evaluation corpus for re-anchoring, built at run time from real prose: the sample
// articles and CheckThat! debate sentences assembled into articles. Each case records a claim's selector against
// an article, edits the article the way writers do, and knows by construction where the claim's text went.
import fs from 'node:fs';
import path from 'node:path';
import { quoteSelector, type AnchorSelector } from '../src/core/anchoring/anchoring';
import { Random, REPO_ROOT } from './harness';

export const CASE_KINDS = ['unchanged', 'light', 'light-neighbour', 'moved', 'rewritten', 'deleted', 'replaced', 'deleted-lookalike', 'deleted-twin'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export interface AnchorCase {
  kind: CaseKind;
  /** Whether the claim is a whole sentence or a phrase inside one. */
  target: 'sentence' | 'phrase';
  source: 'sample' | 'checkthat';
  selector: AnchorSelector;
  /** The article after the edits. */
  text: string;
  /** Where the claim's (possibly edited) text is in `text`; null when it was deleted. */
  truth: { start: number; end: number } | null;
  /** Share of the claim's characters left untouched by the edits (by construction). */
  kept: number;
}

export interface CorpusOptions {
  seed: number;
  casesPerKind: number;
  /** CheckThat! split(s) the assembled articles are built from. */
  checkThatFiles: string[];
}

/** Tuning corpus: CheckThat! train sentences. Reporting corpus: dev + dev-test sentences and the sample articles. */
export const TUNING_CORPUS: CorpusOptions = { seed: 20240611, casesPerKind: 400, checkThatFiles: ['CT24_checkworthy_english_train.tsv'] };
export const REPORT_CORPUS: CorpusOptions = {
  seed: 77,
  casesPerKind: 500,
  checkThatFiles: ['CT24_checkworthy_english_dev.tsv', 'CT24_checkworthy_english_dev-test.tsv'],
};

/** True with probability p. */
function chance(random: Random, p: number): boolean {
  return random.next() < p;
}

function firstExisting(candidates: string[]): string {
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (!found) throw new Error(`none of these exist: ${candidates.join(', ')}`);
  return found;
}

export function sampleArticles(): string[] {
  const dir = firstExisting([path.join(REPO_ROOT, 'test/fixtures/articles')]);
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => fs.readFileSync(path.join(dir, name), 'utf8'));
}

/** Sentences of a CheckThat! TSV (no final newline; one line holds two rows glued together, which we split). */
export function checkThatSentences(file: string): string[] {
  const full = path.join(firstExisting([path.join(REPO_ROOT, 'data/checkworthy')]), file);
  const sentences: string[] = [];
  for (const line of fs.readFileSync(full, 'utf8').split(/\r?\n/).slice(1)) {
    // A glued line looks like "id<TAB>text<TAB>label<id><TAB>text<TAB>label".
    const rows = line.split(/(?<=\t(?:Yes|No))(?=\d+\t)/);
    for (const row of rows) {
      const columns = row.split('\t');
      if (columns.length < 3) continue;
      let text = columns[1].trim();
      if (text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1).replace(/""/g, '"');
      if (text.length >= 30 && text.length <= 320) sentences.push(text);
    }
  }
  return [...new Set(sentences)];
}

interface Sentence {
  id: number;
  text: string;
}
type Article = Sentence[][];

function splitSentences(paragraph: string): string[] {
  return paragraph
    .split(/(?<=[.!?][”"’')]?)\s+(?=[A-Z“"‘(])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function render(article: Article): { text: string; offsets: Map<number, number> } {
  const offsets = new Map<number, number>();
  let text = '';
  article.forEach((paragraph, p) => {
    if (p > 0) text += '\n\n';
    paragraph.forEach((sentence, i) => {
      if (i > 0) text += ' ';
      offsets.set(sentence.id, text.length);
      text += sentence.text;
    });
  });
  return { text: text + '\n', offsets };
}

function cloneArticle(article: Article): Article {
  return article.map((paragraph) => paragraph.map((sentence) => ({ ...sentence })));
}

function locate(article: Article, id: number): { p: number; i: number } | undefined {
  for (let p = 0; p < article.length; p++) {
    const i = article[p].findIndex((s) => s.id === id);
    if (i >= 0) return { p, i };
  }
  return undefined;
}

interface Token {
  text: string;
  original: boolean;
}

/** A text as words and the spaces between them, each marked as original or edited, to count what was kept. */
class EditableText {
  tokens: Token[];
  private readonly originalLength: number;
  constructor(
    text: string,
    private readonly random: Random,
    private readonly vocabulary: string[],
  ) {
    this.tokens = text
      .split(/(\s+)/)
      .filter((t) => t.length > 0)
      .map((t) => ({ text: t, original: true }));
    this.originalLength = text.length;
  }
  toString(): string {
    return this.tokens.map((t) => t.text).join('');
  }
  /** Untouched characters as a share of the longer of the old and new text, so insertions count as change too. */
  kept(): number {
    const untouched = this.tokens.filter((t) => t.original).reduce((sum, t) => sum + t.text.length, 0);
    return untouched / Math.max(1, this.originalLength, this.toString().length);
  }
  private wordIndexes(): number[] {
    return this.tokens.map((t, i) => (/\S/.test(t.text) ? i : -1)).filter((i) => i >= 0);
  }
  private newWord(): string {
    return this.random.pick(this.vocabulary);
  }
  substitute(): void {
    const words = this.wordIndexes();
    if (words.length === 0) return;
    const i = this.random.pick(words);
    const trailing = this.tokens[i].text.match(/[.,;:!?”"’)]+$/)?.[0] ?? '';
    this.tokens[i] = { text: this.newWord() + trailing, original: false };
  }
  typo(): void {
    const words = this.wordIndexes().filter((i) => this.tokens[i].text.length >= 3);
    if (words.length === 0) return this.substitute();
    const i = this.random.pick(words);
    const w = this.tokens[i].text;
    const at = this.random.int(0, w.length - 1);
    const letters = 'etaoinshrdlu';
    const variants = [
      w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2),
      w.slice(0, at) + w.slice(at + 1),
      w.slice(0, at) + this.random.pick([...letters]) + w.slice(at),
      w.slice(0, at) + this.random.pick([...letters]) + w.slice(at + 1),
    ];
    const changed = this.random.pick(variants);
    if (changed !== w) this.tokens[i] = { text: changed, original: false };
  }
  changeNumber(): void {
    const numbers = this.tokens.map((t, i) => (/\d/.test(t.text) ? i : -1)).filter((i) => i >= 0);
    if (numbers.length === 0) return this.substitute();
    const i = this.random.pick(numbers);
    const changed = this.tokens[i].text.replace(/\d+(?:[.,]\d+)?/, () => String(this.random.int(2, 1000)));
    if (changed !== this.tokens[i].text) this.tokens[i] = { text: changed, original: false };
  }
  insertWords(): void {
    const count = this.random.int(1, 4);
    const words = Array.from({ length: count }, () => this.newWord()).join(' ');
    const spaces = this.tokens.map((t, i) => (/\S/.test(t.text) ? -1 : i)).filter((i) => i >= 0);
    if (spaces.length === 0) {
      this.tokens.push({ text: ' ', original: false }, { text: words, original: false });
      return;
    }
    const at = this.random.pick(spaces);
    this.tokens.splice(at + 1, 0, { text: words, original: false }, { text: ' ', original: false });
  }
  deleteWords(): void {
    const words = this.wordIndexes();
    if (words.length < 3) return this.substitute();
    const first = this.random.int(0, words.length - 1);
    const count = this.random.int(1, Math.min(2, words.length - 1 - first) + 1);
    const from = words[first];
    const to = words[first + count - 1] + 1;
    // Remove the words and the space after them.
    const end = to < this.tokens.length && !/\S/.test(this.tokens[to].text) ? to + 1 : to;
    this.tokens.splice(from, end - from);
  }
  lightEdit(): void {
    const operation = this.random.pick(['substitute', 'typo', 'number', 'insert', 'delete'] as const);
    if (operation === 'substitute') this.substitute();
    else if (operation === 'typo') this.typo();
    else if (operation === 'number') this.changeNumber();
    else if (operation === 'insert') this.insertWords();
    else this.deleteWords();
  }
}

/** Applies 1-4 light edits keeping at least half of the characters; undefined if that failed. */
function lightlyEdited(text: string, random: Random, vocabulary: string[]): { text: string; kept: number } | undefined {
  for (let attempt = 0; attempt < 20; attempt++) {
    const editable = new EditableText(text, random, vocabulary);
    const operations = random.pick([1, 1, 2, 2, 3, 4]);
    for (let i = 0; i < operations; i++) editable.lightEdit();
    const edited = editable.toString();
    const kept = editable.kept();
    if (edited !== text && kept >= 0.5 && edited.trim().length > 0) return { text: edited, kept };
  }
  return undefined;
}

/** Rewrites until less than half of the characters remain. */
function rewritten(text: string, random: Random, vocabulary: string[]): { text: string; kept: number } {
  const editable = new EditableText(text, random, vocabulary);
  for (let i = 0; i < 200 && editable.kept() >= 0.5; i++) {
    if (chance(random, 0.7)) editable.substitute();
    else if (chance(random, 0.5)) editable.deleteWords();
    else editable.insertWords();
  }
  return { text: editable.toString(), kept: editable.kept() };
}

/** A near-duplicate: the same sentence with one or two details changed (a number, a word). */
function lookAlike(text: string, random: Random, vocabulary: string[]): string {
  for (let attempt = 0; attempt < 20; attempt++) {
    const editable = new EditableText(text, random, vocabulary);
    const operations = random.int(1, 3);
    for (let i = 0; i < operations; i++) {
      if (chance(random, 0.5)) editable.changeNumber();
      else editable.substitute();
    }
    const result = editable.toString();
    if (result !== text && editable.kept() >= 0.75) return result;
  }
  return text.replace(/\S+$/, (w) => random.pick(vocabulary) + w.slice(-1));
}

/** Whether the sentences right before and after a sentence are the same, with the same text, in both articles. */
function sameNeighbours(before: Article, after: Article, id: number): boolean {
  const around = (article: Article): string => {
    const flat = article.flat();
    const at = flat.findIndex((s) => s.id === id);
    return JSON.stringify([flat[at - 1] ?? null, flat[at + 1] ?? null]);
  };
  return around(before) === around(after);
}

class CaseBuilder {
  private nextId = 1;
  constructor(
    private readonly random: Random,
    private readonly pool: string[],
    private readonly vocabulary: string[],
  ) {}

  sentence(text: string): Sentence {
    return { id: this.nextId++, text };
  }

  assembledArticle(): Article {
    const paragraphs = this.random.int(5, 31);
    const used = new Set<string>();
    const article: Article = [];
    for (let p = 0; p < paragraphs; p++) {
      const paragraph: Sentence[] = [];
      const count = this.random.int(1, 7);
      for (let i = 0; i < count; i++) {
        const text = this.random.pick(this.pool);
        if (used.has(text)) continue;
        used.add(text);
        paragraph.push(this.sentence(text));
      }
      if (paragraph.length > 0) article.push(paragraph);
    }
    return article;
  }

  sampleArticle(text: string): Article {
    return text
      .split(/\n\s*\n/)
      .map((p) => splitSentences(p.replace(/\s*\n\s*/g, ' ')))
      .filter((p) => p.length > 0)
      .map((p) => p.map((s) => this.sentence(s)));
  }

  /** Edits elsewhere in the article: other sentences edited, added, removed; paragraphs moved. */
  unrelatedEdits(article: Article, protectedIds: Set<number>, count: number): void {
    for (let n = 0; n < count; n++) {
      const operation = this.random.pick(['edit', 'edit', 'insert', 'delete', 'move'] as const);
      const others = article.flatMap((paragraph, p) => paragraph.map((s, i) => ({ s, p, i }))).filter(({ s }) => !protectedIds.has(s.id));
      if (operation === 'edit' && others.length > 0) {
        const { s } = this.random.pick(others);
        s.text = lightlyEdited(s.text, this.random, this.vocabulary)?.text ?? s.text;
      } else if (operation === 'insert') {
        const p = this.random.int(0, article.length);
        article[p].splice(this.random.int(0, article[p].length + 1), 0, this.sentence(this.random.pick(this.pool)));
      } else if (operation === 'delete' && others.length > 1) {
        const { p, i } = this.random.pick(others);
        article[p].splice(i, 1);
        if (article[p].length === 0) article.splice(p, 1);
      } else if (operation === 'move' && article.length > 2) {
        const [paragraph] = article.splice(this.random.int(0, article.length), 1);
        article.splice(this.random.int(0, article.length + 1), 0, paragraph);
      }
    }
  }

  build(kind: CaseKind, base: Article, source: AnchorCase['source']): AnchorCase | undefined {
    const random = this.random;
    const original = cloneArticle(base);
    const sentences = original.flat().filter((s) => s.text.length >= 20);
    if (sentences.length < 3) return undefined;
    const targetSentence = random.pick(sentences);
    // deleted-twin is the stress case of a phrase whose whole sentence has a near-identical twin.
    const asPhrase = kind === 'deleted-twin' || chance(random, 0.4);

    // The claim: the whole sentence or a run of 3-12 words inside it.
    let phraseStart = 0;
    let phraseEnd = targetSentence.text.length;
    if (asPhrase) {
      const words = [...targetSentence.text.matchAll(/\S+/g)];
      if (words.length < 5) return undefined;
      const length = random.int(3, Math.min(12, words.length - 1) + 1);
      const first = random.int(0, words.length - length + 1);
      phraseStart = words[first].index!;
      const lastWord = words[first + length - 1];
      phraseEnd = lastWord.index! + lastWord[0].replace(/[.,;:!?”"’)]+$/, '').length;
      if (phraseEnd - phraseStart < 12) return undefined;
    }
    const claimText = targetSentence.text.slice(phraseStart, phraseEnd);

    // A near-duplicate stays elsewhere in the article, recorded before the claim's sentence is deleted. For a
    // sentence claim it is a near-identical sentence; for a phrase claim, a near-identical phrase inside another
    // sentence, or (deleted-twin) a twin of the whole sentence that differs only inside the phrase.
    let lookAlikeId: number | undefined;
    if (kind === 'deleted-lookalike' || kind === 'deleted-twin') {
      let twinText: string;
      if (kind === 'deleted-twin' || !asPhrase) {
        twinText = targetSentence.text.slice(0, phraseStart) + lookAlike(claimText, random, this.vocabulary) + targetSentence.text.slice(phraseEnd);
      } else {
        const host = random.pick(this.pool);
        const boundaries = [0, ...[...host.matchAll(/ /g)].map((space) => space.index! + 1)];
        const at = random.pick(boundaries);
        twinText = host.slice(0, at) + lookAlike(claimText, random, this.vocabulary) + ' ' + host.slice(at);
      }
      const twin = this.sentence(twinText);
      lookAlikeId = twin.id;
      const p = random.int(0, original.length);
      original[p].splice(random.int(0, original[p].length + 1), 0, twin);
    }

    const before = render(original);
    const claimStart = before.offsets.get(targetSentence.id)! + phraseStart;
    if (before.text.indexOf(claimText) !== claimStart || before.text.lastIndexOf(claimText) !== claimStart) return undefined;
    const selector = quoteSelector(before.text, claimStart, claimStart + claimText.length);

    const protectedIds = new Set([targetSentence.id, ...(lookAlikeId === undefined ? [] : [lookAlikeId])]);
    const noise = kind === 'unchanged' && chance(random, 0.2) ? 0 : random.int(1, 7);
    // For edits of the claim itself (and plain deletion), the unrelated edits leave its immediate neighbours alone,
    // so the claim's surroundings are as recorded; light-neighbour then changes one neighbour on purpose.
    const keepNeighbours = kind === 'light' || kind === 'light-neighbour' || kind === 'rewritten' || kind === 'deleted' || kind === 'replaced';
    let edited = cloneArticle(original);
    this.unrelatedEdits(edited, protectedIds, noise);
    for (let attempt = 0; keepNeighbours && !sameNeighbours(original, edited, targetSentence.id); attempt++) {
      if (attempt === 20) return undefined;
      edited = cloneArticle(original);
      this.unrelatedEdits(edited, protectedIds, noise);
    }
    if (kind === 'light-neighbour') {
      const flat = edited.flat();
      const at = flat.findIndex((s) => s.id === targetSentence.id);
      const options = [flat[at - 1], flat[at + 1]].filter((s): s is Sentence => s !== undefined);
      const neighbour = random.pick(options);
      neighbour.text = chance(random, 0.5) ? (lightlyEdited(neighbour.text, random, this.vocabulary)?.text ?? neighbour.text) : random.pick(this.pool);
    }
    const where = locate(edited, targetSentence.id)!;
    const sentence = edited[where.p][where.i];
    let newClaim: { text: string; kept: number } | undefined = { text: claimText, kept: 1 };
    let deleted = false;

    if (kind === 'light' || kind === 'light-neighbour') {
      newClaim = lightlyEdited(claimText, random, this.vocabulary);
    } else if (kind === 'replaced') {
      // The claim's words give way to unrelated words of about the same length, in the same place.
      deleted = true;
      const words = random.pick(this.pool).split(' ');
      let replacement = '';
      for (let i = random.int(0, Math.max(1, words.length - 2)); i < words.length && replacement.length < claimText.length; i++) {
        replacement += (replacement ? ' ' : '') + words[i];
      }
      sentence.text = sentence.text.slice(0, phraseStart) + replacement + sentence.text.slice(phraseEnd);
    } else if (kind === 'rewritten') {
      newClaim = rewritten(claimText, random, this.vocabulary);
    } else if (kind === 'moved') {
      if (chance(random, 0.5) || edited.length < 3) {
        // The sentence moves to another paragraph.
        edited[where.p].splice(where.i, 1);
        if (edited[where.p].length === 0) edited.splice(where.p, 1);
        let p = random.int(0, edited.length);
        if (edited.length > 1 && p === where.p) p = (p + 1) % edited.length;
        edited[p].splice(random.int(0, edited[p].length + 1), 0, sentence);
      } else {
        // Its whole paragraph moves.
        const [paragraph] = edited.splice(where.p, 1);
        let to = random.int(0, edited.length + 1);
        if (to === where.p) to = to === 0 ? edited.length : 0;
        edited.splice(to, 0, paragraph);
      }
    } else if (kind === 'deleted' || kind === 'deleted-lookalike' || kind === 'deleted-twin') {
      deleted = true;
      if (asPhrase && chance(random, 0.5)) {
        sentence.text = (sentence.text.slice(0, phraseStart) + sentence.text.slice(phraseEnd)).replace(/\s{2,}/, ' ');
      } else {
        edited[where.p].splice(where.i, 1);
        if (edited[where.p].length === 0) edited.splice(where.p, 1);
      }
    }
    if (!newClaim) return undefined;
    if (!deleted && kind !== 'moved') {
      sentence.text = sentence.text.slice(0, phraseStart) + newClaim.text + sentence.text.slice(phraseEnd);
    }

    const after = render(edited);
    let truth: AnchorCase['truth'] = null;
    if (!deleted) {
      const at = locate(edited, targetSentence.id)!;
      const start = after.offsets.get(edited[at.p][at.i].id)! + phraseStart;
      truth = { start, end: start + newClaim.text.length };
    } else if (after.text.includes(claimText)) {
      // The claim's exact words still exist elsewhere, so it was not really deleted.
      return undefined;
    }
    if (truth) {
      const claimNow = after.text.slice(truth.start, truth.end);
      if ((kind === 'unchanged' || kind === 'moved') && claimNow !== claimText) throw new Error('corpus construction bug');
      // A second copy of the claim's words (a pool sentence inserted twice) would make the truth ambiguous.
      if (after.text.indexOf(claimNow) !== after.text.lastIndexOf(claimNow)) return undefined;
    }
    return { kind, target: asPhrase ? 'phrase' : 'sentence', source, selector, text: after.text, truth, kept: deleted ? 0 : newClaim.kept };
  }
}

export function buildCorpus(options: CorpusOptions): AnchorCase[] {
  const random = new Random(options.seed);
  const pool = options.checkThatFiles.flatMap((file) => checkThatSentences(file));
  const samples = sampleArticles();
  const vocabulary = [
    ...new Set(
      pool
        .flatMap((s) => s.split(/\s+/))
        .map((w) => w.replace(/[^\p{L}\p{N}'$%-]/gu, ''))
        .filter((w) => w.length >= 2),
    ),
  ];
  const builder = new CaseBuilder(random, pool, vocabulary);
  const cases: AnchorCase[] = [];
  for (const kind of CASE_KINDS) {
    let made = 0;
    for (let attempt = 0; made < options.casesPerKind && attempt < options.casesPerKind * 50; attempt++) {
      // A quarter of the cases use the real articles; the rest use articles assembled from debate sentences.
      const fromSample = chance(random, 0.25);
      const base = fromSample ? builder.sampleArticle(random.pick(samples)) : builder.assembledArticle();
      const built = builder.build(kind, base, fromSample ? 'sample' : 'checkthat');
      if (built) {
        cases.push(built);
        made++;
      }
    }
  }
  return cases;
}
