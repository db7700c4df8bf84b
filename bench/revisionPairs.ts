// Scoring re-anchoring on real revision pairs of long Markdown documents (git history): the method of the
// anchor-eval tool of the Claim Annotator team (shared/tools/anchor-eval/anchor-eval.mjs, same seed, target choice,
// classes and hit rules), ported here to TypeScript so `npm run bench` can run it without reading anything outside
// the repository. Only the logic is copied; the corpus stays outside and its path comes from the caller.
//
// For every pair, annotation targets are picked deterministically (seeded) in the old text: every k-th prose
// sentence, sentences the revision touched, sentences with numbers or dates, and 3-8-word phrases. Ground truth in
// the new text comes from a character diff (diff-match-patch, semantic cleanup):
//   exact     every character kept, nothing inserted inside: must come back exactly
//   modified  >= 50 % of its characters kept: a hit is IoU >= 0.5 with the first..last kept character
//   moved     gone in the diff but the text reappears (verbatim or edited) in inserted text: IoU >= 0.5 there
//   deleted   < 20 % kept: any anchor is a false anchor (the claim should be orphaned)
//   rewritten 20-50 % kept: reported, not scored
import fs from 'node:fs';
import { diff_match_patch as DiffMatchPatch, type Diff } from 'diff-match-patch';
import { Random } from './harness';

export interface RevisionPair {
  id: string;
  repo: string;
  path: string;
  oldText: string;
  newText: string;
}

export interface Selector {
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
}

export type TruthClass = 'exact' | 'modified' | 'moved' | 'deleted' | 'rewritten';

export interface Target {
  pair: RevisionPair;
  kind: string;
  selector: Selector;
  cls: TruthClass;
  keptFrac: number;
  truth: { start: number; end: number } | null;
}

const SEED = 1;
const K = 10;
const MAX_BACKGROUND = 30;
const MAX_HOT = 20;
const MAX_NUMERIC = 10;
const MAX_PHRASES = 10;
const MOD_MIN = 0.5;
const DEL_MAX = 0.2;
const CONTEXT = 32;

/** Reads a JSON-lines corpus, naming the file and line of a bad record. */
export function readPairs(file: string): RevisionPair[] {
  const pairs: RevisionPair[] = [];
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (!line.trim()) return;
      let record: Partial<RevisionPair>;
      try {
        record = JSON.parse(line) as Partial<RevisionPair>;
      } catch (error) {
        throw new Error(`${file}:${index + 1}: not JSON (${(error as Error).message})`, { cause: error });
      }
      if (typeof record.oldText !== 'string' || typeof record.newText !== 'string' || typeof record.id !== 'string') {
        throw new Error(`${file}:${index + 1}: a revision pair needs string id, oldText and newText`);
      }
      pairs.push({ id: record.id, repo: record.repo ?? '', path: record.path ?? record.id, oldText: record.oldText, newText: record.newText });
    });
  return pairs;
}

export function hash32(str: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < str.length; i++) {
    h ^= str.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Which half of the corpus a pair belongs to, by document (repository and path), so no document's revisions are
 * in both: 'tune' is what thresholds were chosen on, 'report' what the figures are reported on.
 */
export function halfOf(pair: RevisionPair): 'tune' | 'report' {
  return hash32(`${pair.repo}:${pair.path}`) % 2 === 0 ? 'tune' : 'report';
}

function shuffled<T>(arr: readonly T[], rng: () => number): T[] {
  const a = arr.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

const FENCE = /^(```|~~~)/;
const ADOC_DELIM = /^(-{4,}|\.{4,}|\+{4,}|\/{4,}|={4,}|\*{4,}|_{4,}|\|===|```)\s*$/;
const NON_PROSE =
  /^(#{1,6}(\s|$)|={1,6}\s|\[\[|\[[^\]]*\]\s*$|:[\w!-]+:|<\/?[a-zA-Z!]|!\[|\||\(\(\(|image::|include::|ifn?def::|endif::|\[\^|\[[^\]]+\]:\s|-{3,}\s*$|\*{3,}\s*$)/;
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)]|\.{1,3}|\*{1,3})\s+/;

interface Span {
  start: number;
  end: number;
}

