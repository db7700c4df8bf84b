// Conflict suggestions: claims about the same subject whose dates or amounts cannot both be true.
// Claims are paired through an inverted index over salient terms (never all pairs), then values are compared
// only when they play the same role in both claims ("initial investment" with "initial deal", not a valuation
// with an investment), and only when they are incompatible at their precision and bounds.
import {
  amountsComparable,
  amountsCompatible,
  datesCompatible,
  extractAmountsBesides,
  extractDates,
  type AmountValue,
  type DateValue,
} from './values';

export interface ConflictInput {
  /** The article's path or name, as the caller identifies it. */
  article: string;
  /** The claim's id within its article. */
  id: string;
  /** The claim's text (its quote). */
  text: string;
  /** The article's date (YYYY-MM-DD), which resolves "Thursday" and dates without a year. */
  articleDate?: string;
}

export interface ConflictSide {
  article: string;
  id: string;
  /** The value as the claim gives it, e.g. "$4 billion (March 27)". */
  value: string;
}

export interface ConflictSuggestion {
  /** Stable and independent of argument order, for remembering dismissals. */
  key: string;
  a: ConflictSide;
  b: ConflictSide;
  kind: 'date' | 'amount' | 'number';
  explanation: string;
  /** Confidence 0..1 that the two claims speak of the same thing. */
  score: number;
}

export interface ConflictOptions {
  /** Suggestions scoring below this are dropped (default 0.3). */
  minScore?: number;
  /** Also compare claims within one article (default true). */
  withinArticle?: boolean;
  /**
   * A term shared by more claims than this is too common to say two claims are about the same thing and is
   * not used to pair them (default: 2% of the claims, at least 100).
   */
  maxTermFrequency?: number;
}

const STOPWORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers him his how i if in ' +
    'into is it its itself just me more most my no nor not now of off on once only or other our out over own same she should so ' +
    'some such than that the their them then there these they this those through to too under until up very was we were what when ' +
    'where which while who whom why will with would you your yet per via amid among within without according says said say told ' +
    'report reported reportedly reports new first one two three last next this year years month months week weeks day days ' +
    'billion million trillion thousand percent dollars dollar euros pounds cent cents may might could time times another ' +
    'january february march april june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow however additionally meanwhile'
  ).split(' '),
);

/** Words that name the same kind of quantity; values are compared only within a kind. */
const MEASURES: Record<string, string> = {
  invest: 'investment', investor: 'investment', deal: 'investment', fund: 'investment', funding: 'investment', stake: 'investment',
  commit: 'investment', financ: 'investment', backing: 'investment', round: 'investment', raise: 'investment', rais: 'investment',
  valuation: 'valuation', valu: 'valuation', worth: 'valuation', capitalization: 'valuation',
  revenue: 'revenue', sale: 'revenue', turnover: 'revenue', income: 'income', profit: 'profit', earning: 'profit',
  loss: 'loss', deficit: 'deficit', debt: 'debt', budget: 'budget', spending: 'spending', spend: 'spending', cost: 'cost',
  price: 'price', salary: 'salary', pay: 'salary', wage: 'salary', fine: 'fine', penalty: 'fine', tax: 'tax',
  acquisition: 'acquisition', acquir: 'acquisition', buy: 'acquisition', purchase: 'acquisition', merger: 'acquisition',
  employee: 'staff', worker: 'staff', staff: 'staff', job: 'jobs', user: 'users', customer: 'customers',
  launch: 'launch', releas: 'launch', announc: 'announcement', found: 'founding', elect: 'election', vote: 'election',
};

function stem(word: string): string {
  let w = word.toLowerCase().replace(/[’']s$/, '').replace(/[’']/g, '');
  if (w.length > 5 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 6 && w.endsWith('ments')) w = w.slice(0, -5);
  else if (w.length > 6 && w.endsWith('ment')) w = w.slice(0, -4);
  else if (w.length > 5 && w.endsWith('ings')) w = w.slice(0, -4);
  else if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 4 && w.endsWith('es') && !w.endsWith('ses')) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  return w;
}

interface Token {
  start: number;
  end: number;
  stem: string;
  entity: boolean;
  salient: boolean;
}

