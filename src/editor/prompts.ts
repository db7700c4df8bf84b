// Every question the extension asks the user goes through this layer. Commands never call
// vscode.window.showQuickPick/showInputBox directly, so host tests can answer the questions by script
// (see ScriptedPrompts in the host tests) while users get the real widgets.
import * as vscode from 'vscode';

export interface PickItem<T> extends vscode.QuickPickItem {
  value: T;
}

export interface InputOptions {
  title?: string;
  prompt: string;
  value?: string;
  placeHolder?: string;
  /** Returns an error message for invalid input, or undefined when it is fine. */
  validate?: (value: string) => string | undefined;
  step?: number;
  totalSteps?: number;
}

export interface PickOptions {
  title?: string;
  placeHolder?: string;
  canPickMany?: boolean;
  step?: number;
  totalSteps?: number;
}

export interface Prompts {
  pick<T>(items: readonly PickItem<T>[], options: PickOptions): Promise<PickItem<T> | undefined>;
  pickMany<T>(items: readonly PickItem<T>[], options: PickOptions): Promise<PickItem<T>[] | undefined>;
  input(options: InputOptions): Promise<string | undefined>;
  /** A modal yes/no; resolves true only when the user chose `confirm`. */
  confirm(message: string, confirm: string, detail?: string): Promise<boolean>;
  openFile(options: { title: string; filters: Record<string, string[]> }): Promise<vscode.Uri | undefined>;
  /** Opens a web link outside VS Code (VS Code may ask the user to confirm). */
  openExternal(uri: vscode.Uri): Promise<boolean>;
  /** Messages go through here too, so tests can see what a user would be told. */
  notify(severity: 'info' | 'warning' | 'error', message: string): void;
}

export class WindowPrompts implements Prompts {
  async pick<T>(items: readonly PickItem<T>[], options: PickOptions): Promise<PickItem<T> | undefined> {
    return vscode.window.showQuickPick(items, {
      title: stepTitle(options.title, options.step, options.totalSteps),
      placeHolder: options.placeHolder,
      matchOnDescription: true,
      matchOnDetail: true,
      ignoreFocusOut: true,
    });
  }

  async pickMany<T>(items: readonly PickItem<T>[], options: PickOptions): Promise<PickItem<T>[] | undefined> {
    return vscode.window.showQuickPick(items, {
      title: stepTitle(options.title, options.step, options.totalSteps),
      placeHolder: options.placeHolder,
      canPickMany: true,
      matchOnDescription: true,
      ignoreFocusOut: true,
    });
  }

  async input(options: InputOptions): Promise<string | undefined> {
    return vscode.window.showInputBox({
      title: stepTitle(options.title, options.step, options.totalSteps),
      prompt: options.prompt,
      value: options.value,
      placeHolder: options.placeHolder,
      // Keeps what the user typed when focus moves away: nothing a user typed is lost to a stray click.
      ignoreFocusOut: true,
      validateInput: options.validate ? (value) => options.validate?.(value) ?? null : undefined,
    });
  }

  async confirm(message: string, confirm: string, detail?: string): Promise<boolean> {
    const answer = await vscode.window.showWarningMessage(message, { modal: true, detail }, confirm);
    return answer === confirm;
  }

  async openExternal(uri: vscode.Uri): Promise<boolean> {
    return vscode.env.openExternal(uri);
  }

  notify(severity: 'info' | 'warning' | 'error', message: string): void {
    if (severity === 'info') void vscode.window.showInformationMessage(message);
    else if (severity === 'warning') void vscode.window.showWarningMessage(message);
    else void vscode.window.showErrorMessage(message);
  }

  async openFile(options: { title: string; filters: Record<string, string[]> }): Promise<vscode.Uri | undefined> {
    const picked = await vscode.window.showOpenDialog({ title: options.title, filters: options.filters, canSelectMany: false });
    return picked?.[0];
  }
}

function stepTitle(title: string | undefined, step?: number, total?: number): string | undefined {
  if (!title) return undefined;
  return step && total ? `${title} (${step}/${total})` : title;
}
