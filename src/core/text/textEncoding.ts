// Sidecars and articles must be UTF-8; anything else is named clearly instead of being decoded into mojibake.

/** Why bytes are not UTF-8 text, and where (1-based line and UTF-16 column of the first bad byte). */
export interface EncodingProblem {
  message: string;
  line: number;
  column: number;
}

/** Explains why bytes are not UTF-8 text, naming the place, or returns undefined when they are fine. */
export function describeEncodingProblem(bytes: Uint8Array): string | undefined {
  return locateEncodingProblem(bytes)?.message;
}

export function locateEncodingProblem(bytes: Uint8Array): EncodingProblem | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { message: 'the file is UTF-16 (little-endian) encoded', line: 1, column: 1 };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { message: 'the file is UTF-16 (big-endian) encoded', line: 1, column: 1 };
  const bad = firstInvalidUtf8Byte(bytes);
  if (bad < 0) return undefined;
  // Counted on the valid text before the bad byte, so a genuine U+FFFD earlier in the file cannot mislead.
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.slice(0, lineStart).split('\n').length;
  const column = before.length - lineStart + 1;
  return { message: `the file is not valid UTF-8 (first bad byte at line ${line}, column ${column})`, line, column };
}

/** The index of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. */
function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  const continuation = (at: number, low = 0x80, high = 0xbf) => at < bytes.length && bytes[at]! >= low && bytes[at]! <= high;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let length: number;
    if (b < 0x80) length = 1;
    else if (b >= 0xc2 && b <= 0xdf) length = continuation(i + 1) ? 2 : 0;
    else if (b >= 0xe0 && b <= 0xef) {
      const [low, high] = b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
      length = continuation(i + 1, low, high) && continuation(i + 2) ? 3 : 0;
    } else if (b >= 0xf0 && b <= 0xf4) {
      const [low, high] = b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
      length = continuation(i + 1, low, high) && continuation(i + 2) && continuation(i + 3) ? 4 : 0;
    } else length = 0;
    if (length === 0) return i;
    i += length;
  }
  return -1;
}

/** True when bytes look like a binary file (a NUL in the first 8 KiB), which is never treated as an article. */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8192);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

/**
 * Article text as VS Code's editor sees it: UTF-8 with a leading byte-order mark removed, so UTF-16
 * offsets here equal `document.offsetAt` in the editor (which hides the BOM too).
 */
export function decodeArticleText(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
