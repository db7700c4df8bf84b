// Conflict notes link two claims (also in different articles) whose sources disagree. A note is stored on
// both claims under the same id, so resolving or reopening it from either side updates both.
import { conflictPartnerArticle } from '../../core/app/conflictPartner';
import path from 'node:path';
import * as vscode from 'vscode';
import {
  conflictNotePair,
  noteFieldsFor,
  noteKindOf,
  rememberDismissal,
  suggestConflicts as findSuggestions,
  type ConflictArticle,
  type ConflictNoteFields,
  type ConflictSuggestionFound,
  type SuggestedStatement,
} from '../../core/app/conflictSuggestions';
import { newId } from '../../core/sidecar/ids';
import { CONFLICT_KINDS, type Conflict, type ConflictKind } from '../../core/sidecar/schema';
import { articleDateFrom, extractAmounts, extractDates } from '../../core/conflicts/values';
import { type ClaimRef, type ClaimsContext, UserFacingError } from '../context';
import { describeConflictKind, shorten } from '../ui/presentation';
import { workspaceRoots } from '../articles';
import { isInsideRoots } from '../../store/safeRead';
import { articleCount } from '../ui/spokenSummary';
import { claimPickItems } from '../ui/claimPicks';
import { pluralForm } from '../../core/text/plural';

/** The values of one kind found in a claim's text, to prefill the conflict note. */
function valuesOfKind(ctx: ClaimsContext, ref: ClaimRef, kind: ConflictKind): string[] {
  const found = ctx.findClaim(ref);
  if (!found) return [];
  const text = found.claim.quote.exact;
  if (kind === 'date') {
    const article = ctx.articles.read(ref.articlePath).text;
    return extractDates(text, { articleDate: article ? articleDateFrom(article) : undefined }).map((d) => d.text);
  }
  if (kind === 'amount' || kind === 'number') return extractAmounts(text).map((a) => a.text);
  return [];
}

export const addConflict = (ctx: ClaimsContext) => async (arg?: unknown) => {
  const title = vscode.l10n.t('Add Conflict Note');
  const first = await ctx.resolveClaim(arg, title);
  if (!first) return;
  const others = ctx.allClaims().filter(({ entry, claim }) => !(entry.articlePath === first.articlePath && claim.id === first.claimId));
  if (others.length === 0) {
    throw new UserFacingError(vscode.l10n.t('There is no other claim to compare with. Mark the conflicting statement as a claim first.'));
  }
  const otherPick = await ctx.prompts.pick(
    claimPickItems(ctx.articles, others, (entry, claim) => ({ articlePath: entry.articlePath, claimId: claim.id })),
    { title, step: 1, totalSteps: 5, placeHolder: vscode.l10n.t('Which claim disagrees with this one?') },
  );
  if (!otherPick) return;
  const second = otherPick.value;
  const suggestedKind = (['date', 'amount'] as const).find((k) => valuesOfKind(ctx, first, k).length > 0 && valuesOfKind(ctx, second, k).length > 0);
  const kindPick = await ctx.prompts.pick(
    CONFLICT_KINDS.map((kind) => ({
      label: describeConflictKind(kind),
      description: kind === suggestedKind ? vscode.l10n.t('found in both claims') : undefined,
      value: kind,
    })).sort((a, b) => Number(b.value === suggestedKind) - Number(a.value === suggestedKind)),
    { title, step: 2, totalSteps: 5, placeHolder: vscode.l10n.t('What do they disagree about?') },
  );
  if (!kindPick) return;
  const kind = kindPick.value;
  const thisValue = await ctx.prompts.input({
    title,
    step: 3,
    totalSteps: 5,
    prompt: vscode.l10n.t('The value this claim gives'),
    value: valuesOfKind(ctx, first, kind).join(', '),
  });
  if (thisValue === undefined) return;
  const otherValue = await ctx.prompts.input({
    title,
    step: 4,
    totalSteps: 5,
    prompt: vscode.l10n.t('The value the other claim gives'),
    value: valuesOfKind(ctx, second, kind).join(', '),
  });
  if (otherValue === undefined) return;
  const note = await ctx.prompts.input({ title, step: 5, totalSteps: 5, prompt: vscode.l10n.t('Note (optional): what to check to settle it') });
  if (note === undefined) return;
  await linkConflict(ctx, first, second, { kind, thisValue, otherValue, note });
};

