// Commands that create, change, navigate and remove claims. Each factory takes the context and returns
// the handler; the table in ./index.ts registers them all.
import * as vscode from 'vscode';
import { newId } from '../../core/sidecar/ids';
import { CLAIM_STATUSES, type ClaimStatus } from '../../core/sidecar/schema';
import { changedSinceChecked, followWords } from '../../core/anchoring/claimWords';
import { quoteSelector } from '../../core/anchoring/anchoring';
import { overlappingClaims, snapToWords, type Span } from '../../core/text/claimRanges';
import { SidecarReadOnlyError, type ArticleEntry } from '../../store/claimStore';
import { asClaimRef, type ClaimsContext, UserFacingError } from '../context';
import { DEFAULT_PRESET, verdictFor, type ScaleLabel } from '../../core/sidecar/verdictScale';
import type { PickItem } from '../prompts';
import { describeStatus, displayPath, shorten, statusIcon } from '../ui/presentation';
import { verdictScaleFor } from '../verdictScales';
import { claimPickItems } from '../ui/claimPicks';
import { citationCount, claimCount, conflictNoteCount, listAnd } from '../ui/spokenSummary';

/** Trims whitespace off a selection, so a sloppy drag does not make a claim start with a space. */
function trimmedOffsets(document: vscode.TextDocument, selection: vscode.Selection): [number, number] {
  const text = document.getText();
  let start = document.offsetAt(selection.start);
  let end = document.offsetAt(selection.end);
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return [start, end];
}

/** What Mark Claim does with one selection, decided for every selection before anything is written. */
type MarkPlan = { kind: 'mark'; span: Span } | { kind: 'edit'; claimId: string; span: Span } | { kind: 'already'; claimId: string };

export const markClaim = (ctx: ClaimsContext) => async () => {
  const editor = ctx.activeArticleEditor(vscode.l10n.t('select some text to mark it as a claim'));
  const ranges = editor.selections.map((s) => trimmedOffsets(editor.document, s)).filter(([start, end]) => end > start);
  if (ranges.length === 0) throw new UserFacingError(vscode.l10n.t('Select some text to mark it as a claim.'));
  const articlePath = editor.document.uri.fsPath;
  const text = editor.document.getText();
  const entry = await ctx.store.open(articlePath);
  // Refused before any question, so nobody answers one for a change that cannot be saved.
  if (entry.readOnlyReason) throw new SidecarReadOnlyError(entry.sidecarPath, entry.readOnlyReason);
  const plans: MarkPlan[] = [];
  for (const [start, end] of ranges) {
    const plan = await planMark(ctx, entry, text, snapToWords(text, start, end));
    // Cancelling any question cancels the whole command: nothing has been written yet.
    if (!plan) return;
    plans.push(plan);
  }
  let last: string | undefined;
  let marked = 0;
  let edited = 0;
  for (const plan of plans) {
    if (plan.kind === 'mark') {
      last = (await ctx.store.addClaim(articlePath, text, plan.span.start, plan.span.end, {}, newId())).id;
      marked++;
    } else if (plan.kind === 'edit') {
      const selector = quoteSelector(text, plan.span.start, plan.span.end);
      // Re-ranged like words that changed under the claim: a checked claim keeps the words it was checked on.
      await ctx.store.updateClaim(articlePath, plan.claimId, (claim) => followWords(claim, selector).changed);
      last = plan.claimId;
      edited++;
    } else {
      last = plan.claimId;
    }
  }
  const markedRanges = plans.filter((p) => p.kind !== 'already').map((p) => p.span);
  // Leave the caret inside the claim just marked or edited, so commands that follow act on it.
  if (markedRanges.length > 0) {
    editor.selections = markedRanges.map((span) => new vscode.Selection(editor.document.positionAt(span.start), editor.document.positionAt(span.end)));
  }
  if (last) void ctx.explorer.revealClaim(articlePath, last);
  const already = plans.length - marked - edited;
  const said: string[] = [];
  if (marked > 0) said.push(marked === 1 ? vscode.l10n.t('Claim marked') : vscode.l10n.t('{0} claims marked', String(marked)));
  if (edited > 0) said.push(edited === 1 ? vscode.l10n.t('Claim re-ranged') : vscode.l10n.t('{0} claims re-ranged', String(edited)));
  if (already > 0) {
    ctx.prompts.notify(
      'info',
      already === 1 ? vscode.l10n.t('That text is already a claim.') : vscode.l10n.t('{0} of the selections are already claims.', String(already)),
    );
  }
  if (said.length > 0) vscode.window.setStatusBarMessage(said.join(' · '), 3000);
};