function proseParagraphs(text: string): Span[] {
  const paras: Span[] = [];
  let cur: Span | null = null;
  const flush = () => {
    if (cur) paras.push(cur);
    cur = null;
  };
  let inFence = false;
  let adocDelim: string | null = null;
  let pos = 0;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1) nl = text.length;
    const line = text.slice(pos, nl);
    const t = line.trim();
    const lineStart = pos;
    pos = nl + 1;
    if (FENCE.test(t) && !adocDelim) {
      inFence = !inFence;
      flush();
    } else if (inFence) {
      // inside a fenced code block
    } else if (ADOC_DELIM.test(t)) {
      const d = t.replace(/\s+$/, '');
      if (adocDelim === null) adocDelim = d;
      else if (adocDelim === d) adocDelim = null;
      flush();
    } else if (adocDelim !== null) {
      // inside an AsciiDoc delimited block
    } else if (t === '' || NON_PROSE.test(t)) {
      flush();
    } else if (/^( {4,}|\t)/.test(line) && !cur && !LIST_ITEM.test(line)) {
      flush();
    } else {
      const m = LIST_ITEM.exec(line);
      let start = lineStart + (line.length - line.trimStart().length);
      if (m) {
        flush();
        start = lineStart + m[0].length;
      }
      const end = lineStart + line.replace(/\s+$/, '').length;
      if (end > start) {
        if (cur) (cur as Span).end = end;
        else cur = { start, end };
      }
    }
    if (nl === text.length) break;
  }
  flush();
  return paras;
}

