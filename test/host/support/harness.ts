// Shared helpers for host tests: the extension's test API, a scripted prompt layer that answers quick
// picks and input boxes, and scratch articles inside the test workspace.
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ClaimAnnotatorApi } from '../../../src/extension';
import type { InputOptions, PickItem, PickOptions, Prompts } from '../../../src/editor/prompts';

export const EXTENSION_ID = 'claim-annotator.claim-annotator';

export async function claimsApi(): Promise<ClaimAnnotatorApi> {
  const extension = vscode.extensions.getExtension<ClaimAnnotatorApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  return extension.activate();
}

type Answer =
  | { kind: 'pick'; choose: (items: readonly PickItem<unknown>[], options: PickOptions) => PickItem<unknown> | PickItem<unknown>[] | undefined }
  | { kind: 'input'; answer: (options: InputOptions) => string | undefined }
  | { kind: 'confirm'; answer: boolean }
  | { kind: 'file'; uri: vscode.Uri | undefined };

/** Answers prompts from a script, in order, and fails loudly when a command asks something unexpected. */
export class ScriptedPrompts implements Prompts {
  private readonly answers: Answer[] = [];
  readonly asked: string[] = [];
  readonly notifications: Array<{ severity: string; message: string }> = [];

  pickLabel(match: string | RegExp): this {
    this.answers.push({
      kind: 'pick',
      choose: (items) => {
        const found = items.find((item) => (typeof match === 'string' ? item.label.includes(match) : match.test(item.label)));
        if (!found) throw new Error(`no pick item matches ${match}: ${items.map((i) => i.label).join(' | ')}`);
        return found;
      },
    });
    return this;
  }

  pickWhere(predicate: (item: PickItem<unknown>) => boolean, many = false): this {
    this.answers.push({
      kind: 'pick',
      choose: (items) => {
        const found = items.filter(predicate);
        if (found.length === 0) throw new Error(`no pick item matches: ${items.map((i) => i.label).join(' | ')}`);
        return many ? found : found[0];
      },
    });
    return this;
  }

  cancelPick(): this {
    this.answers.push({ kind: 'pick', choose: () => undefined });
    return this;
  }

  /** Answers an input box; the answer is checked against the prompt's own validation like a user's typing. */
  type(text: string | undefined): this {
    this.answers.push({ kind: 'input', answer: () => text });
    return this;
  }

  /** Accepts whatever the input box was prefilled with. */
  acceptDefault(): this {
    this.answers.push({ kind: 'input', answer: (options) => options.value ?? '' });
    return this;
  }

  confirmWith(answer: boolean): this {
    this.answers.push({ kind: 'confirm', answer });
    return this;
  }

  chooseFile(uri: vscode.Uri | undefined): this {
    this.answers.push({ kind: 'file', uri });
    return this;
  }

  get remaining(): number {
    return this.answers.length;
  }

  private next<K extends Answer['kind']>(kind: K, what: string): Extract<Answer, { kind: K }> {
    this.asked.push(`${kind}: ${what}`);
    const answer = this.answers.shift();
    if (!answer) throw new Error(`unexpected ${kind} prompt: ${what}`);
    if (answer.kind !== kind) throw new Error(`expected a ${answer.kind} answer but the command asked a ${kind}: ${what}`);
    return answer as Extract<Answer, { kind: K }>;
  }

  async pick<T>(items: readonly PickItem<T>[], options: PickOptions): Promise<PickItem<T> | undefined> {
    const chosen = this.next('pick', options.title ?? options.placeHolder ?? '').choose(items as readonly PickItem<unknown>[], options);
    return (Array.isArray(chosen) ? chosen[0] : chosen) as PickItem<T> | undefined;
  }

  async pickMany<T>(items: readonly PickItem<T>[], options: PickOptions): Promise<PickItem<T>[] | undefined> {
    const chosen = this.next('pick', options.title ?? '').choose(items as readonly PickItem<unknown>[], options);
    return (chosen === undefined ? undefined : Array.isArray(chosen) ? chosen : [chosen]) as PickItem<T>[] | undefined;
  }

  async input(options: InputOptions): Promise<string | undefined> {
    const value = this.next('input', options.prompt).answer(options);
    if (value !== undefined) {
      const problem = options.validate?.(value);
      if (problem) throw new Error(`input "${value}" rejected by validation: ${problem}`);
    }
    return value;
  }

  async confirm(message: string): Promise<boolean> {
    return this.next('confirm', message).answer;
  }

  async openFile(options: { title: string }): Promise<vscode.Uri | undefined> {
    return this.next('file', options.title).uri;
  }

  readonly opened: string[] = [];

  async openExternal(uri: vscode.Uri): Promise<boolean> {
    this.opened.push(uri.toString(true));
    return true;
  }

  notify(severity: 'info' | 'warning' | 'error', message: string): void {
    this.notifications.push({ severity, message });
  }
}

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the host tests need a workspace folder');
  return folder.uri.fsPath;
}

let counter = 0;
/** Writes a fresh article into the test workspace under a unique name and returns its path. */
export function scratchArticle(text: string, extension = '.md'): string {
  const dir = path.join(workspaceRoot(), 'host-scratch');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `article-${process.pid}-${Date.now()}-${counter++}${extension}`);
  fs.writeFileSync(file, text);
  return file;
}

export async function openArticle(file: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  return vscode.window.showTextDocument(document);
}

export function select(editor: vscode.TextEditor, text: string, occurrence = 0): vscode.Selection {
  const body = editor.document.getText();
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = body.indexOf(text, at + 1);
  if (at < 0) throw new Error(`"${text}" not found in ${editor.document.fileName}`);
  const selection = new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at + text.length));
  editor.selection = selection;
  return selection;
}

export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function readSidecar(articlePath: string): { claims: Array<Record<string, any>>; [key: string]: unknown } {
  return JSON.parse(fs.readFileSync(articlePath + '.claims.json', 'utf8'));
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export interface ClaimsSession {
  api: ClaimAnnotatorApi;
  prompts: ScriptedPrompts;
}

/**
 * Registers the hooks almost every host suite needs: activate the extension once, give each test a fresh
 * ScriptedPrompts, close the editors after it. `onEachTest` hands the session to the suite's own variables;
 * with `expectAllAnswersUsed`, a test that scripted an answer no prompt asked for fails.
 */
export function useClaimsSession(onEachTest: (session: ClaimsSession) => void, options: { expectAllAnswersUsed?: boolean } = {}): void {
  let api: ClaimAnnotatorApi;
  let prompts: ScriptedPrompts;
  before(async () => {
    api = await claimsApi();
    // Nested describe blocks' before() hooks run ahead of the first beforeEach: give them the session too (a run
    // filtered by --grep can start with such a block).
    prompts = new ScriptedPrompts();
    api.setPrompts(prompts);
    onEachTest({ api, prompts });
  });
  beforeEach(() => {
    prompts = new ScriptedPrompts();
    api.setPrompts(prompts);
    onEachTest({ api, prompts });
  });
  afterEach(async () => {
    try {
      if (options.expectAllAnswersUsed && prompts.remaining !== 0) {
        throw new Error(`unused scripted answers: ${prompts.remaining}`);
      }
    } finally {
      await closeAllEditors();
    }
  });
}
