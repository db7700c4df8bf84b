// Which citation links may be opened or shown as links. Sidecars come from strangers through git, so
// only web (http, https) and DOI links are ever produced; everything else stays inert text.

const DOI_PATTERN = /^10\.\d{4,9}\/\S+$/;

/** Normalises a DOI given as `10.x/y`, `doi:10.x/y` or a doi.org URL; undefined if it is not one. */
export function normalizeDoi(input: string): string | undefined {
  const trimmed = input
    .trim()
    .replace(/^doi:\s*/i, '')
    .replace(/^https?:\/\/(dx\.)?doi\.org\//i, '');
  return DOI_PATTERN.test(trimmed) ? trimmed : undefined;
}

/** An http(s) URL as a canonical string, or undefined for any other scheme or malformed input. */
export function safeWebUrl(input: string): string | undefined {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (!url.hostname) return undefined;
  return url.href;
}

/**
 * Characters that could end a Markdown link destination early or start new syntax after it: a URL such as
 * `https://x.example/a)[y](command:…)` would otherwise close its link at ")" and open a second, live one.
 * The WHATWG URL serialiser leaves them as they are; servers read the percent-encoded forms alike.
 */
const MARKDOWN_UNSAFE = /[()[\]<>"'`\\\s]/g;

function encodeMarkdownUnsafe(text: string): string {
  return text.replace(MARKDOWN_UNSAFE, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * User-info (`https://user:pass@host/`) as the URL serialiser leaves it may hold ")" or "*", which would end
 * the Markdown link or start emphasis; every character but letters, digits, "-", "." and "~" is
 * percent-encoded, which RFC 3986 reads as the same user-info.
 */
function encodeUserInfo(text: string): string {
  return text.replace(/[^A-Za-z0-9%.~-]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** `href` with its user-info, path, query and fragment safe to put inside a Markdown link (the host may be `[::1]`). */
function markdownSafeHref(href: string): string {
  const url = new URL(href);
  const rest = url.pathname + url.search + url.hash;
  const userInfo = url.username || url.password ? `${encodeUserInfo(url.username)}${url.password ? ':' + encodeUserInfo(url.password) : ''}@` : '';
  return `${url.protocol}//${userInfo}${url.host}${encodeMarkdownUnsafe(rest)}`;
}

/**
 * The link to open or show for a citation: its DOI (resolved at doi.org) or its web URL. Always http(s), and
 * safe to put in a Markdown link as it is.
 */
export function citationLink(citation: { url?: string; doi?: string }): string | undefined {
  const doi = citation.doi ? normalizeDoi(citation.doi) : undefined;
  if (doi) {
    return `https://doi.org/${doi
      .split('/')
      .map((segment) => encodeMarkdownUnsafe(encodeURIComponent(segment)))
      .join('/')}`;
  }
  const url = citation.url ? safeWebUrl(citation.url) : undefined;
  return url && markdownSafeHref(url);
}

/** Why a citation cannot be opened, for the message the user sees. */
export function whyNotOpenable(citation: { url?: string; doi?: string }): string {
  if (citation.doi && !normalizeDoi(citation.doi)) return `"${citation.doi}" is not a DOI (expected 10.xxxx/…)`;
  if (citation.url) return `only http(s) and DOI links are opened, and "${citation.url.slice(0, 80)}" is neither`;
  return 'the citation has no URL or DOI';
}
