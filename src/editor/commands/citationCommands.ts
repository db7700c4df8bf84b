// Citations: a guided multi-step input, import from BibTeX or CSL-JSON (a file or the clipboard), and
// opening a citation's link, which is only ever an http(s) or DOI link.
import * as vscode from 'vscode';
import type { CitationDraft } from '../../core/interchange/citations';
import { parseCitationsOffThread } from '../citationsOffThread';
import { newId } from '../../core/sidecar/ids';
import { citationLink, normalizeDoi, safeWebUrl, whyNotOpenable } from '../../core/interchange/links';
import { partialDate, type Citation } from '../../core/sidecar/schema';
import { type ClaimsContext, UserFacingError } from '../context';
import { displayPath } from '../ui/presentation';
import { readRegularFile } from '../../store/safeRead';

/** BibTeX or CSL-JSON files larger than this are refused unread (a large Zotero library is a few MB). */
const MAX_CITATION_FILE_BYTES = 64 * 1024 * 1024;
import { citationCount } from '../ui/spokenSummary';
import { pluralForm } from '../../core/text/plural';

const TOTAL_STEPS = 7;

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function validateDate(value: string): string | undefined {
  if (!value.trim()) return undefined;
  return partialDate.safeParse(value.trim()).success ? undefined : vscode.l10n.t('Use YYYY, YYYY-MM or YYYY-MM-DD, for example 2024-11 or 2024-11-07.');
}

export const addCitation = (ctx: ClaimsContext) => async (arg?: unknown) => {
  const ref = await ctx.resolveClaim(arg, vscode.l10n.t('Add Citation'));
  if (!ref) return;
  const title = vscode.l10n.t('Add Citation');
  const ask = (step: number, prompt: string, extra: { value?: string; placeHolder?: string; validate?: (v: string) => string | undefined } = {}) =>
    ctx.prompts.input({ title, prompt, step, totalSteps: TOTAL_STEPS, ...extra });

  const link = await ask(1, vscode.l10n.t('URL (http or https) or DOI of the source'), {
    placeHolder: vscode.l10n.t('https://… or 10.1234/abcd'),
    validate: (value) =>
      !value.trim() || safeWebUrl(value) || normalizeDoi(value)
        ? undefined
        : vscode.l10n.t('Enter an http(s) URL or a DOI such as 10.1234/abcd (or leave it empty and give a title).'),
  });
  if (link === undefined) return;
  const sourceTitle = await ask(2, vscode.l10n.t('Title of the source'), {
    validate: (value) => (!value.trim() && !link.trim() ? vscode.l10n.t('A citation needs a URL, a DOI or a title.') : undefined),
  });
  if (sourceTitle === undefined) return;
  const author = await ask(3, vscode.l10n.t('Author or publisher'));
  if (author === undefined) return;
  const issued = await ask(4, vscode.l10n.t('Publication date (YYYY, YYYY-MM or YYYY-MM-DD; optional)'), { validate: validateDate });
  if (issued === undefined) return;
  const accessed = await ask(5, vscode.l10n.t('Access date'), { value: today(), validate: validateDate });
  if (accessed === undefined) return;
  const quote = await ask(6, vscode.l10n.t('The passage in the source that supports or contradicts the claim (optional)'));
  if (quote === undefined) return;
  const note = await ask(7, vscode.l10n.t('Note (optional)'));
  if (note === undefined) return;

  const draft: CitationDraft = {};
  const doi = normalizeDoi(link);
  const url = doi ? undefined : safeWebUrl(link);
  if (doi) draft.doi = doi;
  if (url) draft.url = url;
  if (sourceTitle.trim()) draft.title = sourceTitle.trim();
  if (author.trim()) draft.author = author.trim();
  if (issued.trim()) draft.issued = issued.trim();
  if (accessed.trim()) draft.accessed = accessed.trim();
  if (quote.trim()) draft.quote = quote.trim();
  if (note.trim()) draft.note = note.trim();
  await attachCitations(ctx, ref.articlePath, ref.claimId, [draft]);
};

async function attachCitations(ctx: ClaimsContext, articlePath: string, claimId: string, drafts: CitationDraft[]): Promise<Citation[]> {
  const citations = drafts.map((draft) => ({ id: newId('s'), ...draft }) as Citation);
  await ctx.store.updateClaim(articlePath, claimId, (claim) => {
    for (const citation of structuredClone(citations)) claim.citations.push(citation);
  });
  return citations;
}

