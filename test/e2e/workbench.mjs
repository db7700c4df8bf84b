// Drives the real VS Code workbench (code-server in Chromium) the way a person does: keyboard, palette, mouse;
// and reads the screen: editor text, decorations, tree rows, hovers, notifications.
//
// A spec opens its own workbench on a fresh copy of the sample articles:
//
//   const wb = await openWorkbench('mark-claim');          // in before()
//   await wb.openFile('amazon-anthropic-maginative.txt');
//   await wb.selectText('Amazon previously committed');
//   await wb.runCommand('Claims: Mark Selection as Claim');
//   await wb.readTreeRows();  await wb.decorationsOver('$4 billion');  await wb.screenshot('marked');
//   await wb.close();                                       // in after()
//
// Selectors are VS Code's own DOM classes (quick input, monaco list, view lines); the facts are in
// the design brief's notes on running a real VS Code host (not part of this repository).
import fs from 'node:fs';
import path from 'node:path';
import { openPage, workbenchUrl } from '../launch/browser.mjs';
import { copyFixtures, repoRoot } from '../launch/scratch.mjs';
import { harness, trackWorkbench } from './harness.mjs';

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_ROWS = '.quick-input-list .monaco-list-row';
const ACTIVE_EDITOR = '.editor-group-container.active .monaco-editor[data-uri]';

