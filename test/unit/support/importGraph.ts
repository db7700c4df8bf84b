// The import graph of the source tree, read from the text of each file: static imports and re-exports (type-only
// ones included, since a circle of types still ties two modules together), `import x = require()`, dynamic
// `import()` and `require()`. A small tokenizer skips comments, strings, template literals and regular
// expressions, so an import written inside any of those is not taken for a real one.
import fs from 'node:fs';
import path from 'node:path';

export interface ImportEdge {
  /** The specifier as written: `vscode`, `node:fs`, `../store/claimStore`. */
  specifier: string;
  /** 1-based line of the specifier. */
  line: number;
  kind: 'static' | 'dynamic' | 'require';
}

interface Token {
  type: 'word' | 'string' | 'punct';
  value: string;
  line: number;
}

/** Words after which a `/` starts a regular expression rather than dividing. */
const REGEX_AFTER_WORDS = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  /** Open `${` of template literals, each with the brace depth at which it closes. */
  const templateDepths: number[] = [];
  let braceDepth = 0;

  const regexAllowed = (): boolean => {
    const last = tokens[tokens.length - 1];
    if (!last) return true;
    if (last.type === 'string') return false;
    if (last.type === 'word') return REGEX_AFTER_WORDS.has(last.value);
    return !/^[)\]}]$/.test(last.value);
  };

  /** Reads a template literal's text from just after "`" or "}" up to its closing "`" or next "${". */
  const readTemplate = (): void => {
    const startLine = line;
    while (i < text.length) {
      const c = text[i];
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (c === '\n') line++;
      if (c === '`') {
        i++;
        tokens.push({ type: 'string', value: '`', line: startLine });
        return;
      }
      if (c === '$' && text[i + 1] === '{') {
        i += 2;
        templateDepths.push(braceDepth);
        braceDepth++;
        tokens.push({ type: 'punct', value: '${', line });
        return;
      }
      i++;
    }
  };

  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      line++;
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      for (let j = i; j < stop; j++) if (text[j] === '\n') line++;
      i = stop;
    } else if (c === '"' || c === "'") {
      const startLine = line;
      let value = '';
      i++;
      while (i < text.length && text[i] !== c && text[i] !== '\n') {
        if (text[i] === '\\') {
          value += text[i + 1];
          i += 2;
        } else {
          value += text[i++];
        }
      }
      i++;
      tokens.push({ type: 'string', value, line: startLine });
    } else if (c === '`') {
      i++;
      readTemplate();
    } else if (c === '/' && regexAllowed()) {
      let inClass = false;
      i++;
      while (i < text.length && text[i] !== '\n') {
        const r = text[i];
        if (r === '\\') {
          i += 2;
          continue;
        }
        i++;
        if (r === '[') inClass = true;
        else if (r === ']') inClass = false;
        else if (r === '/' && !inClass) break;
      }
      while (i < text.length && /[a-z]/i.test(text[i])) i++;
      tokens.push({ type: 'string', value: '/regex/', line });
    } else if (/[\p{L}\p{Nl}$_0-9]/u.test(c)) {
      let value = '';
      while (i < text.length && /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}$_]/u.test(text[i])) value += text[i++];
      tokens.push({ type: 'word', value, line });
    } else {
      i++;
      if (c === '{') braceDepth++;
      if (c === '}') {
        braceDepth--;
        if (templateDepths.length > 0 && templateDepths[templateDepths.length - 1] === braceDepth) {
          templateDepths.pop();
          readTemplate();
          continue;
        }
      }
      tokens.push({ type: 'punct', value: c, line });
    }
  }
  return tokens;
}