/** Writes the conflict note on both claims. */
export async function linkConflict(ctx: ClaimsContext, first: ClaimRef, second: ClaimRef, fields: ConflictNoteFields): Promise<string> {
  const id = newId('k');
  const [onFirst, onSecond] = conflictNotePair(id, first, second, fields);
  await ctx.store.updateClaim(first.articlePath, first.claimId, (claim) => {
    claim.conflicts.push(onFirst);
  });
  await ctx.store.updateClaim(second.articlePath, second.claimId, (claim) => {
    claim.conflicts.push(onSecond);
  });
  return id;
}

interface ConflictNode {
  articlePath: string;
  claimId: string;
  conflictId: string;
}

async function resolveConflictNode(ctx: ClaimsContext, arg: unknown, wantState: 'open' | 'resolved', title: string): Promise<ConflictNode | undefined> {
  const node = arg as Partial<ConflictNode> | undefined;
  if (node?.articlePath && node.claimId && node.conflictId) return node as ConflictNode;
  const ref = await ctx.resolveClaim(arg, title);
  if (!ref) return undefined;
  const conflicts = ctx.findClaim(ref)?.claim.conflicts.filter((c) => c.state === wantState) ?? [];
  if (conflicts.length === 0) {
    throw new UserFacingError(
      wantState === 'open' ? vscode.l10n.t('This claim has no open conflict notes.') : vscode.l10n.t('This claim has no resolved conflict notes.'),
    );
  }
  if (conflicts.length === 1) return { ...ref, conflictId: conflicts[0].id };
  const picked = await ctx.prompts.pick(
    conflicts.map((c) => ({ label: `${describeConflictKind(c.kind)}: ${c.thisValue} ≠ ${c.otherValue}`, description: c.other.article, value: c.id })),
    { title },
  );
  return picked ? { ...ref, conflictId: picked.value } : undefined;
}

/** Applies a change to a conflict note on both of its claims. */
async function updateBothSides(ctx: ClaimsContext, node: ConflictNode, change: (conflict: Conflict) => void): Promise<void> {
  const conflict = ctx.findClaim(node)?.claim.conflicts.find((c) => c.id === node.conflictId);
  if (!conflict) throw new UserFacingError(vscode.l10n.t('That conflict note no longer exists.'));
  const otherPath = conflictPartnerArticle(node.articlePath, conflict);
  const sides: ClaimRef[] = [node];
  // other.article comes from a sidecar, that is from whoever committed it: a path leaving the workspace
  // ("../../elsewhere/x.md", or a link out of it) is never followed, so no sidecar is written outside.
  if (isInsideRoots(otherPath, workspaceRoots())) sides.push({ articlePath: otherPath, claimId: conflict.other.claim });
  else {
    ctx.prompts.notify(
      'warning',
      vscode.l10n.t('The other side of this conflict note, {0}, is outside the workspace, so only this side was updated.', conflict.other.article),
    );
  }
  for (const side of sides) {
    await ctx.store.open(side.articlePath);
    if (!ctx.findClaim(side)) continue;
    await ctx.store.updateClaim(side.articlePath, side.claimId, (claim) => {
      const target = claim.conflicts.find((c) => c.id === node.conflictId);
      if (!target) return false;
      change(target);
    });
  }
}

export const resolveConflict = (ctx: ClaimsContext) => async (arg?: unknown) => {
  const title = vscode.l10n.t('Resolve Conflict');
  const node = await resolveConflictNode(ctx, arg, 'open', title);
  if (!node) return;
  const conflict = ctx.findClaim(node)?.claim.conflicts.find((c) => c.id === node.conflictId);
  if (!conflict) return;
  const verdict = await ctx.prompts.pick(
    [
      { label: vscode.l10n.t('This claim is right: {0}', conflict.thisValue || '?'), value: `${conflict.thisValue} is right` },
      { label: vscode.l10n.t('The other claim is right: {0}', conflict.otherValue || '?'), value: `${conflict.otherValue} is right` },
      { label: vscode.l10n.t('Both are compatible'), value: 'both are compatible' },
      { label: vscode.l10n.t('Neither is right'), value: 'neither is right' },
    ],
    { title, step: 1, totalSteps: 2, placeHolder: vscode.l10n.t('Which value is right?') },
  );
  if (!verdict) return;
  const reason = await ctx.prompts.input({ title, step: 2, totalSteps: 2, prompt: vscode.l10n.t('Why? (the source that settles it)') });
  if (reason === undefined) return;
  const resolution = reason.trim() ? `${verdict.value}: ${reason.trim()}` : verdict.value;
  await updateBothSides(ctx, node, (c) => {
    c.state = 'resolved';
    c.resolution = resolution;
  });
};