/**
 * What to do with a selection (already snapped to whole words): mark it, or, when it overlaps claims, ask whether
 * to mark it as well (nested or overlapping) or to re-range one of those claims to it. Undefined: cancelled.
 */
async function planMark(ctx: ClaimsContext, entry: ArticleEntry, text: string, span: Span): Promise<MarkPlan | undefined> {
  const live = (entry.sidecar?.claims ?? []).filter((c) => !entry.orphaned.has(c.id));
  const overlaps = overlappingClaims(live, span);
  const same = overlaps.find(({ overlap }) => overlap === 'same');
  if (same) return { kind: 'already', claimId: same.claim.id };
  if (overlaps.length === 0) return { kind: 'mark', span };
  // Article text comes through git like sidecars do: "$(" must not render as an icon.
  const words = (from: number, to: number) => `“${shorten(text.slice(from, to), 80).replace(/\$\(/g, '$\u200b(')}”`;
  const nests = overlaps.every(({ overlap }) => overlap === 'inside' || overlap === 'around');
  const items: PickItem<MarkPlan>[] = [
    {
      label: nests ? vscode.l10n.t('Mark a nested claim') : vscode.l10n.t('Mark a new claim overlapping the existing one'),
      description: words(span.start, span.end),
      detail: nests
        ? vscode.l10n.t('The existing claim stays as it is; the new one sits inside it (or around it).')
        : vscode.l10n.t('The existing claim stays as it is; the two claims share some words.'),
      value: { kind: 'mark', span },
    },
    ...overlaps.map(({ claim }) => ({
      label: vscode.l10n.t('Edit the existing claim: re-range it to the selection'),
      description: `${words(claim.position.start, claim.position.end)} → ${words(span.start, span.end)}`,
      detail: vscode.l10n.t('Keeps its status, note, citations and conflict notes; no second claim is made.'),
      value: { kind: 'edit' as const, claimId: claim.id, span },
    })),
  ];
  const picked = await ctx.prompts.pick(items, {
    title: vscode.l10n.t('Mark Selection as Claim'),
    placeHolder:
      overlaps.length === 1
        ? vscode.l10n.t('The selection overlaps a claim. Mark a new claim, or edit the existing one? (Escape changes nothing)')
        : vscode.l10n.t('The selection overlaps {0} claims. Mark a new claim, or edit one of them? (Escape changes nothing)', String(overlaps.length)),
  });
  return picked?.value;
}