/** The imports written in one TypeScript or JavaScript source text. */
export function importsOf(text: string): ImportEdge[] {
  const tokens = tokenize(text);
  const edges: ImportEdge[] = [];
  const isWord = (index: number, value: string) => tokens[index]?.type === 'word' && tokens[index].value === value;
  /** `x.import` or `x.require` is a property, not the keyword or the global. */
  const isMember = (index: number) => tokens[index - 1]?.type === 'punct' && tokens[index - 1].value === '.';
  tokens.forEach((token, index) => {
    if (token.type !== 'string' || token.value === '`' || token.value === '/regex/') return;
    const before = tokens[index - 1];
    const after = tokens[index + 1];
    if (isWord(index - 1, 'from')) {
      edges.push({ specifier: token.value, line: token.line, kind: 'static' });
    } else if (isWord(index - 1, 'import') && !isMember(index - 1)) {
      edges.push({ specifier: token.value, line: token.line, kind: 'static' });
    } else if (before?.value === '(' && after?.value === ')') {
      if (isWord(index - 2, 'import') && !isMember(index - 2)) edges.push({ specifier: token.value, line: token.line, kind: 'dynamic' });
      else if (isWord(index - 2, 'require') && !isMember(index - 2)) edges.push({ specifier: token.value, line: token.line, kind: 'require' });
    }
  });
  return edges;
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs'];

/** The file a relative specifier names, tried the way the bundler resolves it; undefined for packages. */
export function resolveRelative(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(fromFile), specifier);
  const candidates = [base, ...SOURCE_EXTENSIONS.map((ext) => base + ext), ...SOURCE_EXTENSIONS.map((ext) => path.join(base, 'index' + ext))];
  return candidates.find((file) => fs.existsSync(file) && fs.statSync(file).isFile());
}

/** The source files under `dir`, as absolute paths (the form `resolveRelative` gives), in a stable order. */
export function sourceFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.resolve(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFilesUnder(full));
    else if (SOURCE_EXTENSIONS.includes(path.extname(entry.name)) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out.sort();
}

export interface ImportGraph {
  /** Each source file with the imports it writes and, for relative ones, the file they resolve to. */
  files: Map<string, Array<ImportEdge & { target?: string }>>;
}

export function importGraph(files: string[]): ImportGraph {
  const graph: ImportGraph = { files: new Map() };
  for (const file of files) {
    const edges = importsOf(fs.readFileSync(file, 'utf8')).map((edge) => ({ ...edge, target: resolveRelative(file, edge.specifier) }));
    graph.files.set(file, edges);
  }
  return graph;
}

export interface ImportCircle {
  /** Every file of one strongly connected component: each can reach each other one through imports. */
  files: string[];
  /** One shortest circle through the component's first file, that file repeated at the end. */
  example: string[];
}

/** The import circles among the graph's files: each group of files that import each other, directly or not. */
export function importCircles(graph: ImportGraph): ImportCircle[] {
  const successors = (file: string) => [...new Set((graph.files.get(file) ?? []).flatMap((e) => (e.target && graph.files.has(e.target) ? [e.target] : [])))];
  // Tarjan's strongly connected components.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, counter);
    low.set(file, counter);
    counter++;
    stack.push(file);
    onStack.add(file);
    for (const next of successors(file)) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file)!, index.get(next)!));
      }
    }
    if (low.get(file) === index.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1 || successors(file).includes(file)) components.push(component.sort());
    }
  };
  for (const file of graph.files.keys()) if (!index.has(file)) visit(file);
  // Name each component by one concrete circle (breadth-first from its first file back to itself).
  return components.map((component) => ({ files: component, example: shortestCircle(component) }));

  function shortestCircle(component: string[]): string[] {
    const inside = new Set(component);
    const start = component[0];
    const cameFrom = new Map<string, string>();
    const queue = [start];
    while (queue.length > 0) {
      const file = queue.shift()!;
      for (const next of successors(file).filter((f) => inside.has(f))) {
        if (next === start) {
          const circle = [start];
          for (let at: string | undefined = file; at !== undefined && at !== start; at = cameFrom.get(at)) circle.splice(1, 0, at);
          return [...circle, start];
        }
        if (!cameFrom.has(next)) {
          cameFrom.set(next, file);
          queue.push(next);
        }
      }
    }
    return [...component, start];
  }
}
