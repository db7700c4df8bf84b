// A stand-in for the `vscode` module, so the benchmarks can run the real UI adapters (src/editor/ui/decorations.ts,
// src/editor/ui/explorer.ts) in plain Node: bench code bundles them with `vscode` aliased to this file
// (see loadWithVscodeShim in bench/harness.ts). Only what those adapters touch is here. Where the extension
// host does work on our behalf in the same thread (validating positions, escaping Markdown, flattening and
// encoding decoration ranges for the renderer), this shim does comparable work, so the timings include it.
// What happens in other processes (the renderer drawing decorations or tree rows) is not measured.
import path from 'node:path';

export interface Disposable {
  dispose(): void;
}

type Listener<T> = (value: T) => unknown;
export type Event<T> = (listener: Listener<T>) => Disposable;

export class EventEmitter<T> {
  private listeners: Listener<T>[] = [];

  readonly event: Event<T> = (listener) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }

  dispose(): void {
    this.listeners = [];
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {
    // The host's Position rejects the same inputs.
    if (line < 0) throw new Error('Illegal argument: line must be non-negative');
    if (character < 0) throw new Error('Illegal argument: character must be non-negative');
  }

  isBefore(other: Position): boolean {
    return this.line < other.line || (this.line === other.line && this.character < other.character);
  }

  translate(lineDelta = 0, characterDelta = 0): Position {
    return new Position(this.line + lineDelta, this.character + characterDelta);
  }
}

export class Range {
  readonly start: Position;
  readonly end: Position;

  constructor(start: Position, end: Position) {
    if (!(start instanceof Position) || !(end instanceof Position)) throw new Error('Illegal argument');
    // Like the host's Range: the earlier position becomes the start.
    if (end.isBefore(start)) {
      this.start = end;
      this.end = start;
    } else {
      this.start = start;
      this.end = end;
    }
  }
}

export class ThemeColor {
  constructor(readonly id: string) {}
}

export class ThemeIcon {
  static readonly File = new ThemeIcon('file');
  static readonly Folder = new ThemeIcon('folder');
  constructor(
    readonly id: string,
    readonly color?: ThemeColor,
  ) {}
}

export class MarkdownString {
  value = '';
  isTrusted = false;
  supportThemeIcons = false;

