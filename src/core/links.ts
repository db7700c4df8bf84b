// Which citation links may be opened or shown as links. Sidecars come from strangers through git, so
// only web (http, https) and DOI links are ever produced; everything else stays inert text.

const DOI_PATTERN = /^10\.\d{4,9}\/\S+$/;

/** Normalises a DOI given as `10.x/y`, `doi:10.x/y` or a doi.org URL; undefined if it is not one. */
export function normalizeDoi(input: string): string | undefined {
  const trimmed = input.trim().replace(/^doi:\s*/i, '').replace(/^https?:\/\/(dx\.)?doi\.org\//i, '');
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

/** The link to open for a citation: its DOI (resolved at doi.org) or its web URL. */
export function citationLink(citation: { url?: string; doi?: string }): string | undefined {
  const doi = citation.doi ? normalizeDoi(citation.doi) : undefined;
  if (doi) return `https://doi.org/${doi.split('/').map(encodeURIComponent).join('/')}`;
  return citation.url ? safeWebUrl(citation.url) : undefined;
}

/** Why a citation cannot be opened, for the message the user sees. */
export function whyNotOpenable(citation: { url?: string; doi?: string }): string {
  if (citation.doi && !normalizeDoi(citation.doi)) return `"${citation.doi}" is not a DOI (expected 10.xxxx/…)`;
  if (citation.url) return `only http(s) and DOI links are opened, and "${citation.url.slice(0, 80)}" is neither`;
  return 'the citation has no URL or DOI';
}
