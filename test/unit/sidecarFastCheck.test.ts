import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Sidecar as SidecarSchema } from '../../src/core/sidecar/schema';
import { acceptSidecarV1 } from '../../src/core/sidecar/sidecarFastCheck';
import { sidecar } from './sidecarArbitraries';

type JsonPath = (string | number)[];

/** Every path in a JSON tree except the root, parents before children. */
function pathsOf(value: unknown, prefix: JsonPath = [], out: JsonPath[] = []): JsonPath[] {
  if (typeof value !== 'object' || value === null) return out;
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  for (const [key, child] of entries) {
    const path = [...prefix, key];
    out.push(path);
    pathsOf(child, path, out);
  }
  return out;
}

const DELETE = Symbol('delete');

/** Replacements that sit on or just across the edges of the schema's rules, by the type of the value replaced. */
const REPLACEMENTS: Record<'number' | 'string' | 'object' | 'array' | 'other', unknown[]> = {
  number: [DELETE, -1, 0, 1, 2, 1.5, 2 ** 53, Number.MAX_SAFE_INTEGER, -0, '1', null],
  string: [
    DELETE,
    '',
    'x',
    'a b',
    'a'.repeat(64),
    'a'.repeat(65),
    'maybe',
    'supported',
    'refuted',
    'spotted',
    'open',
    'resolved',
    'date',
    'price',
    '2024',
    '2024-13',
    '2024-11-07',
    '2024-11-07T09:30:00Z',
    '2024-11-07 09:30',
    1,
    null,
    [],
  ],
  object: [DELETE, {}, [], null, 'x', { url: 'u' }, { id: 'k', url: 'u' }, { exact: 'e' }, { start: 1, end: 0 }, { article: '', claim: 'c' }],
  array: [DELETE, [], {}, null, ['x'], [1], [{}], 'x'],
  other: [DELETE, null, true, false, 0, 'x', [], {}],
};

function typeOf(value: unknown): keyof typeof REPLACEMENTS {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' || typeof value === 'string') return typeof value as 'number' | 'string';
  return typeof value === 'object' && value !== null ? 'object' : 'other';
}

const mutation = fc.record({ pick: fc.nat(), choice: fc.nat() });

function mutate(document: unknown, mutations: { pick: number; choice: number }[]): unknown {
  const copy = structuredClone(document);
  for (const { pick, choice } of mutations) {
    const paths = pathsOf(copy);
    if (paths.length === 0) break;
    const path = paths[pick % paths.length]!;
    const parent = path.slice(0, -1).reduce<any>((node, key) => node[key], copy);
    const last = path[path.length - 1]!;
    const pool = REPLACEMENTS[typeOf(parent[last])];
    const value = pool[choice % pool.length];
    if (value !== DELETE) parent[last] = structuredClone(value);
    else if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  }
  return copy;
}

function assertSameVerdict(document: unknown): boolean {
  const byZod = SidecarSchema.safeParse(document);
  const byHand = acceptSidecarV1(structuredClone(document));
  assert.equal(byHand !== undefined, byZod.success, `zod says ${byZod.success ? 'valid' : byZod.error.issues[0]?.message}`);
  if (byZod.success) assert.deepEqual(byHand, byZod.data);
  return byZod.success;
}

describe('acceptSidecarV1 agrees with the zod schema (fast-check)', () => {
  it('accepts every valid sidecar, with the same data as zod', () => {
    fc.assert(
      fc.property(sidecar, (value) => assert.equal(assertSameVerdict(value), true)),
      { numRuns: 300 },
    );
  });

  it('gives the same verdict and data on sidecars with fields removed or replaced', () => {
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(sidecar, fc.array(mutation, { minLength: 1, maxLength: 3 }), (value, mutations) => {
        if (assertSameVerdict(mutate(value, mutations))) accepted++;
        else rejected++;
      }),
      { numRuns: 3000 },
    );
    // Both outcomes must be common, or the comparison says little.
    assert.ok(accepted > 150 && rejected > 150, `accepted ${accepted}, rejected ${rejected}`);
  });

  it('gives the same verdict on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => assert.equal(assertSameVerdict(value), false)),
      { numRuns: 200 },
    );
  });
});