const cssString = (value) => JSON.stringify(String(value));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Polls `probe` until it returns a truthy value; throws `message` (with the last value) after `timeout` ms. */
export async function waitFor(probe, { timeout = 15_000, interval = 200, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await probe();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${message}; last value ${JSON.stringify(last)}`);
    await sleep(interval);
  }
}

/**
 * Opens the workbench on a fresh scratch copy of `fixtures` (default: the sample articles) with the extension
 * loaded from the working tree, and waits until the workbench and the extension's activity-bar entry are up.
 */
export async function openWorkbench(name, { fixtures } = {}) {
  const { server, browser, scratchDir, screenshotsDir, logDir } = harness();
  const folder = path.join(scratchDir, 'workspaces', name);
  if (fs.existsSync(folder)) throw new Error(`workbench name ${JSON.stringify(name)} is already used in this run; each needs its own`);
  const workspace = copyFixtures(folder, fixtures);
  const page = await openPage(browser, { browserLogFile: path.join(logDir, `${name}.browser-console.log`) });
  const workbench = new Workbench(page, workspace, name, screenshotsDir);
  await page.goto(workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: repoRoot }));
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.part.statusbar').waitFor({ timeout: 60_000 });
  await workbench.activityBarItem('Claims').waitFor({ timeout: 60_000 });
  return workbench;
}

export class Workbench {
  constructor(page, workspace, name, screenshotsDir) {
    this.page = page;
    this.workspace = workspace;
    this.name = name;
    this.screenshotsDir = screenshotsDir;
    this.untrack = trackWorkbench(this);
  }

  /** Absolute path of a file in this workbench's scratch workspace. */
  workspacePath(relative) {
    return path.join(this.workspace, relative);
  }

  readWorkspaceFile(relative) {
    return fs.readFileSync(this.workspacePath(relative), 'utf8');
  }

  /** Waits for a workspace file to exist (the extension writes asynchronously) and parses it as JSON. */
  async readWorkspaceJson(relative, { timeout = 10_000 } = {}) {
    const file = this.workspacePath(relative);
    await waitFor(() => fs.existsSync(file), { timeout, message: `${relative} to be written` });
    return waitFor(
      () => {
        try {
          return JSON.parse(fs.readFileSync(file, 'utf8'));
        } catch {
          return undefined; // caught between the temporary file and the rename
        }
      },
      { timeout, message: `${relative} to hold JSON` },
    );
  }

  async press(...keys) {
    for (const key of keys) await this.page.keyboard.press(key);
  }

  /** Opens a workspace file through Quick Open (Ctrl+P) and waits until its editor is the active one. */
  async openFile(relative) {
    const base = path.basename(relative);
    const showsFile = async () =>
      decodeURIComponent(
        (await this.page
          .locator(ACTIVE_EDITOR)
          .first()
          .getAttribute('data-uri')
          .catch(() => '')) ?? '',
      ).endsWith(`/${relative}`);
    for (let attempt = 1; ; attempt++) {
      // Exactly the file's name: "story.md" must not pick "story.md.claims.json", listed first once opened.
      const row = await this.withQuickInput('Control+P', relative, new RegExp(`^${escapeRegExp(base)}$`));
      // Recently opened files are listed first and search results merged in later, and the list reuses its
      // row elements: wait until the rows stop changing, or the click may land on another file.
      await this.waitForStableQuickInputRows();
      await row.click();
      try {
        await waitFor(showsFile, { timeout: attempt < 3 ? 5_000 : 15_000, message: `the active editor to show ${relative}` });
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
    await this.page.locator(`${ACTIVE_EDITOR} .view-lines`).first().waitFor();
  }

  /** Waits until the quick input's rows read the same twice in a row, 250 ms apart. */
  async waitForStableQuickInputRows() {
    const read = () => this.page.locator(QUICK_INPUT_ROWS).evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label')).join('\n'));
    let previous = null;
    await waitFor(
      async () => {
        const current = await read();
        const stable = current === previous;
        previous = current;
        return stable;
      },
      { interval: 250, message: 'the quick input rows to settle' },
    );
  }

  /**
   * Runs a command from the palette (F1) by its full title, e.g. "Claims: Mark Selection as Claim".
   * Contributions load asynchronously, so the palette is reopened until the command's row is listed.
   */
  async runCommand(title) {
    await this.startCommand(title);
    await this.page.locator(QUICK_INPUT).waitFor({ state: 'hidden' });
  }

  /**
   * Starts a palette command that goes on to ask questions (quick picks, input boxes) and returns at once;
   * answer them with answerInput() and pickQuickInputRow(), which wait for each question by its title.
   */
  async startCommand(title) {
    const row = await this.withQuickInput('F1', title, title);
    // Enter would run the focused row, which need not be the one asked for (recently used come first).
    await row.click();
  }

  /**
   * Opens a quick input with `shortcut`, types `text`, and waits for a row whose aria-label has `rowLabel`
   * (a string), or whose label (without its description) matches `rowLabel` (a RegExp).
   */
  async withQuickInput(shortcut, text, rowLabel, { timeout = 30_000 } = {}) {
    const row =
      rowLabel instanceof RegExp
        ? this.page
            .locator(QUICK_INPUT_ROWS)
            .filter({ has: this.page.locator('.label-name', { hasText: rowLabel }) })
            .first()
        : this.page.locator(`${QUICK_INPUT_ROWS}[aria-label*=${cssString(rowLabel)}]`).first();
    const deadline = Date.now() + timeout;
    for (;;) {
      await this.page.keyboard.press(shortcut);
      const input = this.page.locator(`${QUICK_INPUT} input`).first();
      // Replace whatever the input holds except the palette's ">" prefix.
      const prefix = shortcut === 'F1' ? '>' : '';
      try {
        // Short waits, then open it again: something that takes focus as the workbench settles (a page the
        // extension opens, a notification) can close the quick input between opening it and typing (seen in CI:
        // the input went inert, then hidden, and a single 30 s fill waited on a widget that was gone).
        await input.waitFor({ timeout: 5_000 });
        await input.fill(prefix + text, { timeout: 5_000 });
        await row.waitFor({ timeout: 3_000 });
        return row;
      } catch (error) {
        if (Date.now() > deadline)
          throw new Error(`no quick-input row labelled ${JSON.stringify(rowLabel)} after typing ${JSON.stringify(text)}`, { cause: error });
        await this.page.keyboard.press('Escape');
        await sleep(500);
      }
    }
  }

  /**
   * Waits until the quick input on screen is the question titled `title` (e.g. "Add Citation (2/7)"): a
   * multi-step command opens one widget after another, and only the title tells them apart.
   */
  async waitForQuickInput(title, { timeout = 15_000 } = {}) {
    const widget = this.page.locator(`${QUICK_INPUT}:not(.quick-input-widget-closing)`).first();
    try {
      await waitFor(async () => (await widget.isVisible()) && (await widget.locator('.quick-input-title').innerText()).trim() === title, {
        timeout,
        message: `the quick input titled ${JSON.stringify(title)}`,
      });
    } catch (error) {
      throw new Error(`${error.message}; on screen instead: ${JSON.stringify(await this.quickInputTitle())}`, { cause: error });
    }
    return widget;
  }

  /** Title of the quick input on screen, or '' when none is open. */
  async quickInputTitle() {
    const widget = this.page.locator(`${QUICK_INPUT}:not(.quick-input-widget-closing)`).first();
    return (await widget.isVisible()) ? (await widget.locator('.quick-input-title').innerText()).trim() : '';
  }

  /** The line under the quick input's text box: an input box's prompt, or its validation message. */
  async quickInputMessage() {
    return (await this.page.locator(`${QUICK_INPUT} .quick-input-message`).first().innerText()).trim();
  }

  /** Types `text` into the question titled `title` without confirming it (to see how it is validated). */
  async typeIntoQuickInput(title, text) {
    const widget = await this.waitForQuickInput(title);
    await widget.locator('.quick-input-box input').fill(text);
  }

  /**
   * Answers the input box titled `title`: types `answer` over whatever it holds (undefined keeps the
   * prefilled value, as a person who agrees with it would), presses Enter and waits until the box has
   * moved on. Returns what the box showed: its prompt and the value it came prefilled with.
   */
  async answerInput(title, answer) {
    const widget = await this.waitForQuickInput(title);
    const input = widget.locator('.quick-input-box input');
    const shown = { prompt: await this.quickInputMessage(), prefilled: await input.inputValue() };
    if (answer !== undefined) await input.fill(answer);
    await this.page.keyboard.press('Enter');
    await this.waitForQuickInputToLeave(title);
    return shown;
  }

  /**
   * Chooses a row of the quick pick titled `title`: types `filter` (if given) as a person narrowing the
   * list would, then clicks the row whose aria-label has `rowLabel`. Returns the aria-labels of every row
   * that was listed before the filter, so a test can check what was offered.
   */
  async pickQuickInputRow(title, rowLabel, { filter } = {}) {
    const widget = await this.waitForQuickInput(title);
    const rows = widget.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor();
    const offered = await rows.evaluateAll((elements) => elements.map((e) => e.getAttribute('aria-label') ?? ''));
    if (filter !== undefined) await widget.locator('.quick-input-box input').fill(filter);
    const row = widget.locator(`.quick-input-list .monaco-list-row[aria-label*=${cssString(rowLabel)}]`).first();
    await row.waitFor();
    await row.click();
    await this.waitForQuickInputToLeave(title);
    return offered;
  }

  /** Waits until the question titled `title` is answered: the widget is gone or shows the next question. */
  async waitForQuickInputToLeave(title) {
    try {
      await waitFor(async () => (await this.quickInputTitle()) !== title, { message: `the quick input ${JSON.stringify(title)} to accept its answer` });
    } catch (error) {
      throw new Error(`${error.message}; it says ${JSON.stringify(await this.quickInputMessage().catch(() => ''))}`, { cause: error });
    }
  }

  /**
   * Selects the first occurrence of `text` in the active editor as a person would: Ctrl+F, type, Escape
   * (closing the find widget leaves the match selected). Returns the status bar's selection text.
   */
  async selectText(text) {
    await this.page
      .locator(`${ACTIVE_EDITOR} .view-lines`)
      .first()
      .click({ position: { x: 5, y: 5 } });
    await this.page.keyboard.press('Control+Home');
    await this.page.keyboard.press('Control+F');
    const findInput = this.page.locator(`${ACTIVE_EDITOR} .find-widget textarea`).first();
    await findInput.waitFor();
    await findInput.fill(text);
    await waitFor(
      () =>
        this.page
          .locator(`${ACTIVE_EDITOR} .find-widget .matchesCount`)
          .first()
          .innerText()
          .then((t) => /^1 of \d+/.test(t.trim()) && t),
      { message: `the find widget to match ${JSON.stringify(text)}` },
    );
    await this.page.keyboard.press('Escape');
    await this.page
      .locator(`${ACTIVE_EDITOR} .find-widget.visible`)
      .waitFor({ state: 'detached' })
      .catch(() => {});
    const expected = `(${text.length} selected)`;
    return waitFor(() => this.statusBarText('status.editor.selection').then((t) => t.includes(expected) && t), {
      message: `the status bar to report ${expected}`,
    });
  }

  /** Clicks the middle of the first on-screen `text` in the active editor, which puts the cursor there. */
  async clickText(text) {
    const over = await this.decorationsOver(text);
    if (!over) throw new Error(`${JSON.stringify(text)} is not on screen in the active editor`);
    await this.page.mouse.click(over.rect.x + over.rect.width / 2, over.rect.y + over.rect.height / 2);
  }

  async statusBarText(id) {
    const item = this.page.locator(`.part.statusbar [id=${cssString(id)}]`).first();
    return (await item.count()) ? (await item.innerText()).trim() : '';
  }

  activityBarItem(title) {
    return this.page.locator(`.part.activitybar .action-item .action-label[aria-label^=${cssString(title)}]`).first();
  }

  /** Shows an activity-bar container (e.g. "Claims") in the side bar; clicking a shown one would hide it. */
  async showViewContainer(title) {
    const item = this.activityBarItem(title);
    const sidebar = this.page.locator('.part.sidebar');
    const tab = item.locator('xpath=ancestor::li[contains(@class, "action-item")][1]');
    const shown = (await tab.getAttribute('aria-selected')) === 'true' && (await sidebar.isVisible());
    if (!shown) await tab.click(); // the tab, not its label: a badge may cover the label
    await sidebar.waitFor();
    await waitFor(() => tab.getAttribute('aria-selected').then((v) => v === 'true'), { message: `the ${title} container to show` });
  }

  /**
   * Moves the mouse to the empty bottom of the side bar, where it raises no hover or tooltip: after a click
   * on a palette row it rests over the editor tabs, whose tooltips would cover a screenshot.
   */
  async parkMouse() {
    const box = await this.page.locator('.part.sidebar').boundingBox();
    if (box) await this.page.mouse.move(box.x + box.width / 2, box.y + box.height - 10);
    else await this.page.mouse.move(1, 1);
  }

  /** Drags the sash between the side bar and the editor until the side bar is `width` pixels wide. */
  async resizeSideBar(width) {
    const sidebar = this.page.locator('.part.sidebar');
    await sidebar.waitFor();
    const box = await sidebar.boundingBox();
    const sash = await this.page.evaluate((edge) => {
      const near = [...document.querySelectorAll('.monaco-sash.vertical')]
        .map((element) => element.getBoundingClientRect())
        .filter((r) => r.height > 100 && Math.abs(r.left + r.width / 2 - edge) < 6);
      return near[0] && { x: near[0].left + near[0].width / 2, y: near[0].top + near[0].height / 2 };
    }, box.x + box.width);
    if (!sash) throw new Error("no sash at the side bar's edge");
    await this.page.mouse.move(sash.x, sash.y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width, sash.y, { steps: 5 });
    await this.page.mouse.up();
    await waitFor(async () => Math.abs((await sidebar.boundingBox()).width - width) <= 8, { message: `the side bar to be ${width} px wide` });
  }

  /**
   * Rows of a tree or list in the side bar. `view` names a view by its header ("Outline") or the side bar's
   * title ("Explorer", or "Claims: Claim Explorer" when a container has a single view and no view header);
   * without `view`, every row in the side bar. Each row: { label (aria-label), text, level, expanded }.
   */
  async readTreeRows(view) {
    const sidebar = this.page.locator('.part.sidebar');
    await sidebar.waitFor();
    return sidebar.evaluate((root, viewName) => {
      const has = (element, text) => (element?.textContent ?? '').toLowerCase().includes(text.toLowerCase());
      let scope = root;
      if (viewName) {
        const pane = [...root.querySelectorAll('.pane')].find((p) => has(p.querySelector('.pane-header'), viewName));
        scope = pane ?? (has(root.querySelector('.composite.title .title-label'), viewName) ? root : null);
      }
      if (!scope) return [];
      return [...scope.querySelectorAll('.monaco-list-row')].map((row) => ({
        label: row.getAttribute('aria-label') ?? '',
        text: (row.textContent ?? '').trim(),
        level: Number(row.getAttribute('aria-level') ?? 0),
        expanded: row.getAttribute('aria-expanded'),
      }));
    }, view ?? '');
  }

  /** Waits until the view has a row whose label or text contains `text`, and returns it. */
  async waitForTreeRow(view, text, { timeout = 15_000 } = {}) {
    return waitFor(async () => (await this.readTreeRows(view)).find((row) => row.label.includes(text) || row.text.includes(text)), {
      timeout,
      message: `a ${view} row containing ${JSON.stringify(text)}`,
    });
  }

  /**
   * Expands the side-bar tree row containing `text` by its twistie (clicking the row would run its command),
   * and waits until its first child is drawn: children arrive from the extension host after the twistie turns.
   */
  async expandTreeRow(text) {
    const row = this.page.locator('.part.sidebar .monaco-list-row').filter({ hasText: text }).first();
    await row.waitFor();
    if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.monaco-tl-twistie').click();
    await waitFor(
      () =>
        row.evaluate((element) => {
          if (element.getAttribute('aria-expanded') !== 'true') return false;
          const next = element.parentElement?.querySelector(`.monaco-list-row[data-index="${Number(element.dataset.index) + 1}"]`);
          return Number(next?.getAttribute('aria-level') ?? 0) > Number(element.getAttribute('aria-level'));
        }),
      { message: `the tree row ${JSON.stringify(text)} to expand and show its children` },
    );
  }

  /** Opens the Problems panel from the palette (a second Ctrl+Shift+M would close it again). */
  async showProblems() {
    await this.runCommand('Problems: Focus on Problems View');
    await this.page.locator('.part.panel .markers-panel').waitFor();
  }

  /** Rows of the Problems panel: files (level 1) and their entries (level 2), as { label, text, level }. */
  async readProblems() {
    return this.page.locator('.part.panel .markers-panel .monaco-list-row').evaluateAll((rows) =>
      rows.map((row) => ({
        label: row.getAttribute('aria-label') ?? '',
        text: (row.textContent ?? '').trim(),
        level: Number(row.getAttribute('aria-level') ?? 0),
      })),
    );
  }

  /**
   * What is drawn over the first on-screen occurrence of `text` in the active editor: every element of the
   * text layer (.view-lines spans) and the decoration layer (.view-overlays) whose box overlaps the text and
   * that paints a background, border or outline, with its computed style. Text must sit within one screen line.
   */
  async decorationsOver(text) {
    const editor = this.page.locator(ACTIVE_EDITOR).first();
    return editor.evaluate((root, needle) => {
      const normalise = (s) => s.replace(/\u00a0/g, ' ');
      let textRect;
      for (const line of root.querySelectorAll('.view-lines .view-line')) {
        const content = normalise(line.textContent ?? '');
        const at = content.indexOf(needle);
        if (at < 0) continue;
        // Map the character offsets onto the line's text nodes to measure the text's box.
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        let offset = 0;
        let startSet = false;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const length = node.textContent.length;
          if (!startSet && at < offset + length) {
            range.setStart(node, at - offset);
            startSet = true;
          }
          if (startSet && at + needle.length <= offset + length) {
            range.setEnd(node, at + needle.length - offset);
            break;
          }
          offset += length;
        }
        textRect = range.getBoundingClientRect();
        break;
      }
      if (!textRect) return null;
      const transparent = (colour) => !colour || colour === 'transparent' || /rgba\(.*,\s*0\)$/.test(colour);
      const overlaps = (r) =>
        r.width > 0 && r.height > 0 && r.left < textRect.right - 1 && r.right > textRect.left + 1 && r.top < textRect.bottom - 1 && r.bottom > textRect.top + 1;
      const found = [];
      for (const [layer, selector] of [
        ['text', '.view-lines .view-line span'],
        ['overlay', '.view-overlays div, .view-overlays span'],
      ]) {
        for (const element of root.querySelectorAll(selector)) {
          if (!overlaps(element.getBoundingClientRect())) continue;
          const style = getComputedStyle(element);
          const painted =
            !transparent(style.backgroundColor) ||
            (style.borderTopStyle !== 'none' && parseFloat(style.borderTopWidth) > 0) ||
            (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0);
          if (!painted) continue;
          found.push({
            layer,
            className: typeof element.className === 'string' ? element.className : '',
            backgroundColor: style.backgroundColor,
            border: `${style.borderTopWidth} ${style.borderTopStyle} ${style.borderTopColor}`,
            textDecoration: style.textDecorationLine,
            color: style.color,
          });
        }
      }
      return { text: needle, rect: { x: textRect.x, y: textRect.y, width: textRect.width, height: textRect.height }, found };
    }, text);
  }

  /** Moves the mouse over the first on-screen `text` in the active editor and returns the hover's text. */
  async hoverAt(text, { timeout = 10_000 } = {}) {
    const over = await this.decorationsOver(text);
    if (!over) throw new Error(`${JSON.stringify(text)} is not on screen in the active editor`);
    await this.page.mouse.move(over.rect.x + over.rect.width / 2, over.rect.y + over.rect.height / 2);
    const hover = this.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').first();
    await hover.waitFor({ timeout });
    return (await hover.innerText()).trim();
  }

  /** Links in the hover on screen, as { text, href }: rendered Markdown keeps the target in data-href. */
  async hoverLinks() {
    return this.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content a').evaluateAll((links) =>
      links.map((a) => ({
        text: (a.textContent ?? '').trim(),
        href: a.getAttribute('data-href') || a.getAttribute('href') || '',
      })),
    );
  }

  /**
   * Texts of all notifications, read from the notification center: with the smoke-test driver (which the
   * payload needs) VS Code shows no toasts at all.
   */
  async notifications() {
    return this.withNotificationCenter((center) => center.locator('.notification-list-item-message').allInnerTexts());
  }

  /** Waits for a notification whose text matches `pattern` and returns that text. */
  async waitForNotification(pattern, { timeout = 15_000 } = {}) {
    return this.withNotificationCenter((center) =>
      waitFor(async () => (await center.locator('.notification-list-item-message').allInnerTexts()).find((text) => pattern.test(text)), {
        timeout,
        message: `a notification matching ${pattern}`,
      }),
    );
  }

  async withNotificationCenter(read) {
    const center = this.page.locator('.notifications-center');
    const wasOpen = await center.isVisible();
    if (!wasOpen) await this.runCommand('Notifications: Show Notifications');
    await center.waitFor();
    try {
      return await read(center);
    } finally {
      if (!wasOpen) await this.runCommand('Notifications: Hide Notifications');
    }
  }

  /** Saves a PNG to test-results/screenshots/<workbench name>-<label>.png and returns its path. */
  async screenshot(label) {
    fs.mkdirSync(this.screenshotsDir, { recursive: true });
    const file = path.join(this.screenshotsDir, `${this.name}-${label}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  async close() {
    this.untrack();
    await this.page.context().close();
  }
}