export const setStatus = (ctx: ClaimsContext) => async (arg?: unknown, statusArg?: string) => {
  const ref = await ctx.resolveClaim(arg, vscode.l10n.t('Set Claim Status'));
  if (!ref) return;
  const current = ctx.findClaim(ref)?.claim;
  const scale = verdictScaleFor(ctx.config, ref.articlePath);
  // The default scale is the statuses themselves: a status is all a claim records. On any other scale a
  // label records the verdict (label, number, best, worst) and sets the status it counts as.
  type Choice = { status: ClaimStatus; label?: ScaleLabel };
  let choice: Choice | undefined;
  if (statusArg !== undefined) {
    const label = scale.source === DEFAULT_PRESET ? undefined : scale.labels.find((l) => l.label === statusArg);
    if (label) choice = { status: label.status, label };
    else if ((CLAIM_STATUSES as readonly string[]).includes(statusArg)) choice = { status: statusArg as ClaimStatus };
  }
  if (!choice) {
    const items: PickItem<Choice>[] =
      scale.source === DEFAULT_PRESET
        ? CLAIM_STATUSES.map((s) => ({
            // An icon, not "$(pass)" in the label: screen readers would read the icon's name.
            label: describeStatus(s),
            iconPath: statusIcon(s),
            description: s === current?.status && !current?.verdict ? vscode.l10n.t('current') : undefined,
            value: { status: s },
          }))
        : [
            ...scale.labels.map((l) => ({
              // A scale file comes through git like sidecars do: its labels must not render as icons.
              label: l.label.replace(/\$\(/g, '$\u200b('),
              iconPath: statusIcon(l.status),
              description: [String(l.value), l.label === current?.verdict?.label ? vscode.l10n.t('current') : undefined].filter(Boolean).join(' · '),
              detail: l.description,
              value: { status: l.status, label: l },
            })),
            {
              label: describeStatus('unverified'),
              iconPath: statusIcon('unverified'),
              description: current?.status === 'unverified' ? vscode.l10n.t('current') : vscode.l10n.t('no verdict yet'),
              value: { status: 'unverified' as const },
            },
          ];
    const picked = await ctx.prompts.pick(items, {
      title: scale.source === DEFAULT_PRESET ? vscode.l10n.t('Set Claim Status') : vscode.l10n.t('Set Claim Verdict ({0})', scale.name),
      placeHolder: vscode.l10n.t('What do the sources say about this claim?'),
    });
    if (!picked) return;
    choice = picked.value;
  }
  const chosen = choice;
  await ctx.store.updateClaim(ref.articlePath, ref.claimId, (claim) => {
    const verdict = chosen.label ? verdictFor(scale, chosen.label) : undefined;
    if (claim.status === chosen.status && JSON.stringify(claim.verdict) === JSON.stringify(verdict)) return false;
    claim.status = chosen.status;
    if (verdict) claim.verdict = verdict;
    else delete claim.verdict;
    // A status set now is a verdict on the words there now.
    delete claim.checkedQuote;
  });
};

export const editNote = (ctx: ClaimsContext) => async (arg?: unknown) => {
  const ref = await ctx.resolveClaim(arg, vscode.l10n.t('Edit Claim Note'));
  if (!ref) return;
  const current = ctx.findClaim(ref)?.claim.note ?? '';
  const note = await ctx.prompts.input({
    title: vscode.l10n.t('Edit Claim Note'),
    prompt: vscode.l10n.t('A note for this claim (what to check, who to call). Leave empty to clear it.'),
    value: current,
  });
  if (note === undefined) return;
  await ctx.store.updateClaim(ref.articlePath, ref.claimId, (claim) => {
    if (claim.note === note) return false;
    claim.note = note;
  });
};

export const removeClaim = (ctx: ClaimsContext) => async (arg?: unknown) => {
  const ref = await ctx.resolveClaim(arg, vscode.l10n.t('Remove Claim'));
  if (!ref) return;
  const found = ctx.findClaim(ref);
  if (!found) return;
  const { claim } = found;
  // Ask only about what would be lost, named as it is: "with 1 citation and its note", never "0 citations".
  const losing: string[] = [];
  if (claim.citations.length) losing.push(citationCount(claim.citations.length));
  if (claim.conflicts.length) losing.push(conflictNoteCount(claim.conflicts.length));
  if (claim.note.trim()) losing.push(vscode.l10n.t('its note'));
  if (losing.length > 0) {
    const confirmed = await ctx.prompts.confirm(vscode.l10n.t('Remove this claim with {0}?', listAnd(losing)), vscode.l10n.t('Remove'), claim.quote.exact);
    if (!confirmed) return;
  }
  await ctx.store.removeClaim(ref.articlePath, ref.claimId);
};

export const revealClaim = (ctx: ClaimsContext) => async (arg?: unknown) => {
  const ref = await ctx.resolveClaim(arg, vscode.l10n.t('Reveal Claim'));
  if (!ref) return;
  await ctx.store.open(ref.articlePath);
  const found = ctx.findClaim(ref);
  if (!found) throw new UserFacingError(vscode.l10n.t('That claim no longer exists.'));
  if (!found.entry.articleExists) throw new UserFacingError(vscode.l10n.t('The article {0} no longer exists.', displayPath(ref.articlePath)));
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(ref.articlePath));
  const editor = await vscode.window.showTextDocument(document, { preserveFocus: false });
  if (found.entry.orphaned.has(ref.claimId)) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'This claim is orphaned: its text “{0}” is no longer in the article. Select the right text and run "Re-attach Claim to Selection".',
        found.claim.quote.exact.slice(0, 80),
      ),
    );
    return;
  }
  const range = new vscode.Range(document.positionAt(found.claim.position.start), document.positionAt(found.claim.position.end));
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
};

