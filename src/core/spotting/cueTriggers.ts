// A cheap necessary condition for the cue patterns, checked before running them. Most cue patterns are lists of
// words between \b's with the i flag; a regular expression engine tries every alternative at every word start,
// while one pass over the sentence's words and a table lookup tell which patterns could match at all. A pattern
// whose trigger words are all absent cannot match, so it is not run; when a trigger is present the pattern itself
// still decides. Results are therefore the same as running every pattern (test/unit/cueTriggers.test.ts checks
// this on every sentence of the debate and news data in the repository).
//
// Words here are what \b sees without the u flag: maximal runs of [A-Za-z0-9_], compared with ASCII letters
// folded to lower case (the i flag folds no other character to ASCII).

/** What must be in a sentence for a pattern to have a chance. */
export interface Trigger {
  /** Whole words, lower case; one of them must be a word of the sentence. */
  words?: readonly string[];
  /** Word beginnings, lower case: for alternatives not closed by \b ("forecasts?" also matches "forecasting"). */
  prefixes?: readonly string[];
  /** Any digit anywhere. */
  digit?: boolean;
  /** A word of exactly four digits starting 18, 19 or 20 (a year, as "(?:1[89]|20)\d\d\b" after \b reads it). */
  year?: boolean;
  /** A word starting with "20" and two more digits ("20\d\d" with nothing after it). */
  yearPrefix?: boolean;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const TABLE_SIZE = 4096;

function lowerAscii(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

function isAsciiWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

function hashWord(word: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ lowerAscii(word.charCodeAt(i)), FNV_PRIME);
  return h | 0;
}

/** Word hash → bit mask of the triggers naming it, by open addressing. A collision only lets a pattern run. */
class WordMasks {
  private readonly keys = new Int32Array(TABLE_SIZE);
  private readonly masks = new Int32Array(TABLE_SIZE);
  private readonly used = new Uint8Array(TABLE_SIZE);

  add(word: string, bit: number): void {
    const h = hashWord(word);
    let slot = h & (TABLE_SIZE - 1);
    while (this.used[slot] === 1 && this.keys[slot] !== h) slot = (slot + 1) & (TABLE_SIZE - 1);
    this.keys[slot] = h;
    this.masks[slot]! |= bit;
    this.used[slot] = 1;
  }

  get(hash: number): number {
    let slot = hash & (TABLE_SIZE - 1);
    while (this.used[slot] === 1) {
      if (this.keys[slot] === hash) return this.masks[slot]!;
      slot = (slot + 1) & (TABLE_SIZE - 1);
    }
    return 0;
  }
}

/** Up to 31 triggers, one bit each; `maskOf` reads a sentence once and says which of them it fires. */
export class CueTriggers {
  private readonly words = new WordMasks();
  private readonly prefixes = new WordMasks();
  /** prefixLengths[n] is 1 when some prefix has n characters. */
  private readonly prefixLengths: Uint8Array;
  private digitMask = 0;
  private yearMask = 0;
  private yearPrefixMask = 0;

  constructor(triggers: readonly Trigger[]) {
    if (triggers.length > 31) throw new Error('at most 31 cue triggers');
    let longest = 0;
    triggers.forEach((trigger, index) => {
      const bit = 1 << index;
      for (const word of trigger.words ?? []) this.words.add(word, bit);
      for (const prefix of trigger.prefixes ?? []) {
        this.prefixes.add(prefix, bit);
        longest = Math.max(longest, prefix.length);
      }
      if (trigger.digit) this.digitMask |= bit;
      if (trigger.year) this.yearMask |= bit;
      if (trigger.yearPrefix) this.yearPrefixMask |= bit;
    });
    this.prefixLengths = new Uint8Array(longest + 1);
    for (const trigger of triggers) for (const prefix of trigger.prefixes ?? []) this.prefixLengths[prefix.length] = 1;
  }

  /** Bit i is set when trigger i fires in `sentence`, so pattern i may match; clear means it cannot. */
  maskOf(sentence: string): number {
    let mask = 0;
    const n = sentence.length;
    const prefixLengths = this.prefixLengths;
    const longestPrefix = prefixLengths.length - 1;
    const words = this.words;
    let i = 0;
    while (i < n) {
      // Skip to the next word; LOWER_WORD_CODE is 0 for every character \b does not count as a word character.
      while (i < n && (sentence.charCodeAt(i) >= 128 || LOWER_WORD_CODE[sentence.charCodeAt(i)] === 0)) i++;
      if (i >= n) break;
      const start = i;
      let h = FNV_OFFSET;
      let digits = 0;
      let c: number;
      while (i < n && (c = sentence.charCodeAt(i)) < 128) {
        const lower = LOWER_WORD_CODE[c]!;
        if (lower === 0) break;
        if (lower <= 57) digits++; // digits (48-57) and underscore (95) map to themselves, letters to 97-122
        h = Math.imul(h ^ lower, FNV_PRIME);
        i++;
        if (i - start <= longestPrefix && prefixLengths[i - start] === 1) mask |= this.prefixes.get(h | 0);
      }
      mask |= words.get(h | 0);
      if (digits > 0) mask |= this.numberMask(sentence, start, i);
    }
    return mask;
  }

  /** The triggers a word with digits fires: any digit; a year; a word starting with a 20xx year. */
  private numberMask(sentence: string, start: number, end: number): number {
    let mask = this.digitMask;
    const first = sentence.charCodeAt(start);
    const second = sentence.charCodeAt(start + 1);
    const fourDigits = end - start >= 4 && isDigit(sentence.charCodeAt(start + 2)) && isDigit(sentence.charCodeAt(start + 3));
    const century = (first === 49 && (second === 56 || second === 57)) || (first === 50 && second === 48);
    if (fourDigits && century && end - start === 4) mask |= this.yearMask;
    if (fourDigits && first === 50 && second === 48) mask |= this.yearPrefixMask;
    return mask;
  }
}

/** For each ASCII code: its lower-case form when \b counts it as a word character ([A-Za-z0-9_]), else 0. */
const LOWER_WORD_CODE = new Uint8Array(128);
for (let c = 0; c < 128; c++) LOWER_WORD_CODE[c] = isAsciiWordCode(c) ? lowerAscii(c) : 0;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