export const reopenConflict = (ctx: ClaimsContext) => async (arg?: unknown) => {
  const node = await resolveConflictNode(ctx, arg, 'resolved', vscode.l10n.t('Reopen Conflict'));
  if (!node) return;
  await updateBothSides(ctx, node, (c) => {
    c.state = 'open';
  });
};

/** Text from articles and sidecars, shown in a quick pick without its "$(icon)" syntax turning into icons. */
function inert(text: string): string {
  return text.replace(/\$\(/g, '$\u200b(');
}

/** Both sentences of a suggestion, each with its file: "a.txt: “…” ↔ b.txt: “…”". */
function bothSentences(s: ConflictSuggestionFound, max: number): string {
  const side = (article: string, text: string) => `${path.basename(article)}: “${shorten(text, max)}”`;
  return inert(`${side(s.a.article, s.a.text)}  ↔  ${side(s.b.article, s.b.text)}`);
}

/** Every loaded article with its current text and the candidates it shows, as conflict suggestion reads them. */
function conflictArticles(ctx: ClaimsContext): ConflictArticle[] {
  return ctx.store.entries().flatMap((entry) => {
    const text = ctx.articles.read(entry.articlePath).text;
    return text === undefined ? [] : [{ articlePath: entry.articlePath, text, sidecar: entry.sidecar, candidates: entry.candidates }];
  });
}

/** Turns a suggested statement into a claim, marking a candidate sentence as a claim when needed. */
async function claimFor(ctx: ClaimsContext, statement: SuggestedStatement): Promise<ClaimRef> {
  const { ref } = statement;
  if (ref.kind === 'claim') return { articlePath: statement.article, claimId: ref.claimId };
  const { text } = ctx.articles.read(statement.article);
  if (text === undefined) throw new UserFacingError(vscode.l10n.t('{0} cannot be read.', statement.article));
  const claim = await ctx.store.addClaim(statement.article, text, ref.start, ref.end, { origin: 'spotted' }, newId());
  ctx.store.setCandidates(statement.article, ctx.store.entry(statement.article)?.candidates ?? []);
  return { articlePath: statement.article, claimId: claim.id };
}

export const suggestConflicts = (ctx: ClaimsContext) => async () => {
  const title = vscode.l10n.t('Find Conflicting Claims');
  const suggestions = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Looking for claims whose dates or amounts disagree…') },
    async () => {
      return findSuggestions(conflictArticles(ctx));
    },
  );
  if (suggestions.length === 0) {
    ctx.prompts.notify(
      'info',
      vscode.l10n.t('No conflicting claims found among {0}. Spot claims first to include candidate sentences.', articleCount(ctx.store.entries().length)),
    );
    return;
  }
  const picked = await ctx.prompts.pick(
    suggestions.map((s) => ({
      label: inert(shorten(s.explanation.replace(/\.$/, ''), 160)),
      description: describeConflictKind(noteKindOf(s)),
      detail: bothSentences(s, 110),
      value: s,
    })),
    {
      title,
      step: 1,
      totalSteps: 2,
      placeHolder: pluralForm(
        suggestions.length,
        vscode.l10n.t('1 possible conflict; pick it to accept or dismiss it'),
        vscode.l10n.t('{0} possible conflicts; pick one to accept or dismiss', String(suggestions.length)),
      ),
    },
  );
  if (!picked) return;
  const suggestion = picked.value;
  const action = await ctx.prompts.pick(
    [
      {
        label: vscode.l10n.t('Accept: add a conflict note to both claims'),
        iconPath: new vscode.ThemeIcon('check'),
        detail: bothSentences(suggestion, 200),
        value: 'accept' as const,
      },
      {
        label: vscode.l10n.t('Dismiss: do not suggest this again'),
        iconPath: new vscode.ThemeIcon('close'),
        detail: vscode.l10n.t('Remembered by the text of both sentences, in {0}', path.basename(suggestion.a.article) + '.claims.json'),
        value: 'dismiss' as const,
      },
    ],
    { title, step: 2, totalSteps: 2, placeHolder: inert(shorten(suggestion.explanation, 200)) },
  );
  if (!action) return;
  if (action.value === 'dismiss') {
    await ctx.store.update(suggestion.a.article, (sidecar) => rememberDismissal(sidecar, suggestion.key));
    return;
  }
  const first = await claimFor(ctx, suggestion.a);
  const second = await claimFor(ctx, suggestion.b);
  await linkConflict(ctx, first, second, noteFieldsFor(suggestion));
};