export const revealRange = () => async (articlePath: string, start: number, end: number) => {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(articlePath));
  const editor = await vscode.window.showTextDocument(document);
  const range = new vscode.Range(document.positionAt(start), document.positionAt(end));
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
};

/** Moves the cursor to the next (or previous) claim in the active article, wrapping around. */
const stepClaim = (ctx: ClaimsContext, direction: 1 | -1) => async () => {
  const editor = ctx.activeArticleEditor(vscode.l10n.t('move between its claims'));
  const entry = ctx.store.entry(editor.document.uri.fsPath);
  const claims = (entry?.sidecar?.claims ?? [])
    .filter((c) => !entry?.orphaned.has(c.id))
    .sort((a, b) => a.position.start - b.position.start || a.position.end - b.position.end);
  if (claims.length === 0) throw new UserFacingError(vscode.l10n.t('This article has no claims yet. Select some text and run "Mark Selection as Claim".'));
  const offset = editor.document.offsetAt(editor.selection.active);
  const target =
    direction === 1
      ? (claims.find((c) => c.position.start > offset) ?? claims[0])
      : ([...claims].reverse().find((c) => c.position.start < offset) ?? claims[claims.length - 1]);
  const range = new vscode.Range(editor.document.positionAt(target.position.start), editor.document.positionAt(target.position.end));
  editor.selection = new vscode.Selection(range.start, range.start);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  void ctx.explorer.revealClaim(editor.document.uri.fsPath, target.id);
};

export const nextClaim = (ctx: ClaimsContext) => stepClaim(ctx, 1);
export const previousClaim = (ctx: ClaimsContext) => stepClaim(ctx, -1);

export const reattachClaim = (ctx: ClaimsContext) => async (arg?: unknown) => {
  const editor = ctx.activeArticleEditor(vscode.l10n.t('select the text to re-attach the claim to'));
  const [selectedStart, selectedEnd] = trimmedOffsets(editor.document, editor.selection);
  if (selectedEnd <= selectedStart) {
    throw new UserFacingError(vscode.l10n.t('Select the text the claim should be attached to, then run "Re-attach Claim to Selection".'));
  }
  // Whole words, as Mark Claim does.
  const { start, end } = snapToWords(editor.document.getText(), selectedStart, selectedEnd);
  const articlePath = editor.document.uri.fsPath;
  await ctx.store.open(articlePath);
  let ref = arg === undefined ? undefined : await ctx.resolveClaim(arg, vscode.l10n.t('Re-attach Claim'));
  if (!ref) {
    const entry = ctx.store.entry(articlePath);
    const orphans = (entry?.sidecar?.claims ?? []).filter((c) => entry?.orphaned.has(c.id));
    if (!entry || orphans.length === 0) throw new UserFacingError(vscode.l10n.t('This article has no orphaned claims to re-attach.'));
    const picked = await ctx.prompts.pick(
      claimPickItems(
        ctx.articles,
        orphans.map((claim) => ({ entry, claim })),
        (_, claim) => claim.id,
      ),
      { title: vscode.l10n.t('Re-attach Claim to Selection'), placeHolder: vscode.l10n.t('Which orphaned claim belongs to the selected text?') },
    );
    if (!picked) return;
    ref = { articlePath, claimId: picked.value };
  }
  if (ref.articlePath !== articlePath) {
    throw new UserFacingError(vscode.l10n.t('That claim belongs to {0}; open that article and select the text there.', displayPath(ref.articlePath)));
  }
  await ctx.store.reattachClaim(articlePath, ref.claimId, editor.document.getText(), start, end);
};

