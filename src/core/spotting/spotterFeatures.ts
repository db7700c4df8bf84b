// Features for check-worthiness scoring, shared by the shipped scorer and scripts/train-spotter.ts so that
// training and inference cannot drift apart. The extractor works on char codes without building token strings,
// because spotting must keep up with several MB of prose a second.
import { CueTriggers, type Trigger } from './cueTriggers';

export interface FeatureConfig {
  /** Size of the hashed feature space is 2^bits. */
  bits: number;
  wordWeight: number;
  bigramWeight: number;
  charWeight: number;
  cueWeight: number;
  /** Weight of n-grams over the sentence skeleton: function words kept, other words reduced to their shape. */
  skeletonWeight: number;
  charMin: number;
  charMax: number;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SEED_WORD = 0x9e3779b1;
const SEED_BIGRAM = 0x85ebca6b;
const SEED_CHAR = 0xc2b2ae35;
const SEED_CUE = 0x27d4eb2f;
const SEED_SKELETON = 0x165667b1;
const BOUNDARY = 0x2;

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Folds case, digits and typographic variants so "$1.25" and "$3.40", ’ and ' share features. */
function foldCode(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  if (c >= 48 && c <= 57) return 48;
  if (c === 0x2019 || c === 0x2018) return 39;
  if (c === 0x201c || c === 0x201d) return 34;
  if (c === 0x2014 || c === 0x2013) return 45;
  if (c === 9 || c === 10 || c === 13 || c === 0xa0) return 32;
  if (c >= 0xc0 && c <= 0xde && c !== 0xd7) return c + 32;
  return c;
}

function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || c === 48 || (c >= 0xdf && c <= 0x24f && c !== 0xf7);
}

