// Evaluates the when-clauses of package.json against a set of context key values, the way VS Code decides
// whether a menu item shows. Covers the grammar the manifest uses: ||, &&, !, ==, !=, =~ /re/, bare keys.
// Anything else throws, so a when-clause this cannot read fails the test instead of passing by accident.
export type ContextValues = Record<string, string | boolean | undefined>;

export function evaluateWhen(when: string | undefined, context: ContextValues): boolean {
  if (when === undefined || when.trim() === '') return true;
  return when.split('||').some((alternative) => alternative.split('&&').every((term) => evaluateTerm(term.trim(), context)));
}

function evaluateTerm(term: string, context: ContextValues): boolean {
  if (term === 'true') return true;
  if (term === 'false') return false;
  const regex = /^([\w.]+)\s*=~\s*\/(.*)\/([a-z]*)$/.exec(term);
  if (regex) return new RegExp(regex[2], regex[3]).test(String(context[regex[1]] ?? ''));
  const comparison = /^([\w.]+)\s*(==|!=)\s*'?([\w.-]+)'?$/.exec(term);
  if (comparison) {
    const equal = String(context[comparison[1]] ?? '') === comparison[3];
    return comparison[2] === '==' ? equal : !equal;
  }
  const negated = /^!\s*([\w.]+)$/.exec(term);
  if (negated) return !context[negated[1]];
  if (/^[\w.]+$/.test(term)) return Boolean(context[term]);
  throw new Error(`when-clause term not understood: ${term}`);
}