export const openSidecarAt = () => async (articlePath: string, line: number, column: number) => {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(articlePath + '.claims.json'));
  const position = new vscode.Position(Math.max(0, line - 1), Math.max(0, column - 1));
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position) });
};

export const deleteSidecar = (ctx: ClaimsContext) => async (arg?: unknown) => {
  const articlePath = (arg as { articlePath?: string } | undefined)?.articlePath;
  if (!articlePath) throw new UserFacingError(vscode.l10n.t('Use this from a missing article in the Claim Explorer.'));
  const entry = ctx.store.entry(articlePath);
  if (entry?.articleExists) {
    throw new UserFacingError(vscode.l10n.t('{0} still exists; remove its claims one by one instead.', displayPath(articlePath)));
  }
  const count = entry?.sidecar?.claims.length ?? 0;
  const confirmed = await ctx.prompts.confirm(
    vscode.l10n.t('Delete the sidecar of the missing article {0} with its {1}?', displayPath(articlePath), claimCount(count)),
    vscode.l10n.t('Delete'),
    vscode.l10n.t('This cannot be undone from Claim Annotator (git can still restore it).'),
  );
  if (!confirmed) return;
  await ctx.store.deleteSidecar(articlePath);
};

/**
 * Accepts a claim's current words after they changed since it was checked (issue 15): clears the "changed since
 * checked" warning. From the palette with no claim at the cursor, only claims with changed words are offered.
 */
export const acceptNewWordingCommand = (ctx: ClaimsContext) => async (arg?: unknown) => {
  const title = vscode.l10n.t('Accept New Wording');
  let ref = asClaimRef(arg) ?? ctx.claimAtCursor();
  if (!ref) {
    const changed = ctx.allClaims().filter(({ claim }) => changedSinceChecked(claim) !== undefined);
    if (changed.length === 0) throw new UserFacingError(vscode.l10n.t('No claim has text that changed since it was checked.'));
    const picked = await ctx.prompts.pick(
      changed.map(({ entry, claim }) => ({
        label: claim.quote.exact.replace(/\s+/g, ' ').slice(0, 100),
        description: `${vscode.l10n.t('was')} “${(claim.checkedQuote ?? '').replace(/\s+/g, ' ').slice(0, 60)}” · ${displayPath(entry.articlePath)}`,
        value: { articlePath: entry.articlePath, claimId: claim.id },
      })),
      { title, placeHolder: vscode.l10n.t('Pick a claim whose text changed since it was checked') },
    );
    if (!picked) return;
    ref = picked.value;
  }
  const found = ctx.findClaim(ref);
  if (!found) throw new UserFacingError(vscode.l10n.t('That claim no longer exists.'));
  if (changedSinceChecked(found.claim) === undefined) {
    throw new UserFacingError(vscode.l10n.t('The text of this claim has not changed since it was checked: nothing to accept.'));
  }
  await ctx.store.acceptNewWording(ref.articlePath, ref.claimId);
};