const TOKEN = /[A-Za-z][A-Za-z’'&-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*\d|\d/g;

/** Whether the gap between two tokens ends a sentence: a terminal mark, then only spaces and quotes. */
function endsSentence(text: string, from: number, to: number): boolean {
  for (let i = to - 1; i >= from; i--) {
    const c = text.charCodeAt(i);
    if (c === 46 || c === 33 || c === 63 || c === 58) return true;
    if (c !== 32 && c !== 34 && c !== 0x201c && c !== 10 && c !== 9) return false;
  }
  return false;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let sentenceStart = true;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const raw = m[0];
    const start = m.index;
    if (tokens.length === 0 || endsSentence(text, tokens[tokens.length - 1].end, start)) sentenceStart = true;
    const first = raw.charCodeAt(0);
    const isNumber = first >= 48 && first <= 57;
    const capital = first >= 65 && first <= 90;
    const allCaps = raw.length > 1 && raw === raw.toUpperCase() && /[A-Z]/.test(raw);
    const lower = raw.toLowerCase();
    const s = isNumber ? raw : stem(raw);
    const stop = STOPWORDS.has(lower) || STOPWORDS.has(s);
    const entity = !isNumber && !stop && (allCaps || (capital && !sentenceStart));
    tokens.push({ start, end: start + raw.length, stem: entity ? lower.replace(/[’']s$/, '') : s, entity, salient: !isNumber && !stop && raw.length > 2 });
    sentenceStart = false;
  }
  return tokens;
}

interface ValueRef {
  type: 'date' | 'amount';
  date?: DateValue;
  amount?: AmountValue;
  text: string;
  /** Content words around the value (stemmed), which say what the value is of. */
  role: Set<string>;
  /** The kinds of quantity named around the value (MEASURES). */
  measures: Set<string>;
  /** A normalised form for keys. */
  norm: string;
}

interface Prepared {
  input: ConflictInput;
  index: number;
  terms: Map<string, number>;
  entities: Set<string>;
  values: ValueRef[];
}

const ROLE_WINDOW = 4;

function measureOf(stemmed: string): string | undefined {
  const direct = MEASURES[stemmed];
  if (direct) return direct;
  for (let cut = stemmed.length - 1; cut >= 4; cut--) {
    const hit = MEASURES[stemmed.slice(0, cut)];
    if (hit) return hit;
  }
  return undefined;
}

/** Role words: content tokens within a few tokens of the value, not crossing a clause boundary. */
function roleAround(text: string, tokens: Token[], start: number, end: number): { role: Set<string>; measures: Set<string> } {
  const role = new Set<string>();
  const measures = new Set<string>();
  let first = tokens.findIndex((t) => t.end > start);
  if (first < 0) first = tokens.length;
  let last = first;
  while (last < tokens.length && tokens[last].start < end) last++;
  const take = (token: Token) => {
    if (!token.salient || token.entity) return;
    role.add(token.stem);
    const measure = measureOf(token.stem);
    if (measure) measures.add(measure);
  };
  for (let i = first - 1, n = 0; i >= 0 && n < ROLE_WINDOW; i--, n++) {
    if (/[;:—–()]|\band\b|,\s*(?:and|but|while|which)\b/.test(text.slice(tokens[i].end, i + 1 < tokens.length ? tokens[i + 1].start : start))) break;
    take(tokens[i]);
  }
  for (let i = last, n = 0; i < tokens.length && n < ROLE_WINDOW; i++, n++) {
    if (/[;:—–()]|\band\b|,/.test(text.slice(i > 0 ? tokens[i - 1].end : end, tokens[i].start)) && i > last) break;
    if (i > last && /\band\b/i.test(text.slice(tokens[i].start, tokens[i].end))) break;
    take(tokens[i]);
  }
  return { role, measures };
}

function prepare(input: ConflictInput, index: number): Prepared {
  const { text } = input;
  const tokens = tokenize(text);
  const terms = new Map<string, number>();
  const entities = new Set<string>();
  for (const token of tokens) {
    if (!token.salient) continue;
    if (token.entity) entities.add(token.stem);
    terms.set(token.stem, Math.max(terms.get(token.stem) ?? 0, token.entity ? 2 : 1));
    // "investment" and "deal" are different words for the same subject.
    const measure = token.entity ? undefined : measureOf(token.stem);
    if (measure) terms.set(`=${measure}`, 1);
  }
  const values: ValueRef[] = [];
  const dates = extractDates(text, { articleDate: input.articleDate });
  for (const date of dates) {
    const { role, measures } = roleAround(text, tokens, date.start, date.end);
    const norm = date.value ?? `weekday-${date.weekday ?? '?'}-${date.precision}`;
    values.push({ type: 'date', date, text: date.text, role, measures, norm });
  }
  for (const amount of extractAmountsBesides(text, dates)) {
    const { role, measures } = roleAround(text, tokens, amount.start, amount.end);
    const norm = `${amount.kind}:${amount.currency ?? amount.unit ?? ''}:${amount.value}:${amount.bound}`;
    values.push({ type: 'amount', amount, text: amount.text, role, measures, norm });
  }
  return { input, index, terms, entities, values };
}

/** Same role: the same kind of quantity when both name one, otherwise a shared content word nearby. */
function sameRole(x: ValueRef, y: ValueRef): number {
  let shared = 0;
  for (const word of x.role) if (y.role.has(word)) shared++;
  if (x.measures.size > 0 && y.measures.size > 0) {
    let sharedMeasure = false;
    for (const m of x.measures) if (y.measures.has(m)) sharedMeasure = true;
    if (!sharedMeasure) return 0;
    return shared + 1;
  }
  if (x.measures.size > 0 || y.measures.size > 0) return 0;
  return shared;
}

interface Clash {
  x: ValueRef;
  y: ValueRef;
  kind: ConflictSuggestion['kind'];
  role: number;
}

function clashes(p: Prepared, q: Prepared): Clash[] {
  const found: Clash[] = [];
  for (const x of p.values) {
    for (const y of q.values) {
      if (x.type !== y.type) continue;
      let kind: ConflictSuggestion['kind'];
      if (x.type === 'date') {
        if (datesCompatible(x.date!, y.date!)) continue;
        kind = 'date';
      } else {
        if (!amountsComparable(x.amount!, y.amount!) || amountsCompatible(x.amount!, y.amount!)) continue;
        kind = x.amount!.kind === 'money' || y.amount!.kind === 'money' ? 'amount' : 'number';
      }
      const role = sameRole(x, y);
      if (role === 0) continue;
      found.push({ x, y, kind, role });
    }
  }
  return found;
}

/** A value that agrees between the two claims is not a reason to doubt the pair, but it does not count either. */
function describe(value: ValueRef, partner: ValueRef | undefined): string {
  return partner ? `${value.text} (${partner.text})` : value.text;
}

const KIND_ORDER: Record<ConflictSuggestion['kind'], number> = { amount: 0, number: 1, date: 2 };

/**
 * Suggests conflicts between claims: pairs about the same subject whose values of the same role cannot both
 * be true. At most one suggestion per pair of claims, best first.
 */
export function findConflicts(claims: ConflictInput[], options: ConflictOptions = {}): ConflictSuggestion[] {
  const minScore = options.minScore ?? 0.3;
  const withinArticle = options.withinArticle ?? true;
  const prepared: Prepared[] = [];
  claims.forEach((claim, index) => {
    if (!/\d|day\b|week\b|month\b|year\b|January|February|March|April|May|June|July|August|September|October|November|December/.test(claim.text)) return;
    const p = prepare(claim, index);
    if (p.values.length > 0) prepared.push(p);
  });
  const n = prepared.length;
  if (n < 2) return [];

  // Terms become integer ids with per-claim weights (entity weight times idf), so the pairing loop below does
  // no map look-ups.
  const termIds = new Map<string, number>();
  const claimTerms: Int32Array[] = [];
  for (const p of prepared) {
    const ids = new Int32Array(p.terms.size);
    let k = 0;
    for (const term of p.terms.keys()) {
      let id = termIds.get(term);
      if (id === undefined) termIds.set(term, (id = termIds.size));
      ids[k++] = id;
    }
    claimTerms.push(ids);
  }
  const frequency = new Int32Array(termIds.size);
  for (const ids of claimTerms) for (const id of ids) frequency[id]++;
  const maxFrequency = options.maxTermFrequency ?? Math.max(100, Math.ceil(n * 0.02));
  const claimWeights: Float64Array[] = [];
  const totals = new Float64Array(n);
  const postingClaims: Int32Array[] = [];
  const postingWeights: Float64Array[] = [];
  const fill = new Int32Array(termIds.size);
  for (let id = 0; id < termIds.size; id++) {
    const size = frequency[id] <= maxFrequency ? frequency[id] : 0;
    postingClaims.push(new Int32Array(size));
    postingWeights.push(new Float64Array(size));
  }
  for (let i = 0; i < n; i++) {
    const ids = claimTerms[i];
    const weights = new Float64Array(ids.length);
    let k = 0;
    for (const base of prepared[i].terms.values()) {
      const id = ids[k];
      const weight = base * Math.log(1 + n / frequency[id]);
      weights[k++] = weight;
      totals[i] += weight;
      if (frequency[id] <= maxFrequency) {
        postingClaims[id][fill[id]] = i;
        postingWeights[id][fill[id]++] = weight;
      }
    }
    claimWeights.push(weights);
  }

  const suggestions: ConflictSuggestion[] = [];
  const shared = new Float64Array(n);
  const sharedCount = new Int32Array(n);
  const touched: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = prepared[i];
    const ids = claimTerms[i];
    const weights = claimWeights[i];
    for (let k = 0; k < ids.length; k++) {
      const claimsWithTerm = postingClaims[ids[k]];
      const termWeights = postingWeights[ids[k]];
      const weight = weights[k];
      // Postings are in claim order, so the claims after i start where i itself sits.
      for (let x = claimsWithTerm.length - 1; x >= 0; x--) {
        const j = claimsWithTerm[x];
        if (j <= i) break;
        if (sharedCount[j] === 0) touched.push(j);
        shared[j] += weight < termWeights[x] ? weight : termWeights[x];
        sharedCount[j]++;
      }
    }
    for (const j of touched) {
      const overlap = shared[j] / Math.max(1e-9, Math.min(totals[i], totals[j]));
      const enough = sharedCount[j] >= 2 && overlap >= 0.2;
      shared[j] = 0;
      sharedCount[j] = 0;
      if (!enough) continue;
      const q = prepared[j];
      if (!withinArticle && p.input.article === q.input.article) continue;
      if (p.input.article === q.input.article && p.input.id === q.input.id) continue;
      if (!sameParties(p, q)) continue;
      const suggestion = suggest(p, q, overlap);
      if (suggestion && suggestion.score >= minScore) suggestions.push(suggestion);
    }
    touched.length = 0;
  }
  suggestions.sort((x, y) => y.score - x.score || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  return suggestions;
}

/**
 * Claims about different parties are not about the same thing: when each names someone the other does not,
 * they must share at least two names ("Amazon ... Anthropic" in both, whoever reported it).
 */
function sameParties(p: Prepared, q: Prepared): boolean {
  let shared = 0;
  let onlyP = 0;
  let onlyQ = 0;
  for (const name of p.entities) if (q.entities.has(name)) shared++;
  else onlyP++;
  for (const name of q.entities) if (!p.entities.has(name)) onlyQ++;
  return !(onlyP > 0 && onlyQ > 0 && shared < 2);
}

function suggest(p: Prepared, q: Prepared, overlap: number): ConflictSuggestion | undefined {
  const found = clashes(p, q);
  if (found.length === 0) return undefined;
  found.sort((s, t) => KIND_ORDER[s.kind] - KIND_ORDER[t.kind] || t.role - s.role);
  const main = found[0];
  // When the same pair also disagrees on a date in the same role, show it beside the amount.
  const dateClash = main.kind !== 'date' ? found.find((c) => c.kind === 'date') : undefined;
  const roleStrength = Math.min(1, main.role / 3);
  const score = Number(Math.min(1, 0.5 * Math.min(1, overlap) + 0.3 * roleStrength + (dateClash ? 0.2 : 0.1)).toFixed(3));

  let [first, second, firstValue, secondValue, firstDate, secondDate] = [p, q, main.x, main.y, dateClash?.x, dateClash?.y];
  if (sideId(q) < sideId(p)) [first, second, firstValue, secondValue, firstDate, secondDate] = [q, p, main.y, main.x, dateClash?.y, dateClash?.x];

  const a: ConflictSide = { article: first.input.article, id: first.input.id, value: describe(firstValue, firstDate) };
  const b: ConflictSide = { article: second.input.article, id: second.input.id, value: describe(secondValue, secondDate) };
  const sides = [`${sideId(first)}=${firstValue.norm}`, `${sideId(second)}=${secondValue.norm}`].sort();
  const key = `${main.kind}|${sides.join('|')}`;
  const subject = roleWords(main.x, main.y);
  const what = main.kind === 'date' ? 'dates' : main.kind === 'amount' ? 'amounts' : 'numbers';
  const explanation = `Both claims give the ${subject ? `${subject} ` : ''}with different ${what}: ${a.value} vs ${b.value}.`;
  return { key, a, b, kind: main.kind, explanation, score };
}

function sideId(p: Prepared): string {
  return `${p.input.article}#${p.input.id}`;
}

/** A few words naming what both values are of, e.g. "initial investment". */
function roleWords(x: ValueRef, y: ValueRef): string {
  const words = [...x.role].filter((w) => y.role.has(w));
  const measures = [...x.measures].filter((m) => y.measures.has(m));
  const named = [...words.filter((w) => !measureOf(w)), ...measures];
  return named.length > 0 ? `${named.slice(0, 3).join(' ')}` : '';
}