  /** The host's escaping: Markdown syntax characters, runs of spaces, quotes and newlines. */
  appendText(text: string): this {
    this.value += text
      .replace(/[\\`*_{}[\]()#+\-!~]/g, '\\$&')
      .replace(/([ \t]+)/g, (_match, spaces: string) => '&nbsp;'.repeat(spaces.length))
      .replace(/>/gm, '\\>')
      .replace(/\n/g, '\n\n');
    return this;
  }

  appendMarkdown(markdown: string): this {
    this.value += markdown;
    return this;
  }
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly fsPath: string,
  ) {}

  static file(fsPath: string): Uri {
    return new Uri('file', path.normalize(fsPath));
  }

  get path(): string {
    return this.fsPath;
  }

  toString(): string {
    return `${this.scheme}://${encodeURI(this.fsPath)}`;
  }
}

export enum TreeItemCollapsibleState {
  None = 0,
  Collapsed = 1,
  Expanded = 2,
}

export class TreeItem {
  id?: string;
  description?: string | boolean;
  tooltip?: string | MarkdownString;
  iconPath?: ThemeIcon;
  contextValue?: string;
  resourceUri?: Uri;
  command?: { command: string; title: string; arguments?: unknown[] };

  constructor(
    readonly label: string,
    readonly collapsibleState: TreeItemCollapsibleState = TreeItemCollapsibleState.None,
  ) {}
}

export class CodeActionKind {
  static readonly Empty = new CodeActionKind('');
  static readonly QuickFix = new CodeActionKind('quickfix');
  static readonly Refactor = new CodeActionKind('refactor');
  constructor(readonly value: string) {}
  append(part: string): CodeActionKind {
    return new CodeActionKind(this.value ? `${this.value}.${part}` : part);
  }
}

export enum OverviewRulerLane {
  Left = 1,
  Center = 2,
  Right = 4,
  Full = 7,
}

export enum DecorationRangeBehavior {
  OpenOpen = 0,
  ClosedClosed = 1,
  OpenClosed = 2,
  ClosedOpen = 3,
}

export interface TextEditorDecorationType extends Disposable {
  readonly key: string;
}

/** What a benchmark's fake editor receives from setDecorations: the payload the host would send. */
export interface DecorationPayload {
  key: string;
  encoded: string;
  count: number;
}

export interface ShimTextDocument {
  readonly uri: Uri;
  readonly lineCount: number;
  getText(): string;
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
  lineAt(line: number): { text: string; range: Range };
}

export interface ShimTextEditor {
  readonly document: ShimTextDocument;
  setDecorations(type: TextEditorDecorationType, ranges: readonly Range[]): void;
}

/**
 * setDecorations as the extension host implements it for plain ranges: flatten to 1-based numbers, then
 * JSON-encode for the message to the renderer. Benchmarks build editors with this.
 */
export function encodeDecorations(type: TextEditorDecorationType, ranges: readonly Range[]): DecorationPayload {
  const flat = new Array<number>(4 * ranges.length);
  for (let i = 0; i < ranges.length; i++) {
    const range = ranges[i]!;
    flat[4 * i] = range.start.line + 1;
    flat[4 * i + 1] = range.start.character + 1;
    flat[4 * i + 2] = range.end.line + 1;
    flat[4 * i + 3] = range.end.character + 1;
  }
  return { key: type.key, encoded: JSON.stringify(flat), count: ranges.length };
}

const visibleEditorsChanged = new EventEmitter<readonly ShimTextEditor[]>();
let decorationTypes = 0;

export interface ShimTreeView {
  badge?: { value: number; tooltip: string };
  description?: string;
  message?: string;
  visible: boolean;
  reveal(node: unknown, options?: object): Promise<void>;
  dispose(): void;
}

export const window = {
  visibleTextEditors: [] as ShimTextEditor[],
  activeTextEditor: undefined as ShimTextEditor | undefined,
  onDidChangeVisibleTextEditors: visibleEditorsChanged.event,
  createTextEditorDecorationType(_options: object): TextEditorDecorationType {
    return { key: `TextEditorDecorationType${++decorationTypes}`, dispose: () => undefined };
  },
  createTreeView(_id: string, _options: object): ShimTreeView {
    return { visible: true, reveal: async () => undefined, dispose: () => undefined };
  },
};

const configurationChanged = new EventEmitter<unknown>();

export const workspace = {
  workspaceFolders: undefined as Array<{ uri: Uri; name: string; index: number }> | undefined,
  onDidChangeConfiguration: configurationChanged.event,
  /** Relative to the workspace folder that contains the path, with forward slashes, as the host does. */
  asRelativePath(pathOrUri: string | Uri, includeWorkspaceFolder?: boolean): string {
    const fsPath = typeof pathOrUri === 'string' ? pathOrUri : pathOrUri.fsPath;
    const folder = workspace.workspaceFolders?.find((f) => fsPath === f.uri.fsPath || fsPath.startsWith(f.uri.fsPath + path.sep));
    if (!folder) return fsPath;
    const relative = path.relative(folder.uri.fsPath, fsPath).split(path.sep).join('/');
    return includeWorkspaceFolder ? `${folder.name}/${relative}` : relative;
  },
};

export const commands = {
  async executeCommand(_command: string, ..._args: unknown[]): Promise<unknown> {
    return undefined;
  },
};

export const l10n = {
  t(message: string, ...args: Array<string | number | boolean>): string {
    return args.length === 0 ? message : message.replace(/\{(\d+)\}/g, (match, index: string) => String(args[Number(index)] ?? match));
  },
};