export const importCitations = (ctx: ClaimsContext) => async (arg?: unknown, sourceText?: string) => {
  const ref = await ctx.resolveClaim(arg, vscode.l10n.t('Import Citations'));
  if (!ref) return;
  let text = typeof sourceText === 'string' ? sourceText : undefined;
  let origin = vscode.l10n.t('the clipboard');
  if (text === undefined) {
    const source = await ctx.prompts.pick(
      [
        { label: vscode.l10n.t('From a file…'), iconPath: new vscode.ThemeIcon('file'), description: '.bib, .json', value: 'file' as const },
        { label: vscode.l10n.t('From the clipboard'), iconPath: new vscode.ThemeIcon('clippy'), value: 'clipboard' as const },
      ],
      { title: vscode.l10n.t('Import Citations'), placeHolder: vscode.l10n.t('Where are the BibTeX or CSL-JSON entries?') },
    );
    if (!source) return;
    if (source.value === 'clipboard') {
      text = await vscode.env.clipboard.readText();
    } else {
      const uri = await ctx.prompts.openFile({
        title: vscode.l10n.t('Import Citations'),
        filters: { [vscode.l10n.t('BibTeX or CSL-JSON')]: ['bib', 'bibtex', 'json'] },
      });
      if (!uri) return;
      origin = displayPath(uri);
      const read = readRegularFile(uri.fsPath, { maxBytes: MAX_CITATION_FILE_BYTES });
      if (read.kind !== 'bytes') {
        throw new UserFacingError(
          vscode.l10n.t('{0} cannot be imported: {1}', origin, read.kind === 'missing' ? vscode.l10n.t('it no longer exists') : read.reason),
        );
      }
      text = read.bytes.toString('utf8');
    }
  }
  if (!text?.trim()) throw new UserFacingError(vscode.l10n.t('{0} is empty; copy BibTeX or CSL-JSON entries first.', origin));
  const source = text;
  const parsed = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading citations from {0}…', origin) },
    () => parseCitationsOffThread(source),
  );
  if (parsed.problems.length > 0) {
    ctx.output.warn(`citations from ${origin}: ${parsed.problems.join('; ')}`);
  }
  if (parsed.entries.length === 0) {
    throw new UserFacingError(vscode.l10n.t('No citations found in {0}: {1}', origin, parsed.problems.slice(0, 3).join('; ') || vscode.l10n.t('no entries')));
  }
  const picked = await ctx.prompts.pickMany(
    parsed.entries.map((entry) => ({
      label: entry.label,
      description: [entry.citation.author, entry.citation.issued].filter(Boolean).join(', '),
      detail: entry.citation.url ?? (entry.citation.doi ? `doi:${entry.citation.doi}` : entry.key),
      picked: parsed.entries.length === 1,
      value: entry.citation,
    })),
    { title: vscode.l10n.t('Import Citations'), placeHolder: vscode.l10n.t('Choose the entries to attach to this claim') },
  );
  if (!picked || picked.length === 0) return;
  await attachCitations(
    ctx,
    ref.articlePath,
    ref.claimId,
    picked.map((p) => p.value),
  );
  const problems = parsed.problems.length;
  const skipped = problems
    ? pluralForm(
        problems,
        vscode.l10n.t(' (1 problem in the source; see the output channel)'),
        vscode.l10n.t(' ({0} problems in the source; see the output channel)', String(problems)),
      )
    : '';
  ctx.prompts.notify('info', vscode.l10n.t('Attached {0}.', citationCount(picked.length)) + skipped);
};

/** The citation a tree item or hover refers to, or one the user picks from the claim under the cursor. */
async function resolveCitation(ctx: ClaimsContext, arg: unknown): Promise<Citation | undefined> {
  const node = arg as { articlePath?: string; claimId?: string; citationId?: string } | undefined;
  if (node?.citationId && node.articlePath && node.claimId) {
    return ctx.findClaim({ articlePath: node.articlePath, claimId: node.claimId })?.claim.citations.find((c) => c.id === node.citationId);
  }
  const ref = await ctx.resolveClaim(arg, vscode.l10n.t('Open Citation'));
  if (!ref) return undefined;
  const citations = ctx.findClaim(ref)?.claim.citations ?? [];
  if (citations.length === 0) throw new UserFacingError(vscode.l10n.t('This claim has no citations yet. Use "Add Citation" first.'));
  if (citations.length === 1) return citations[0];
  const picked = await ctx.prompts.pick(
    citations.map((c) => ({ label: c.title ?? c.url ?? c.doi ?? c.id, description: c.url ?? c.doi, value: c })),
    { title: vscode.l10n.t('Open Citation') },
  );
  return picked?.value;
}

export const openCitation = (ctx: ClaimsContext) => async (arg?: unknown) => {
  const citation = await resolveCitation(ctx, arg);
  if (!citation) return;
  const link = citationLink(citation);
  if (!link) throw new UserFacingError(vscode.l10n.t('Not opening this citation: {0}.', whyNotOpenable(citation)));
  // Uri.parse with strict mode keeps the link exactly as validated: always http(s).
  await ctx.prompts.openExternal(vscode.Uri.parse(link, true));
  return link;
};