const SENT_END = /[.!?]["'’”)\]*_]*\s+(?=["'‘“([`*_]?[A-Z0-9])/g;
const WORD = /[A-Za-z]{2,}/g;

function proseSentences(text: string): Span[] {
  const out: Span[] = [];
  for (const p of proseParagraphs(text)) {
    const para = text.slice(p.start, p.end);
    let s = 0;
    const cuts: Array<[number, number]> = [];
    SENT_END.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = SENT_END.exec(para))) {
      const endPunct = m.index + m[0].replace(/\s+$/, '').length;
      const before = para.slice(Math.max(0, m.index - 5), m.index + 1);
      if (/\b(e\.g|i\.e|etc|vs|Mr|Mrs|Dr|St|cf|Fig|No)\.$/i.test(before)) continue;
      cuts.push([s, endPunct]);
      s = m.index + m[0].length;
    }
    cuts.push([s, para.length]);
    for (const [a, b] of cuts) {
      let st = p.start + a;
      let en = p.start + b;
      while (st < en && /\s/.test(text[st])) st++;
      while (en > st && /\s/.test(text[en - 1])) en--;
      const sent = text.slice(st, en);
      if (sent.length < 25 || sent.length > 600) continue;
      const visible = sent
        .replace(/\]\([^)]*\)/g, ']')
        .replace(/`[^`]*`/g, ' ')
        .replace(/<[^>]+>/g, ' ');
      if ((visible.match(WORD) || []).length < 4) continue;
      out.push({ start: st, end: en });
    }
  }
  return out;
}

const NUMERIC =
  /\d|\b(?:January|February|March|April|May|June|July|August|September|October|November|December|percent|hundred|thousand|million|billion|twice|half)\b/;

interface Mapping {
  oldToNew: Int32Array;
  kept: Uint8Array;
  keptPrefix: Int32Array;
  insPrefix: Int32Array;
  dmp: InstanceType<typeof DiffMatchPatch>;
}

function buildMapping(dmp: InstanceType<typeof DiffMatchPatch>, oldText: string, newText: string): Mapping {
  const diffs: Diff[] = dmp.diff_main(oldText, newText);
  dmp.diff_cleanupSemantic(diffs);
  const oldToNew = new Int32Array(oldText.length + 1);
  const kept = new Uint8Array(oldText.length);
  const insPrefix = new Int32Array(newText.length + 1);
  const insMark = new Uint8Array(newText.length);
  let i = 0;
  let j = 0;
  for (const [op, str] of diffs) {
    const n = str.length;
    if (op === 0) {
      for (let q = 0; q < n; q++) {
        oldToNew[i] = j;
        kept[i] = 1;
        i++;
        j++;
      }
    } else if (op === -1) {
      for (let q = 0; q < n; q++) oldToNew[i++] = j;
    } else {
      for (let q = 0; q < n; q++) insMark[j++] = 1;
    }
  }
  oldToNew[oldText.length] = newText.length;
  for (let q = 0; q < newText.length; q++) insPrefix[q + 1] = insPrefix[q] + insMark[q];
  const keptPrefix = new Int32Array(oldText.length + 1);
  for (let q = 0; q < oldText.length; q++) keptPrefix[q + 1] = keptPrefix[q] + kept[q];
  return { oldToNew, kept, keptPrefix, insPrefix, dmp };
}

const GRAM = 8;
function findMovedApprox(map: Mapping, target: string, newText: string, oldStart: number): { start: number; end: number } | null {
  const len = target.length;
  const grams = new Map<string, number>();
  for (let q = 0; q + GRAM <= len; q++) {
    const g = target.slice(q, q + GRAM);
    if (!grams.has(g)) grams.set(g, q);
  }
  const votes = new Map<number, number>();
  const ins = map.insPrefix;
  for (let j = 0; j + GRAM <= newText.length; j++) {
    if (ins[j + 1] - ins[j] === 0) continue;
    const q = grams.get(newText.slice(j, j + GRAM));
    if (q === undefined) continue;
    const b = Math.floor((j - q) / 16);
    votes.set(b, (votes.get(b) || 0) + 1);
  }
  let bestB: number | null = null;
  let bestV = 0;
  for (const [b, v] of votes) {
    const tot = v + (votes.get(b - 1) || 0) + (votes.get(b + 1) || 0);
    if (tot > bestV || (tot === bestV && bestB !== null && Math.abs(b * 16 - oldStart) < Math.abs(bestB * 16 - oldStart))) {
      bestV = tot;
      bestB = b;
    }
  }
  if (bestB === null || bestV < 2) return null;
  const w0 = Math.max(0, bestB * 16 - Math.ceil(len / 2));
  const w1 = Math.min(newText.length, bestB * 16 + Math.ceil(len * 1.5) + 16);
  const diffs = map.dmp.diff_main(target, newText.slice(w0, w1), false);
  map.dmp.diff_cleanupSemantic(diffs);
  let j = 0;
  let eq = 0;
  let first = -1;
  let last = -1;
  for (const [op, str] of diffs) {
    if (op === 0) {
      if (first < 0) first = j;
      last = j + str.length;
      eq += str.length;
      j += str.length;
    } else if (op === 1) j += str.length;
  }
  if (eq / len < MOD_MIN || first < 0) return null;
  const start = w0 + first;
  const end = w0 + last;
  if ((ins[end] - ins[start]) / (end - start) < 0.5) return null;
  return { start, end };
}

function groundTruth(map: Mapping, oldText: string, newText: string, s: number, e: number): Pick<Target, 'cls' | 'keptFrac' | 'truth'> {
  const len = e - s;
  const keptN = map.keptPrefix[e] - map.keptPrefix[s];
  const keptFrac = keptN / len;
  const exact = oldText.slice(s, e);
  if (keptN > 0) {
    let f = s;
    while (!map.kept[f]) f++;
    let l = e - 1;
    while (!map.kept[l]) l--;
    const ts = map.oldToNew[f];
    const te = map.oldToNew[l] + 1;
    if (keptN === len && te - ts === len) return { cls: 'exact', truth: { start: ts, end: te }, keptFrac };
    if (keptFrac >= MOD_MIN) return { cls: 'modified', truth: { start: ts, end: te }, keptFrac };
  }
  let best: number | null = null;
  for (let o = newText.indexOf(exact); o !== -1; o = newText.indexOf(exact, o + 1)) {
    const insFrac = (map.insPrefix[o + len] - map.insPrefix[o]) / len;
    if (insFrac >= 0.5 && (best === null || Math.abs(o - s) < Math.abs(best - s))) best = o;
  }
  if (best !== null) return { cls: 'moved', truth: { start: best, end: best + len }, keptFrac };
  const approx = len >= 40 ? findMovedApprox(map, exact, newText, s) : null;
  if (approx) return { cls: 'moved', truth: approx, keptFrac };
  return { cls: keptFrac < DEL_MAX ? 'deleted' : 'rewritten', truth: null, keptFrac };
}

function pickTargets(pair: RevisionPair, map: Mapping): Array<Span & { kind: string }> {
  const { oldText } = pair;
  const random = new Random(hash32(`${SEED}|${pair.id}`));
  const rng = () => random.next();
  const sents = proseSentences(oldText);
  const touched = (s: Span) =>
    map.keptPrefix[s.end] - map.keptPrefix[s.start] < s.end - s.start || map.oldToNew[s.end - 1] + 1 - map.oldToNew[s.start] !== s.end - s.start;
  const chosen = new Map<string, Span & { kind: string }>();
  const add = (start: number, end: number, kind: string) => {
    const key = `${start}:${end}`;
    if (!chosen.has(key)) chosen.set(key, { start, end, kind });
  };
  const offset = Math.floor(rng() * K);
  const background = sents.filter((_, i) => (i - offset) % K === 0);
  for (const s of shuffled(background, rng).slice(0, MAX_BACKGROUND)) add(s.start, s.end, 'sentence');
  const hot = sents.filter(touched);
  for (const s of shuffled(hot, rng).slice(0, MAX_HOT)) add(s.start, s.end, 'hot');
  const numeric = sents.filter((s) => NUMERIC.test(oldText.slice(s.start, s.end)));
  for (const s of shuffled(numeric, rng).slice(0, MAX_NUMERIC)) add(s.start, s.end, 'numeric');
  const phraseSrc = [
    ...shuffled(hot, rng).slice(0, Math.ceil(MAX_PHRASES / 2)),
    ...shuffled(
      sents.filter((s) => !touched(s)),
      rng,
    ).slice(0, Math.floor(MAX_PHRASES / 2)),
  ];
  for (const s of phraseSrc) {
    const words: Array<[number, number]> = [];
    const re = /\S+/g;
    const sent = oldText.slice(s.start, s.end);
    let m: RegExpExecArray | null;
    while ((m = re.exec(sent))) words.push([s.start + m.index, s.start + m.index + m[0].length]);
    if (words.length < 4) continue;
    const n = 3 + Math.floor(rng() * 6);
    const w = Math.min(n, words.length - 1);
    const first = Math.floor(rng() * (words.length - w + 1));
    let st = words[first][0];
    let en = words[first + w - 1][1];
    while (en > st && /[.,;:!?)"'’”*_`]/.test(oldText[en - 1])) en--;
    while (st < en && /[("'‘“*_`[]/.test(oldText[st])) st++;
    if (en - st >= 8) add(st, en, 'phrase');
  }
  return [...chosen.values()].sort((a, b) => a.start - b.start);
}

/** The scored targets of one pair, with their selectors (32 characters of context) and ground truth. */
export function targetsOf(pair: RevisionPair, dmp = new DiffMatchPatch()): Target[] {
  dmp.Diff_Timeout = 0;
  const map = buildMapping(dmp, pair.oldText, pair.newText);
  return pickTargets(pair, map).map((tg) => {
    const truth = groundTruth(map, pair.oldText, pair.newText, tg.start, tg.end);
    const selector: Selector = {
      exact: pair.oldText.slice(tg.start, tg.end),
      prefix: pair.oldText.slice(Math.max(0, tg.start - CONTEXT), tg.start),
      suffix: pair.oldText.slice(tg.end, tg.end + CONTEXT),
      start: tg.start,
      end: tg.end,
    };
    return { pair, kind: tg.kind, selector, ...truth };
  });
}

export interface Score {
  counts: Record<TruthClass, number>;
  exact: number;
  modified: number;
  moved: number;
  falseAnchors: number;
  /** Anchored with IoU < 0.5 among exact, modified and moved targets. */
  wrong: number;
  msPerAnchor: number;
}

function iou(a: Span, b: Span): number {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const uni = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return uni > 0 ? inter / uni : 0;
}

export type Anchorer = (text: string, selector: Selector) => { start: number; end: number } | null;

/** Whether one result counts as a hit for its target (exact: same span; modified, moved: IoU >= 0.5). */
export function isHit(target: Target, result: Span | null): boolean {
  if (!result || !target.truth) return false;
  if (target.cls === 'exact') return result.start === target.truth.start && result.end === target.truth.end;
  return iou(result, target.truth) >= 0.5;
}

/** Runs one anchorer over every target and scores it; the time is the wall time of the calls alone. */
export function score(targets: readonly Target[], anchorer: Anchorer): Score {
  const counts: Record<TruthClass, number> = { exact: 0, modified: 0, moved: 0, deleted: 0, rewritten: 0 };
  const hits: Record<TruthClass, number> = { exact: 0, modified: 0, moved: 0, deleted: 0, rewritten: 0 };
  let wrong = 0;
  let ms = 0;
  for (const target of targets) {
    const t0 = performance.now();
    const result = anchorer(target.pair.newText, target.selector);
    ms += performance.now() - t0;
    counts[target.cls]++;
    if (target.cls === 'deleted' || target.cls === 'rewritten') {
      if (result) hits[target.cls]++;
    } else if (isHit(target, result)) hits[target.cls]++;
    else if (result) wrong++;
  }
  const share = (cls: TruthClass) => (counts[cls] ? hits[cls] / counts[cls] : NaN);
  return {
    counts,
    exact: share('exact'),
    modified: share('modified'),
    moved: share('moved'),
    falseAnchors: share('deleted'),
    wrong,
    msPerAnchor: targets.length ? ms / targets.length : NaN,
  };
}