/** Lexical cues, in the order they are reported. Each is a feature and a human-readable reason. */
const CUE_PATTERNS: Array<[string, RegExp]> = [
  ['money', /[$€£¥]\s?\d|\b\d[\d,.]{0,30}\s?(?:dollars?|euros?|pounds?|cents?|bn|m)\b|\b(?:billion|million|trillion)\s+dollars\b/i],
  ['percent', /\d\s?%|\bper\s?cent\b|\bpercent(?:age)?\b/i],
  [
    'number',
    /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|trillion|dozens?|half|twice|double[ds]?|tripled?)\b/i,
  ],
  [
    'date',
    /\b(?:(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.|january|february|march|april|may \d|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|last (?:year|month|week)|(?:1[89]|20)\d\d)\b/i,
  ],
  [
    'comparison',
    /\b(?:more|less|fewer|higher|lower|larger|smaller|bigger|greater|increased?|decreased?|rose|fell|grew|dropped|doubled|tripled|cut|raised|up|down|than|most|least|largest|highest|lowest|biggest|record|first|only|ever|since)\b/i,
  ],
  ['attribution', /\b(?:said|says|reported|according to|announced|told|stated|claimed|confirmed|revealed|estimated|showed|shows|found)\b/i],
  [
    'statistic',
    /\b(?:rate|average|median|percent|budget|deficit|tax(?:es)?|jobs?|unemployment|spending|cost|debt|income|population|billions?|millions?|votes?d?|voted|law|bill)\b/i,
  ],
  ['entity', /[^.!?\s"“]\s+(?:[A-Z][a-z]+|[A-Z]{2,})\b/],
  ['opinion', /\b(?:I think|I believe|I feel|we (?:need|must|should|will|can|ought)|should|ought|must|going to|gonna|let me|thank you|I'm|I'll|I want|I'd)\b/],
  ['question', /\?\s*["”']?$/],
];

/**
 * The kinds of claim a fact-checker looks for, in the order one is named as a sentence's type: a figure is the
 * most checkable thing a sentence can hold, an attribution or a bare date the least. Each pattern's match is
 * the evidence shown to the user ("a statistic: 23 million Americans"), so it spans the telling words only.
 */
export const CLAIM_TYPES = ['statistic', 'cause', 'comparison', 'rule', 'prediction', 'quote', 'date'] as const;
export type ClaimType = (typeof CLAIM_TYPES)[number];

const NUMBER_WORD =
  '(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousands|millions|billions|dozens?|half)';
const SCALE = '(?:\\s?(?:million|billion|trillion|thousand|hundred|bn|m|k)\\b)?';
const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

/** Per type, patterns tried in order: the first that matches gives the evidence (money before a bare count). */
export const CLAIM_TYPE_PATTERNS: ReadonlyArray<readonly [ClaimType, RegExp[]]> = [
  [
    'statistic',
    [
      `[$€£¥]\\s?\\d[\\d,.]*${SCALE}`,
      `\\b\\d[\\d,.]*\\s?(?:%|percent\\b|per cent\\b|percentage points?\\b)`,
      // A count with the thing counted: "23 million Americans", "42 people", "a 6.1 magnitude".
      `(?<!\\b${MONTH}\\.?\\s)\\b(?!(?:1[89]|20)\\d\\d\\b)\\d+(?:[,.]\\d+)*${SCALE}(?:\\s?-?\\s?(?:year|day|month|week|hour|minute|mile|meter|metre|foot|feet|kilometer|km|magnitude)s?(?:-old)?\\b)?(?:\\s+(?:of\\s+)?(?:the\\s+)?(?!(?:and|or|but|the|a|an|to|in|of|on|at|for|with|by|from|that|is|was|were|are|am|pm|a\\.m|p\\.m)\\b)[A-Za-z][\\w'’-]*){0,1}`,
      `\\b${NUMBER_WORD}(?:\\s(?:million|billion|thousand|hundred))?\\s+(?:of\\s+)?[a-z][\\w'’-]*(?:\\s+(?:people|Americans|workers|jobs|dollars|deaths|children|families|homes|votes))?`,
      '\\b(?:unemployment|inflation|poverty|crime|murder|death|growth|interest|tax|birth|turnout) rate\\b',
    ].map((source) => new RegExp(source, 'i')),
  ],
  [
    'comparison',
    [
      /\b(?:(?:more|less|fewer|higher|lower|bigger|larger|smaller|greater|worse|better|faster|slower|cheaper|older|younger) than\b(?:\s+[\w'’-]+){0,3}|the (?:largest|biggest|highest|lowest|most|least|worst|best|first|only|fastest|deadliest|strongest|oldest|youngest)\b(?:\s+[\w'’-]+){0,2}|(?:a |an all-time )?record(?:-\w+)?\b(?:\s+[\w'’-]+){0,2}|\b(?:doubled|tripled|halved|quadrupled)\b|\b(?:increased|decreased|rose|fell|grew|dropped|declined|surged|plunged|soared|jumped|climbed|shrank|tumbled)\b(?:\s+(?:by|to|from)\s+[\w$€£%.,'’-]+)?)/i,
    ],
  ],
  [
    'cause',
    [
      /\b(?:because of|because|due to|caused|causes|causing|led to|leads to|lead to|as a result of|resulted in|results in|thanks to|blamed (?:on|for)|responsible for|triggered|sparked|killed by|linked to)\b(?:\s+[\w'’-]+){0,3}/i,
    ],
  ],
  [
    'rule',
    [
      /\b(?:illegal|unconstitutional|unlawful|legally|the law|a law|laws?\b(?:\s+[\w'’-]+){0,2}|banned|bans?\b|prohibit(?:s|ed)?|requires?|required by|mandatory|mandated?|regulations?|constitution(?:al)?|statute|ordinance|the (?:supreme )?court ruled|ruled that|act of \d{4}|sentenced to(?:\s+[\w'’-]+){0,3}|convicted of(?:\s+[\w'’-]+){0,2}|charged with(?:\s+[\w'’-]+){0,2}|treaty|signed into law)\b/i,
    ],
  ],
  [
    'prediction',
    [
      /\b(?:will (?!you\b|be able\b)(?:[\w'’-]+)(?:\s+[\w'’-]+){0,2}|is expected to(?:\s+[\w'’-]+){0,2}|are expected to(?:\s+[\w'’-]+){0,2}|(?:is|are) set to(?:\s+[\w'’-]+){0,2}|forecasts?|projected|predicts?|predicted|(?:is|are) going to(?:\s+[\w'’-]+){0,2}|by (?:the end of )?(?:20\d\d|next (?:year|month|week))|plans? to(?:\s+[\w'’-]+){0,2})/i,
    ],
  ],
  [
    'quote',
    [
      /\b[Aa]ccording to(?:\s+[\w.'’-]+){1,3}/,
      // Who said it, then the verb: "The report said", "Gordon Brown said".
      /(?:\b[\w.'’-]+\s+){1,2}(?:said|says|told|announced|reported|stated|claimed|confirmed|added|testified|wrote)\b/,
      /\b(?:said|says|told|announced|reported|stated|claimed|confirmed|testified)\b(?:\s+[\w'’-]+){0,2}/,
    ],
  ],
  [
    'date',
    [
      new RegExp(
        `\\b${MONTH}\\.? \\d{1,2}(?:st|nd|rd|th)?(?:,? (?:1[89]|20)\\d\\d)?\\b|\\b(?:in |since |by |until |from )?${MONTH} (?:of )?(?:1[89]|20)\\d\\d\\b|\\b(?:in|since|by|until|from|of|before|after) (?:1[89]|20)\\d\\d\\b|\\b(?:1[89]|20)\\d\\d\\b|\\b(?:on |last |this |next )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday)\\b|\\blast (?:year|month|week|decade)\\b`,
        'i',
      ),
    ],
  ],
];

const CLAIM_TYPE_PATTERNS_BY_TYPE = new Map(CLAIM_TYPE_PATTERNS);

/** Whether a quote is there needs only its verb; the evidence patterns look for who said it, which is slower. */
const QUOTE_VERB = /\b(?:[Aa]ccording to|said|says|told|announced|reported|stated|claimed|confirmed|added|testified|wrote)\b/;

/** Cue names for the claim types, which are also model features. */
const TYPE_CUE_NAMES = CLAIM_TYPE_PATTERNS.map(([type]) => `type:${type}`);

export const CUE_NAMES: readonly string[] = [...CUE_PATTERNS.map(([name]) => name), ...TYPE_CUE_NAMES];

/** The lexical cues a sentence carries, e.g. ["money", "attribution", "type:statistic"]. */
export function sentenceCues(sentence: string): string[] {
  return sentenceCuesAndType(sentence).cues;
}

const MONTH_WORDS = [
  ...['jan', 'january', 'feb', 'february', 'mar', 'march', 'apr', 'april', 'may', 'jun', 'june', 'jul', 'july'],
  ...['aug', 'august', 'sep', 'sept', 'sepember', 'september', 'oct', 'october', 'nov', 'november', 'dec', 'december'],
];
const DAY_WORDS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'yesterday'];

/**
 * For each word-list pattern, the words one of which every match contains (see cueTriggers.ts): the pattern is
 * run only when the sentence has one. Written from the patterns above; keep them in step when a pattern changes
 * (test/unit/cueTriggers.test.ts fails on a pattern that matches where its trigger did not fire).
 */
export const CUE_TRIGGER_WORDS: ReadonlyMap<string, Trigger> = new Map<string, Trigger>([
  ['percent', { digit: true, words: ['per', 'percent', 'percentage'] }],
  [
    'number',
    {
      digit: true,
      words: [
        ...['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'twenty', 'thirty', 'forty', 'fifty'],
        ...['hundred', 'thousand', 'million', 'billion', 'trillion', 'dozen', 'dozens', 'half', 'twice', 'double', 'doubled', 'doubles', 'triple', 'tripled'],
      ],
    },
  ],
  ['date', { year: true, words: [...MONTH_WORDS, ...DAY_WORDS, 'last'] }],
  [
    'comparison',
    {
      words: [
        ...['more', 'less', 'fewer', 'higher', 'lower', 'larger', 'smaller', 'bigger', 'greater', 'increase', 'increased', 'decrease', 'decreased'],
        ...['rose', 'fell', 'grew', 'dropped', 'doubled', 'tripled', 'cut', 'raised', 'up', 'down', 'than', 'most', 'least', 'largest', 'highest'],
        ...['lowest', 'biggest', 'record', 'first', 'only', 'ever', 'since'],
      ],
    },
  ],
  [
    'attribution',
    {
      words: [
        'said',
        'says',
        'reported',
        'according',
        'announced',
        'told',
        'stated',
        'claimed',
        'confirmed',
        'revealed',
        'estimated',
        'showed',
        'shows',
        'found',
      ],
    },
  ],
  [
    'statistic',
    {
      words: [
        ...['rate', 'average', 'median', 'percent', 'budget', 'deficit', 'tax', 'taxes', 'job', 'jobs', 'unemployment', 'spending', 'cost', 'debt'],
        ...['income', 'population', 'billion', 'billions', 'million', 'millions', 'vote', 'votes', 'voted', 'votesd', 'law', 'bill'],
      ],
    },
  ],
  ['opinion', { words: ['i', 'we', 'should', 'ought', 'must', 'going', 'gonna', 'let', 'thank'] }],
  [
    'type:comparison',
    {
      words: [
        ...['than', 'largest', 'biggest', 'highest', 'lowest', 'most', 'least', 'worst', 'best', 'first', 'only', 'fastest', 'deadliest', 'strongest'],
        ...['oldest', 'youngest', 'record', 'doubled', 'tripled', 'halved', 'quadrupled', 'increased', 'decreased', 'rose', 'fell', 'grew', 'dropped'],
        ...['declined', 'surged', 'plunged', 'soared', 'jumped', 'climbed', 'shrank', 'tumbled'],
      ],
    },
  ],
  [
    'type:cause',
    {
      words: [
        ...['because', 'due', 'caused', 'causes', 'causing', 'led', 'leads', 'lead', 'result', 'resulted', 'results', 'thanks', 'blamed'],
        ...['responsible', 'triggered', 'sparked', 'killed', 'linked'],
      ],
    },
  ],
  [
    'type:rule',
    {
      words: [
        ...['illegal', 'unconstitutional', 'unlawful', 'legally', 'law', 'laws', 'banned', 'ban', 'bans', 'prohibit', 'prohibits', 'prohibited'],
        ...['require', 'requires', 'required', 'mandatory', 'mandate', 'mandated', 'regulation', 'regulations', 'constitution', 'constitutional'],
        ...['statute', 'ordinance', 'court', 'ruled', 'act', 'sentenced', 'convicted', 'charged', 'treaty', 'signed'],
      ],
    },
  ],
  [
    'type:prediction',
    { words: ['will', 'expected', 'set', 'going', 'next', 'plan', 'plans'], prefixes: ['forecast', 'projected', 'predict'], yearPrefix: true },
  ],
  ['type:quote', { words: ['according', 'said', 'says', 'told', 'announced', 'reported', 'stated', 'claimed', 'confirmed', 'added', 'testified', 'wrote'] }],
  ['type:date', { year: true, words: [...MONTH_WORDS, ...DAY_WORDS, 'last'] }],
]);

const TRIGGER_NAMES = [...CUE_TRIGGER_WORDS.keys()];
const CUE_TRIGGERS = new CueTriggers([...CUE_TRIGGER_WORDS.values()]);
/** The trigger bit of a cue, or 0 for a cue that is always tried. */
function triggerBit(name: string): number {
  const index = TRIGGER_NAMES.indexOf(name);
  return index < 0 ? 0 : 1 << index;
}
const CUE_TRIGGER_BITS = CUE_PATTERNS.map(([name]) => triggerBit(name));

/** The patterns each trigger guards, by the trigger's name (for the test that the triggers are necessary). */
export function patternsGuardedBy(name: string): RegExp[] {
  if (name === 'type:quote') return [QUOTE_VERB];
  const cue = CUE_PATTERNS.find(([cueName]) => cueName === name);
  if (cue) return [cue[1]];
  return [...(CLAIM_TYPE_PATTERNS_BY_TYPE.get(name.replace(/^type:/, '') as ClaimType) ?? [])];
}

const MONEY_CUE = CUE_PATTERNS.findIndex(([name]) => name === 'money');
const NUMBER_CUE = CUE_PATTERNS.findIndex(([name]) => name === 'number');

/**
 * The statistic and date patterns are the costliest; a sentence without a number, or without any date word,
 * cannot match them, and the cheap cues already say so (spotting runs at several MB/s).
 */
const TYPE_CUE_GATES: ReadonlyMap<ClaimType, readonly string[]> = new Map<ClaimType, string[]>([
  ['statistic', ['number', 'money', 'percent', 'statistic']],
  ['date', ['date', 'number']],
]);

/** Bit i stands for CUE_PATTERNS[i]. */
function cueMask(names: readonly string[]): number {
  return names.reduce((mask, name) => mask | (1 << CUE_PATTERNS.findIndex(([cue]) => cue === name)), 0);
}

/** Each claim type's cue, worked out once: its name, its patterns, its rank as a type, and the cues it needs. */
const TYPE_STEPS = CLAIM_TYPE_PATTERNS.map(([type, patterns]) => ({
  type,
  name: `type:${type}`,
  patterns,
  rank: CLAIM_TYPES.indexOf(type),
  gate: TYPE_CUE_GATES.has(type) ? cueMask(TYPE_CUE_GATES.get(type)!) : 0,
  trigger: triggerBit(`type:${type}`),
}));

/**
 * The cues and the claim type in one pass, so spotting does not run the type patterns twice (once as cues,
 * once for the evidence). The result is the same as sentenceCues and then claimTypeOf(sentence, cues).
 */
export function sentenceCuesAndType(sentence: string): { cues: string[]; type: ClaimTypeMatch | undefined } {
  const found: string[] = [];
  let foundMask = 0;
  const triggered = CUE_TRIGGERS.maskOf(sentence);
  const mayMatch = (index: number): boolean => {
    const bit = CUE_TRIGGER_BITS[index]!;
    return bit === 0 || (triggered & bit) !== 0;
  };
  // Every money pattern needs a digit or "billion/million/trillion", which the number cue also matches, so a
  // sentence without the number cue skips the money pattern (cues keep their order).
  const hasNumber = mayMatch(NUMBER_CUE) && CUE_PATTERNS[NUMBER_CUE]![1].test(sentence);
  for (let index = 0; index < CUE_PATTERNS.length; index++) {
    const [name, pattern] = CUE_PATTERNS[index]!;
    if (index === NUMBER_CUE ? hasNumber : (index !== MONEY_CUE || hasNumber) && mayMatch(index) && pattern.test(sentence)) {
      found.push(name);
      foundMask |= 1 << index;
    }
  }
  let best: { type: ClaimType; rank: number; words: string } | undefined;
  for (const step of TYPE_STEPS) {
    if (step.gate !== 0 && (step.gate & foundMask) === 0) continue;
    if (step.trigger !== 0 && (step.trigger & triggered) === 0) continue;
    if (step.type === 'quote' && !QUOTE_VERB.test(sentence)) continue;
    // Only the best-ranked type needs its words; the others need only whether they match.
    const outranked = best !== undefined && best.rank < step.rank;
    if (outranked && step.type === 'quote') {
      found.push(step.name);
      continue;
    }
    const words = outranked ? (step.patterns.some((p) => p.test(sentence)) ? '' : undefined) : firstMatch(step.patterns, sentence);
    // A quote is marked by its verb alone; its evidence patterns may still find no speaker.
    if (words === undefined && step.type !== 'quote') continue;
    found.push(step.name);
    if (words !== undefined && (!best || step.rank < best.rank)) best = { type: step.type, rank: step.rank, words };
  }
  return { cues: found, type: best && { type: best.type, evidence: tidyEvidence(best.words) } };
}

/** The words of the first pattern that matches. */
function firstMatch(patterns: readonly RegExp[], sentence: string): string | undefined {
  for (const pattern of patterns) {
    const match = pattern.exec(sentence);
    if (match) return match[0];
  }
  return undefined;
}

/** Matched words as shown to the user: one space between words, no trailing punctuation. */
function tidyEvidence(words: string): string {
  // Most matches are tidy already: no space at either end, only single plain spaces, no trailing punctuation.
  if (!UNTIDY.test(words)) return words;
  return words
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[,;:.]+$/, '');
}
const UNTIDY = /^\s|\s$|[^\S ]|\s\s|[,;:.]$/;

export interface ClaimTypeMatch {
  type: ClaimType;
  /** The words that show the type, as they appear in the sentence. */
  evidence: string;
}

/**
 * The first claim type (in CLAIM_TYPES order) a sentence shows, with the words that show it. `cues`, when the
 * caller has them from sentenceCues, skips the types the sentence cannot show (spotting stays fast).
 */
export function claimTypeOf(sentence: string, cues?: readonly string[]): ClaimTypeMatch | undefined {
  for (const type of CLAIM_TYPES) {
    if (cues && !cues.includes(`type:${type}`)) continue;
    const evidence = firstMatch(CLAIM_TYPE_PATTERNS_BY_TYPE.get(type) ?? [], sentence);
    if (evidence !== undefined) return { type, evidence: tidyEvidence(evidence) };
  }
  return undefined;
}

/** Accumulates hashed features; reused across sentences to avoid allocation in the hot loop. */
export class FeatureBuffer {
  indices: Int32Array;
  values: Float32Array;
  length = 0;
  constructor(capacity = 4096) {
    this.indices = new Int32Array(capacity);
    this.values = new Float32Array(capacity);
  }
  /** Makes room for `extra` more features. */
  reserve(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.indices.length) return;
    const size = Math.max(needed, this.indices.length * 2);
    const indices = new Int32Array(size);
    indices.set(this.indices.subarray(0, this.length));
    const values = new Float32Array(size);
    values.set(this.values.subarray(0, this.length));
    this.indices = indices;
    this.values = values;
  }
  push(index: number, value: number): void {
    if (this.length === this.indices.length) this.reserve(1);
    this.indices[this.length] = index;
    this.values[this.length] = value;
    this.length++;
  }
  scale(from: number, factor: number): void {
    for (let i = from; i < this.length; i++) this.values[i]! *= factor;
  }
}

/**
 * Closed-class words kept as themselves in the skeleton. The rest become shapes (number, name, -ed, -ing, word),
 * so "we have 0 million jobs" and "they lost 0 billion dollars" share structure across topics.
 */
const FUNCTION_WORDS = (
  "a about above after again against all am an and any are aren't as at be because been before being below between both " +
  "but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each few for from further had hadn't " +
  "has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm i've if in " +
  "into is isn't it it's its itself let's me more most mustn't my myself no nor not of off on once only or other ought our ours " +
  "ourselves out over own same shan't she she'd she'll she's should shouldn't so some such than that that's the their theirs them " +
  "themselves then there there's these they they'd they'll they're they've this those through to too under until up very was wasn't " +
  "we we'd we'll we're we've were weren't what what's when when's where where's which while who who's whom why why's with won't " +
  "would wouldn't you you'd you'll you're you've your yours yourself yourselves will shall may might must said says say told " +
  'according percent million billion trillion thousand hundred since ago last year years never ever every first now today ' +
  'think believe know want going gonna just well yes let'
).split(' ');

function wordHash(word: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ foldCode(word.charCodeAt(i)), FNV_PRIME);
  return h >>> 0;
}

/**
 * The function words' hashes in an open-addressing table: the hashes are 32-bit, beyond V8's small integers, and
 * a Set of them was a tenth of feature extraction.
 */
const FUNCTION_WORD_SLOTS = 1024;
const functionWordTable = new Int32Array(FUNCTION_WORD_SLOTS);
const functionWordUsed = new Uint8Array(FUNCTION_WORD_SLOTS);
for (const word of FUNCTION_WORDS) {
  const h = wordHash(word) | 0;
  let slot = h & (FUNCTION_WORD_SLOTS - 1);
  while (functionWordUsed[slot] === 1 && functionWordTable[slot] !== h) slot = (slot + 1) & (FUNCTION_WORD_SLOTS - 1);
  functionWordTable[slot] = h;
  functionWordUsed[slot] = 1;
}
function isFunctionWordHash(hash: number): boolean {
  const h = hash | 0;
  let slot = h & (FUNCTION_WORD_SLOTS - 1);
  while (functionWordUsed[slot] === 1) {
    if (functionWordTable[slot] === h) return true;
    slot = (slot + 1) & (FUNCTION_WORD_SLOTS - 1);
  }
  return false;
}
const SHAPE_NUMBER = wordHash('<num>');
const SHAPE_NAME = wordHash('<name>');
const SHAPE_ED = wordHash('<ed>');
const SHAPE_ING = wordHash('<ing>');
const SHAPE_LY = wordHash('<ly>');
const SHAPE_WORD = wordHash('<w>');

let foldBuffer = new Int32Array(1024);
let upperBuffer = new Uint8Array(1024);
let bigramBuffer = new Int32Array(256);
const skeleton: number[] = [];

/**
 * Writes the hashed features of one sentence into `out` (cleared first). Each feature group is scaled to unit
 * L2 norm times its group weight, so long sentences do not dominate and groups can be balanced in training.
 */
export function extractFeatures(sentence: string, config: FeatureConfig, out: FeatureBuffer, cues?: string[]): void {
  out.length = 0;
  const mask = (1 << config.bits) - 1;
  const n = sentence.length;
  if (foldBuffer.length < n + 2) {
    foldBuffer = new Int32Array(n * 2 + 2);
    upperBuffer = new Uint8Array(n * 2 + 2);
  }
  const folded = foldBuffer;
  const upper = upperBuffer;
  let m = 0;
  folded[m++] = 32;
  for (let i = 0; i < n; i++) {
    const raw = sentence.charCodeAt(i);
    const c = foldCode(raw);
    if (c === 32 && folded[m - 1] === 32) continue;
    upper[m] = raw >= 65 && raw <= 90 ? 1 : 0;
    folded[m++] = c;
  }
  if (folded[m - 1] !== 32) folded[m++] = 32;

  const wantSkeleton = config.skeletonWeight > 0;
  if (wantSkeleton) skeleton.length = 0;
  if (config.wordWeight > 0 || config.bigramWeight > 0 || wantSkeleton) {
    const wordStart = out.length;
    let previous = BOUNDARY;
    let bigramCount = 0;
    let wordCount = 0;
    let i = 0;
    if (bigramBuffer.length < m + 2) bigramBuffer = new Int32Array(m * 2 + 2);
    const bigramsAt = bigramBuffer;
    while (i < m) {
      const c = folded[i]!;
      if (!isWordCode(c)) {
        i++;
        continue;
      }
      let h = FNV_OFFSET;
      const wordStartAt = i;
      while (i < m) {
        const d = folded[i]!;
        if (isWordCode(d) || (d === 39 && i + 1 < m && isWordCode(folded[i + 1]!) && folded[i + 1] !== 48)) {
          h = Math.imul(h ^ d, FNV_PRIME);
          i++;
        } else break;
      }
      h >>>= 0;
      if (wantSkeleton) {
        let shape: number;
        if (isFunctionWordHash(h)) shape = h;
        else if (folded[wordStartAt] === 48) shape = SHAPE_NUMBER;
        else if (upper[wordStartAt] === 1 && skeleton.length > 0) shape = SHAPE_NAME;
        else {
          const last = folded[i - 1];
          const beforeLast = folded[i - 2];
          if (i - wordStartAt > 4 && beforeLast === 101 && last === 100) shape = SHAPE_ED;
          else if (i - wordStartAt > 5 && folded[i - 3] === 105 && beforeLast === 110 && last === 103) shape = SHAPE_ING;
          else if (i - wordStartAt > 4 && beforeLast === 108 && last === 121) shape = SHAPE_LY;
          else shape = SHAPE_WORD;
        }
        skeleton.push(shape);
      }
      if (config.wordWeight > 0) {
        out.push(mix(h ^ SEED_WORD) & mask, 1);
        wordCount++;
      }
      if (config.bigramWeight > 0) {
        bigramsAt[bigramCount++] = mix(Math.imul(previous, 31) ^ h ^ SEED_BIGRAM) & mask;
      }
      previous = h;
    }
    if (config.bigramWeight > 0) {
      bigramsAt[bigramCount++] = mix(Math.imul(previous, 31) ^ BOUNDARY ^ SEED_BIGRAM) & mask;
    }
    if (wordCount > 0) out.scale(wordStart, config.wordWeight / Math.sqrt(wordCount));
    const bigramStart = out.length;
    for (let k = 0; k < bigramCount; k++) out.push(bigramsAt[k]!, 1);
    if (bigramCount > 0) out.scale(bigramStart, config.bigramWeight / Math.sqrt(bigramCount));
  }

  if (wantSkeleton && skeleton.length > 0) {
    const skeletonStart = out.length;
    let a = BOUNDARY;
    let b = BOUNDARY;
    for (let k = 0; k <= skeleton.length; k++) {
      const c = skeleton[k] ?? BOUNDARY; // one step past the end closes the skeleton
      out.push(mix(Math.imul(b, 31) ^ c ^ SEED_SKELETON) & mask, 1);
      out.push(mix(Math.imul(Math.imul(a, 31) ^ b, 31) ^ c ^ (SEED_SKELETON + 1)) & mask, 1);
      a = b;
      b = c;
    }
    out.scale(skeletonStart, config.skeletonWeight / Math.sqrt(out.length - skeletonStart));
  }

  if (config.charWeight > 0) {
    const { charMin, charMax } = config;
    let count = 0;
    for (let len = charMin; len <= charMax; len++) count += Math.max(0, m - len + 1);
    if (count > 0) {
      // The hottest loop: capacity is reserved once and the final value written directly.
      out.reserve(count);
      const value = config.charWeight / Math.sqrt(count);
      const indices = out.indices;
      const values = out.values;
      let at = out.length;
      for (let i = 0; i + charMin <= m; i++) {
        let h = FNV_OFFSET ^ SEED_CHAR;
        const limit = Math.min(m, i + charMax);
        for (let j = i; j < limit; j++) {
          h = Math.imul(h ^ folded[j]!, FNV_PRIME);
          if (j - i + 1 >= charMin) {
            indices[at] = mix(h) & mask;
            values[at++] = value;
          }
        }
      }
      out.length = at;
    }
  }

  if (config.cueWeight > 0) {
    const found = cues ?? sentenceCues(sentence);
    const indices = cueIndices(mask);
    for (const name of found) out.push(indices.byName.get(name) ?? cueIndex(name, mask), config.cueWeight);
    out.push(indices.count[Math.min(found.length, 5)]!, config.cueWeight);
    const words = Math.min(6, Math.floor(Math.log2(1 + (m >> 3))));
    out.push(indices.length[words]!, config.cueWeight);
  }
}

interface CueIndices {
  mask: number;
  byName: Map<string, number>;
  count: number[];
  length: number[];
}
let cueIndicesCache: CueIndices | undefined;

/** The hashed indices of the cue features, computed once per feature-space size rather than per sentence. */
function cueIndices(mask: number): CueIndices {
  if (cueIndicesCache?.mask === mask) return cueIndicesCache;
  cueIndicesCache = {
    mask,
    byName: new Map(CUE_NAMES.map((name) => [name, cueIndex(name, mask)])),
    count: [0, 1, 2, 3, 4, 5].map((n) => cueIndex(n === 0 ? 'none' : `count:${n}`, mask)),
    length: [0, 1, 2, 3, 4, 5, 6].map((n) => cueIndex(`length:${n}`, mask)),
  };
  return cueIndicesCache;
}

const cueIndexCache = new Map<string, number>();
function cueIndex(name: string, mask: number): number {
  const key = `${mask}:${name}`;
  let index = cueIndexCache.get(key);
  if (index === undefined) {
    let h = FNV_OFFSET ^ SEED_CUE;
    for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), FNV_PRIME);
    index = mix(h) & mask;
    cueIndexCache.set(key, index);
  }
  return index;
}
