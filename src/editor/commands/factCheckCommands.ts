// Find Earlier Fact-Checks: the archive's best matches for a claim, ranked, and the chosen one attached to the claim
// as a citation with its verdict.
import fs from 'node:fs';
import * as vscode from 'vscode';
import { describeSource } from '../../core/factChecks/factCheckArchive';
import { type FactCheckMatch, speakerNamedIn } from '../../core/factChecks/factCheckMatcher';
import { newId } from '../../core/sidecar/ids';
import { safeWebUrl } from '../../core/interchange/links';
import type { Citation } from '../../core/sidecar/schema';
import { type ClaimsContext, UserFacingError } from '../context';
import { articleDateFrom } from '../../core/conflicts/values';
import { clip } from '../ui/presentation';

/** How many ranked matches the picker offers. */
const PICK_MATCHES = 10;

/** Quick-pick labels render "$(icon)" syntax; archive text must not. */
function plain(text: string, max: number): string {
  return clip(text.replace(/\s+/g, ' ').trim(), max).replace(/\$\(/g, '$\u200b(');
}

/** The citation an earlier fact-check becomes: its headline, publisher, date, the claim as checked and the verdict. */
export function citationFromFactCheck(match: FactCheckMatch): Citation {
  const { entry } = match;
  const citation: Citation = { id: newId('s'), title: entry.headline ?? entry.claim, quote: entry.claim };
  const url = entry.url ? safeWebUrl(entry.url) : undefined;
  if (url) citation.url = url;
  if (entry.publisher) citation.publisher = entry.publisher;
  if (entry.date) citation.issued = entry.date;
  if (entry.verdict) citation.verdict = entry.verdict;
  citation.note = vscode.l10n.t('Earlier fact-check {0} from the archive', entry.id);
  return citation;
}

/** The paragraph holding a range (at most 1,000 characters either side): where an article names the speaker. */
function paragraphAround(text: string, start: number, end: number): string {
  const from = Math.max(text.lastIndexOf('\n\n', start), start - 1000, 0);
  const next = text.indexOf('\n\n', end);
  const to = Math.min(next < 0 ? text.length : next, end + 1000);
  return text.slice(from, to);
}

/** The start of an article that is not open (enough for its front matter and dateline), or undefined. */
async function readArticleHead(articlePath: string): Promise<string | undefined> {
  try {
    const handle = await fs.promises.open(articlePath, 'r');
    try {
      const buffer = Buffer.alloc(8192);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      return buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}

export const findEarlierFactChecks = (ctx: ClaimsContext) => async (arg?: unknown) => {
  const ref = await ctx.resolveClaim(arg, vscode.l10n.t('Find Earlier Fact-Checks'));
  if (!ref) return;
  const archives = ctx.factChecks;
  if (!archives) throw new UserFacingError(vscode.l10n.t('Earlier fact-checks are not available yet; try again in a moment.'));
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading the fact-check archive…') }, () =>
    archives.whenReady(),
  );
  const index = archives.index;
  if (!index) {
    throw new UserFacingError(
      vscode.l10n.t(
        'No fact-check archive in this workspace: add a JSON Lines file named {0}, or name your archive files in the setting claims.factChecks.archives.',
        ctx.config.factCheckArchives()[0] ?? 'fact-checks.jsonl',
      ),
    );
  }
  const found = ctx.findClaim(ref);
  if (!found) throw new UserFacingError(vscode.l10n.t('That claim no longer exists.'));
  // What the article says about the claim ranks checks of the same speaker and of claims made about then higher:
  // its date (front matter or dateline) and a speaker named in the claim's paragraph. The hover and the badge
  // stay on the text alone, which is what their threshold was chosen for.
  const document = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === ref.articlePath);
  const articleText = document?.getText() ?? (await readArticleHead(ref.articlePath));
  const date = articleText ? articleDateFrom(articleText) : undefined;
  const speaker = document ? speakerNamedIn(paragraphAround(document.getText(), found.claim.position.start, found.claim.position.end)) : undefined;
  const matches = index.match({ text: found.claim.quote.exact, date, speaker }, { top: PICK_MATCHES });
  if (matches.length === 0) {
    ctx.prompts.notify('info', vscode.l10n.t('No fact-check in the archive ({0} entries) shares a key term with this claim.', String(index.size)));
    return;
  }
  const picked = await ctx.prompts.pick(
    matches.map((match) => ({
      label: plain(match.entry.claim, 200),
      description: [describeSource(match.entry), match.entry.verdict, vscode.l10n.t('score {0}', match.score.toFixed(2))]
        .filter(Boolean)
        .map((part) => plain(String(part), 80))
        .join(' · '),
      detail: match.entry.headline ? plain(match.entry.headline, 200) : undefined,
      value: match,
    })),
    {
      title: vscode.l10n.t('Find Earlier Fact-Checks'),
      placeHolder: [
        vscode.l10n.t('Best first: pick the fact-check of this claim to attach it as a citation'),
        date ? vscode.l10n.t('article date {0}', date) : undefined,
        speaker ? vscode.l10n.t('speaker {0}', plain(speaker, 60)) : undefined,
      ]
        .filter(Boolean)
        .join(' · '),
    },
  );
  if (!picked) return;
  const citation = citationFromFactCheck(picked.value);
  let duplicate = false;
  await ctx.store.updateClaim(ref.articlePath, ref.claimId, (claim) => {
    duplicate = claim.citations.some((c) => (citation.url ? c.url === citation.url : c.quote === citation.quote && c.title === citation.title));
    if (duplicate) return false;
    claim.citations.push(structuredClone(citation));
    return true;
  });
  if (duplicate) ctx.prompts.notify('info', vscode.l10n.t('That fact-check is already cited on this claim.'));
  else {
    const verdict = picked.value.entry.verdict ? vscode.l10n.t(' (verdict: {0})', plain(picked.value.entry.verdict, 60)) : '';
    ctx.prompts.notify('info', vscode.l10n.t('Attached the earlier fact-check as a citation{0}.', verdict));
  }
};
