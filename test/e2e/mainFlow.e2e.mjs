// The fact-checker's main flow on the two sample articles, done as a person does it: mark the claims the
// articles disagree on, cite one, link the conflict, mark it disputed, then read the result on screen (the
// highlight, the hover, the Claim Explorer, the Problems panel) and on disk (both sidecars).
//
// The PYMNTS article says Amazon's initial investment was "$1.25 billion ... in September 2023" and, further
// up, calls it "its initial $4 billion deal from March 27"; Maginative says "Amazon previously committed up
// to $4 billion". The screenshots taken here are the README's: CLAIMS_E2E_README_SHOTS=1 copies them to
// media/screenshots/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../launch/scratch.mjs';
import { openWorkbench, waitFor } from './workbench.mjs';

const PYMNTS = 'amazon-anthropic-pymnts.txt';
const MAGINATIVE = 'amazon-anthropic-maginative.txt';
const SEPTEMBER = 'initial $1.25 billion investment in Anthropic in September 2023';
const MARCH = 'its initial $4 billion deal from March 27';
const COMMITTED = 'Amazon previously committed up to $4 billion in funding to Anthropic';
// Pieces of the quotes that sit on one screen line, to read what is drawn there and to point at.
const IN_SEPTEMBER = '$1.25 billion investment';
const IN_MARCH = '$4 billion deal';

const CITATION = {
  url: 'https://www.aboutamazon.com/news/company-news/amazon-aws-anthropic-ai',
  title: 'Amazon and Anthropic announce strategic collaboration to advance generative AI',
  author: 'Amazon',
  issued: '2023-09-25',
  quote: 'Amazon will invest up to $4 billion in Anthropic and have a minority ownership position in the company.',
  note: 'The release gives the ceiling, not the first tranche: confirm the $1.25 billion with a filing.',
};
const CONFLICT_NOTE = 'PYMNTS gives both figures for the initial deal; check the March 2024 release.';

const isClaimDecoration = (element) => /\bced-/.test(element.className) && !/^(transparent|rgba\(0, 0, 0, 0\))$/.test(element.backgroundColor);
const rgba = (css) => {
  const [r, g, b, a = 1] = (css.match(/[\d.]+/g) ?? []).map(Number);
  return { r, g, b, a };
};
/** A contributed colour like "#e67e2240" as the browser computes it. */
const hexColour = (hex) => {
  const value = hex.replace('#', '');
  const byte = (i) => parseInt(value.slice(i, i + 2), 16);
  return { r: byte(0), g: byte(2), b: byte(4), a: value.length === 8 ? byte(6) / 255 : 1 };
};
const sameColour = (a, b) => a.r === b.r && a.g === b.g && a.b === b.b && Math.abs(a.a - b.a) < 0.01;
const utcDay = (offsetDays = 0) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** Where the README's screenshots live; a run refreshes them only when asked to (see after()). */
const README_SHOTS = path.join(repoRoot, 'media', 'screenshots');

