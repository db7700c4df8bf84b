// Sidecars and articles must be UTF-8; anything else is named clearly instead of being decoded into mojibake.

/** Explains why bytes are not UTF-8 text, naming the place, or returns undefined when they are fine. */
export function describeEncodingProblem(bytes: Uint8Array): string | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'the file is UTF-16 (little-endian) encoded';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'the file is UTF-16 (big-endian) encoded';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return undefined;
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    const at = text.indexOf('\uFFFD');
    const line = text.slice(0, Math.max(0, at)).split('\n').length;
    return `the file is not valid UTF-8 (first bad byte on line ${line})`;
  }
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