describe('the main flow: claims in both articles, a citation, a conflict, disputed', function () {
  this.bail(true);
  let wb;
  let themeColours;
  let unverifiedBackground;

  before(async () => {
    wb = await openWorkbench('main-flow');
    const themeKind = await wb.page
      .locator('.monaco-workbench')
      .first()
      .evaluate((root) =>
        root.classList.contains('hc-light')
          ? 'highContrastLight'
          : root.classList.contains('hc-black')
            ? 'highContrast'
            : root.classList.contains('vs-dark')
              ? 'dark'
              : 'light',
      );
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    themeColours = Object.fromEntries(manifest.contributes.colors.map((c) => [c.id, hexColour(c.defaults[themeKind])]));
  });

  after(async function () {
    // CLAIMS_E2E_README_SHOTS=1 refreshes the README's screenshots from a run in which every step passed.
    if (process.env.CLAIMS_E2E_README_SHOTS && wb && this.test.parent.tests.every((test) => test.state === 'passed')) {
      fs.mkdirSync(README_SHOTS, { recursive: true });
      for (const [shot, name] of [
        ['explorer', 'explorer'],
        ['hover', 'hover'],
        ['conflict-pick', 'conflict'],
        ['problems', 'problems'],
      ]) {
        fs.copyFileSync(path.join(wb.screenshotsDir, `${wb.name}-${shot}.png`), path.join(README_SHOTS, `${name}.png`));
      }
      console.log(`      README screenshots refreshed in ${path.relative(repoRoot, README_SHOTS)}/`);
    }
    await wb?.close();
  });

  /** Waits until the claim highlight over `text` has the background `expected`, and returns it. */
  async function highlightOver(text, expected) {
    return waitFor(
      async () => {
        const elements = ((await wb.decorationsOver(text))?.found ?? []).filter(isClaimDecoration);
        if (elements.length === 0) return undefined;
        const colour = rgba(elements[0].backgroundColor);
        return sameColour(colour, expected) && colour;
      },
      { message: `a claim highlight in ${JSON.stringify(expected)} under ${JSON.stringify(text)}` },
    );
  }

  it('marks the $1.25 billion and the $4 billion claims in the PYMNTS article', async () => {
    await wb.openFile(PYMNTS);
    for (const quote of [SEPTEMBER, MARCH]) {
      await wb.selectText(quote);
      await wb.runCommand('Claims: Mark Selection as Claim');
      await waitFor(
        async () =>
          fs.existsSync(wb.workspacePath(`${PYMNTS}.claims.json`)) &&
          (await wb.readWorkspaceJson(`${PYMNTS}.claims.json`)).claims.some((c) => c.quote.exact === quote),
        { message: `the sidecar to hold ${JSON.stringify(quote)}` },
      );
    }
  });

  it('marks the $4 billion commitment in the Maginative article', async () => {
    await wb.openFile(MAGINATIVE);
    await wb.selectText(COMMITTED);
    await wb.runCommand('Claims: Mark Selection as Claim');
    const sidecar = await wb.readWorkspaceJson(`${MAGINATIVE}.claims.json`);
    assert.deepEqual(
      sidecar.claims.map((c) => c.quote.exact),
      [COMMITTED],
    );
  });

  it('draws both PYMNTS claims in the unverified colour', async () => {
    await wb.openFile(PYMNTS);
    await wb.press('Control+End'); // the selection's own overlay would cover the highlight
    unverifiedBackground = await highlightOver(IN_SEPTEMBER, themeColours['claims.unverifiedBackground']);
    await highlightOver(IN_MARCH, themeColours['claims.unverifiedBackground']);
  });

  it('adds a citation to the $1.25 billion claim through the seven inputs', async () => {
    await wb.clickText(IN_SEPTEMBER);
    await wb.startCommand('Claims: Add Citation');

    await wb.waitForQuickInput('Add Citation (1/7)');
    assert.match(await wb.quickInputMessage(), /URL .* or DOI/);
    // A bare host name is neither a URL nor a DOI: the box says so and keeps the question open.
    await wb.typeIntoQuickInput('Add Citation (1/7)', 'www.aboutamazon.com');
    await waitFor(async () => /http\(s\) URL or a DOI/.test(await wb.quickInputMessage()), { message: 'the URL step to reject a bare host name' });
    // Enter is refused; had it been taken, every later answer would land one field off in the sidecar.
    await wb.press('Enter');
    await wb.answerInput('Add Citation (1/7)', CITATION.url);
    assert.match((await wb.answerInput('Add Citation (2/7)', CITATION.title)).prompt, /Title/);
    assert.match((await wb.answerInput('Add Citation (3/7)', CITATION.author)).prompt, /Author or publisher/);
    assert.match((await wb.answerInput('Add Citation (4/7)', CITATION.issued)).prompt, /Publication date/);
    const accessed = await wb.answerInput('Add Citation (5/7)', undefined);
    assert.match(accessed.prompt, /Access date/);
    assert.ok([utcDay(-1), utcDay(0)].includes(accessed.prefilled), `the access date comes prefilled with today, not ${JSON.stringify(accessed.prefilled)}`);
    assert.match((await wb.answerInput('Add Citation (6/7)', CITATION.quote)).prompt, /passage/);
    assert.match((await wb.answerInput('Add Citation (7/7)', CITATION.note)).prompt, /Note/);

    await waitFor(async () => (await wb.readWorkspaceJson(`${PYMNTS}.claims.json`)).claims.find((c) => c.quote.exact === SEPTEMBER)?.citations.length === 1, {
      message: 'the citation in the sidecar',
    });
  });

  it('links the conflict with the $4 billion claim, picking it from the workspace list', async () => {
    await wb.clickText(IN_SEPTEMBER);
    await wb.startCommand('Claims: Add Conflict Note');
    await wb.waitForQuickInput('Add Conflict Note (1/5)');
    await wb.parkMouse();
    await wb.screenshot('conflict-pick');
    const offered = await wb.pickQuickInputRow('Add Conflict Note (1/5)', MARCH, { filter: 'March 27' });
    assert.ok(
      offered.some((label) => label.includes(MARCH) && label.includes(PYMNTS)),
      `the other PYMNTS claim is offered with its file: ${JSON.stringify(offered)}`,
    );
    assert.ok(
      offered.some((label) => label.includes(COMMITTED) && label.includes(MAGINATIVE)),
      `the Maginative claim is offered with its file: ${JSON.stringify(offered)}`,
    );
    assert.ok(!offered.some((label) => label.includes(SEPTEMBER)), 'the claim itself is not offered');

    const kinds = await wb.pickQuickInputRow('Add Conflict Note (2/5)', 'Amount');
    assert.deepEqual(kinds.map((label) => label.split(',')[0].trim()).sort(), ['Amount', 'Date', 'Name', 'Number', 'Other']);

    const thisValue = await wb.answerInput('Add Conflict Note (3/5)', undefined);
    assert.equal(thisValue.prefilled, '$1.25 billion', "this claim's amount is prefilled");
    const otherValue = await wb.answerInput('Add Conflict Note (4/5)', undefined);
    assert.equal(otherValue.prefilled, '$4 billion', "the other claim's amount is prefilled");
    await wb.answerInput('Add Conflict Note (5/5)', CONFLICT_NOTE);

    await waitFor(
      async () =>
        (await wb.readWorkspaceJson(`${PYMNTS}.claims.json`)).claims.every((c) =>
          c.quote.exact === SEPTEMBER || c.quote.exact === MARCH ? c.conflicts.length === 1 : true,
        ),
      { message: 'the conflict on both claims in the sidecar' },
    );
  });

  it('sets the $1.25 billion claim to disputed, and its highlight changes colour', async () => {
    await wb.clickText(IN_SEPTEMBER);
    await wb.startCommand('Claims: Set Claim Status');
    const statuses = await wb.pickQuickInputRow('Set Claim Status', 'Disputed');
    assert.deepEqual(
      statuses.map((label) => label.split(',')[0].trim()),
      ['Unverified', 'Supported', 'Disputed', 'Refuted'],
    );
    assert.match(statuses[0], /Unverified, current/);

    await wb.press('Control+End');
    const disputed = await highlightOver(IN_SEPTEMBER, themeColours['claims.disputedBackground']);
    assert.ok(!sameColour(disputed, unverifiedBackground), `the disputed colour ${JSON.stringify(disputed)} differs from the unverified one`);
    await highlightOver(IN_MARCH, themeColours['claims.unverifiedBackground']);
  });

  it('shows the status, the citation link and the conflict in the hover', async () => {
    const hover = await wb.hoverAt(IN_SEPTEMBER);
    assert.match(hover, /Disputed/);
    assert.match(hover, new RegExp(`${CITATION.title} — ${CITATION.author}, ${CITATION.issued}`));
    assert.match(hover, /amount \(open\): \$1\.25 billion ≠ \$4 billion/i);
    assert.match(hover, new RegExp(PYMNTS.replace(/\./g, '\\.')));
    const links = await wb.hoverLinks();
    const citationLink = links.find((link) => link.text === CITATION.title);
    assert.ok(citationLink, `the citation title is a link: ${JSON.stringify(links)}`);
    assert.equal(citationLink.href, CITATION.url);
    const otherClaim = links.find((link) => link.text === PYMNTS);
    assert.match(otherClaim?.href ?? '', /^command:claims\.revealClaim\?/, 'the conflict links to the other claim');
    await wb.screenshot('hover');
    await wb.parkMouse();
    await wb.press('Escape');
  });

  it('lists both files, the claims, the citation and the conflict in the Claim Explorer', async () => {
    await wb.showViewContainer('Claims');
    await wb.resizeSideBar(720); // wide enough to read the claims and their descriptions, as a person would drag it
    await wb.waitForTreeRow('Claim Explorer', PYMNTS);
    await wb.waitForTreeRow('Claim Explorer', MAGINATIVE);
    await wb.expandTreeRow(SEPTEMBER);
    await wb.expandTreeRow(MARCH);
    // Labels are shortened to 70 characters; the title is longer.
    const rows = await wb.waitForTreeRow('Claim Explorer', CITATION.title.slice(0, 60)).then(() => wb.readTreeRows('Claim Explorer'));
    const find = (text) => {
      const index = rows.findIndex((row) => row.text.includes(text));
      assert.ok(index >= 0, `a row with ${JSON.stringify(text)} in ${JSON.stringify(rows.map((r) => r.text))}`);
      return { ...rows[index], index };
    };
    const pymnts = find(PYMNTS);
    const maginative = find(MAGINATIVE);
    const september = find(SEPTEMBER);
    const march = find(MARCH);
    const committed = find(COMMITTED);
    // A row's parent is the nearest row above it one level up.
    const parentIndex = (row) => rows.findLastIndex((other, i) => i < row.index && other.level === row.level - 1);
    for (const [claim, file] of [
      [september, pymnts],
      [march, pymnts],
      [committed, maginative],
    ]) {
      assert.equal(file.level, 1);
      assert.equal(parentIndex(claim), file.index, `${claim.text} sits under ${file.text}`);
    }
    assert.match(september.text, /Disputed · 1 cited · 1 open conflict/);
    assert.match(march.text, /Unverified · 1 open conflict/);
    assert.match(committed.text, /Unverified/);

    const children = (parent) => rows.filter((row, index) => row.level === parent.level + 1 && parentIndex({ ...row, index }) === parent.index);
    const septemberChildren = children(september).map((row) => row.text);
    assert.equal(septemberChildren.length, 2, JSON.stringify(septemberChildren));
    assert.match(septemberChildren[0], new RegExp(`^${CITATION.title.slice(0, 60)}.*${CITATION.author}, ${CITATION.issued}`));
    assert.match(septemberChildren[1], /^amount conflict: \$1\.25 billion vs \$4 billion.*open · amazon-anthropic-pymnts\.txt/i);
    const marchChildren = children(march).map((row) => row.text);
    assert.deepEqual(marchChildren.length, 1, JSON.stringify(marchChildren));
    assert.match(marchChildren[0], /^amount conflict: \$4 billion vs \$1\.25 billion.*open/i);
    await wb.parkMouse();
    await wb.screenshot('explorer');
  });

  it('flags the open conflict and the uncited claims in the Problems panel', async () => {
    await wb.resizeSideBar(320); // room for the Problems messages
    await wb.showProblems();
    const problems = await waitFor(
      async () => {
        const rows = await wb.readProblems();
        return rows.filter((row) => row.level === 2).length >= 4 && rows;
      },
      { message: 'four entries in Problems' },
    );
    const entries = problems.filter((row) => row.level === 2);
    const files = problems.filter((row) => row.level === 1).map((row) => row.label);
    assert.ok(files.some((label) => label.includes(PYMNTS)) && files.some((label) => label.includes(MAGINATIVE)), JSON.stringify(files));
    const fromClaims = entries.filter((row) => /generated by claims/.test(row.label));
    assert.equal(fromClaims.length, entries.length, `every entry comes from "claims": ${JSON.stringify(entries)}`);
    const conflicts = entries.filter((row) => /^Warning: Open .*conflict/i.test(row.label) && /amount/i.test(row.label));
    assert.equal(conflicts.length, 2, `one open-conflict warning per side: ${JSON.stringify(entries)}`);
    assert.ok(conflicts.some((row) => row.label.includes('“$1.25 billion” vs “$4 billion”')));
    const uncited = entries.filter((row) => /^Info: Uncited claim/.test(row.label));
    assert.deepEqual(
      uncited.map((row) => row.label.includes(MARCH.slice(0, 30)) || row.label.includes(COMMITTED.slice(0, 30))),
      [true, true],
      `the two claims without a citation are flagged, the cited one is not: ${JSON.stringify(uncited)}`,
    );
    await wb.parkMouse();
    await wb.screenshot('problems');
  });

  it('saved the citation, the conflict on both sides and the status in the sidecars', async () => {
    const pymnts = await wb.readWorkspaceJson(`${PYMNTS}.claims.json`);
    assert.equal(pymnts.claims.length, 2);
    const september = pymnts.claims.find((c) => c.quote.exact === SEPTEMBER);
    const march = pymnts.claims.find((c) => c.quote.exact === MARCH);
    assert.ok(september && march);
    const text = wb.readWorkspaceFile(PYMNTS);
    assert.deepEqual([september.position.start, september.position.end], [text.indexOf(SEPTEMBER), text.indexOf(SEPTEMBER) + SEPTEMBER.length]);
    assert.equal(september.status, 'disputed');
    assert.equal(march.status, 'unverified');

    assert.equal(september.citations.length, 1);
    const { id, ...citation } = september.citations[0];
    assert.ok(id);
    assert.deepEqual({ ...citation, accessed: undefined }, { ...CITATION, accessed: undefined });
    assert.match(citation.accessed, /^\d{4}-\d{2}-\d{2}$/);
    assert.deepEqual(march.citations, []);

    assert.equal(september.conflicts.length, 1);
    assert.equal(march.conflicts.length, 1);
    const [mine, theirs] = [september.conflicts[0], march.conflicts[0]];
    assert.equal(mine.id, theirs.id, 'one conflict note, stored on both claims');
    assert.deepEqual(
      { kind: mine.kind, thisValue: mine.thisValue, otherValue: mine.otherValue, other: mine.other, state: mine.state, note: mine.note },
      { kind: 'amount', thisValue: '$1.25 billion', otherValue: '$4 billion', other: { article: PYMNTS, claim: march.id }, state: 'open', note: CONFLICT_NOTE },
    );
    assert.deepEqual(
      { thisValue: theirs.thisValue, otherValue: theirs.otherValue, other: theirs.other },
      { thisValue: '$4 billion', otherValue: '$1.25 billion', other: { article: PYMNTS, claim: september.id } },
    );

    const maginative = await wb.readWorkspaceJson(`${MAGINATIVE}.claims.json`);
    assert.equal(maginative.claims.length, 1);
    assert.equal(maginative.claims[0].status, 'unverified');
    assert.deepEqual([maginative.claims[0].citations, maginative.claims[0].conflicts], [[], []]);
    for (const sidecar of [PYMNTS, MAGINATIVE]) {
      assert.ok(wb.readWorkspaceFile(`${sidecar}.claims.json`).endsWith('}\n'), `${sidecar}.claims.json ends with a newline`);
    }
  });
});
