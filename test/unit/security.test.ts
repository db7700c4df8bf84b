// Sidecars come from strangers through git, so everything in them is untrusted. These tests hold the core to
// that: links are only ever http(s) or doi.org, text rendered as Markdown stays text (no links, HTML, images),
// CSV cells cannot become formulas, and dangerous keys are dropped without touching any prototype.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { csvCell, escapeMarkdownText, exportCsv, exportMarkdown, type ArticleClaims } from '../../src/core/interchange/exporters';
import { citationLink, normalizeDoi, safeWebUrl, whyNotOpenable } from '../../src/core/interchange/links';
import { mergeSidecars } from '../../src/core/sidecar/merge';
import type { Citation, Claim } from '../../src/core/sidecar/schema';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar/sidecar';
import { claimWith, sidecarOf } from './support/builders';
import { expectedVisibleText, shownText } from './support/renderedText';

const markdownIt = createRequire(__filename)('markdown-it') as (options: object) => { render(text: string): string };
// The most permissive rendering: raw HTML on, bare URLs turned into links. VS Code's hovers allow less.
const render = (markdown: string) => markdownIt({ html: true, linkify: true }).render(markdown);

/** Schemes and tricks that have been used to smuggle a script or a local file through a link. */
const HOSTILE_LINKS = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  '\tjavascript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  '\u0000javascript:alert(1)',
  'javascript&colon;alert(1)',
  'javascript:/*https://x.com*/alert(1)',
  'vbscript:msgbox(1)',
  'data:text/html,<script>alert(1)</script>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'file:///etc/passwd',
  'FILE:///C:/Windows/win.ini',
  'file://server/share/x',
  'command:workbench.action.terminal.new',
  'command:claims.removeClaim?%5B%7B%7D%5D',
  'vscode://vscode.git/clone?url=evil',
  'vscode-insiders://x',
  'ms-settings:',
  'ftp://example.com/x',
  'mailto:a@b.c',
  'ssh://host',
  '//evil.example/path',
  '/etc/passwd',
  '../../etc/passwd',
  'C:\\Windows\\System32',
  '\\\\server\\share',
  'http://',
  'https://',
  '',
  '   ',
];

const hostileText = fc.oneof(
  fc.constantFrom(
    ...HOSTILE_LINKS,
    '[click](command:workbench.action.terminal.new)',
    '[x](javascript:alert(1))',
    '<img src=x onerror=alert(1)>',
    '<script>alert(1)</script>',
    '<a href="command:x">a</a>',
    '![i](https://evil.example/i.png)',
    '<https://evil.example>',
    'https://evil.example www.evil.example mail@evil.example',
    '[ref]: command:evil',
    '[a][ref]\n\n[ref]: javascript:alert(1)',
    '&lt;b&gt; &#x3C;script&#x3E; &#60;img&#62;',
    '`code` **bold** _em_ ~~s~~ $x^2$ | t |',
    '# h\n## h\n> q\n- l\n1. l\n    code\n---\n```\nfence\n```',
    '\\[escaped\\](command:x)',
    'x\u202ey\u2066z\u0000\u0007',
    'a\r\nb\rc\u2028d',
    '🙂 e\u0301 مرحبا',
  ),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: fc.constantFrom(...'[]()<>!:/\\`*_#&;"\'=@\n <>hjavscriptcommand.'), maxLength: 60 }),
);

function hrefs(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1]);
}

describe('security: citation links', () => {
  for (const input of HOSTILE_LINKS) {
    it(`never produces a link from ${JSON.stringify(input)}`, () => {
      assert.equal(safeWebUrl(input), undefined);
      assert.equal(citationLink({ url: input }), undefined);
      assert.equal(normalizeDoi(input), undefined);
      assert.equal(citationLink({ doi: input }), undefined);
      const why = whyNotOpenable({ url: input });
      if (input.length > 0) assert.match(why, /only http\(s\) and DOI links are opened/);
    });
  }

  it('citationLink gives only http(s) URLs with a host, or https://doi.org links (fast-check, 10,000 inputs)', () => {
    const url = fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), hostileText, fc.string());
    const doi = fc.oneof(
      fc.tuple(fc.integer({ min: 1000, max: 999999999 }), fc.string({ minLength: 1, maxLength: 20 })).map(([prefix, suffix]) => `10.${prefix}/${suffix}`),
      fc.constantFrom('10.1000/../../evil', '10.1000/x?y#z', '10.1000/%2e%2e', 'doi:10.1000/a b', 'https://doi.org/10.1000/x', 'http://dx.doi.org/10.1/x'),
      hostileText,
    );
    fc.assert(
      fc.property(fc.option(url, { nil: undefined }), fc.option(doi, { nil: undefined }), (u, d) => {
        const link = citationLink({ url: u, doi: d });
        if (link === undefined) return;
        const parsed = new URL(link);
        assert.ok(parsed.protocol === 'https:' || parsed.protocol === 'http:', link);
        assert.ok(parsed.hostname.length > 0, link);
        if (d !== undefined && normalizeDoi(d)) assert.equal(parsed.hostname, 'doi.org', `a DOI resolves at doi.org: ${link}`);
        assert.ok(!/[\s<>"]/.test(link), `no character that could end a link early: ${JSON.stringify(link)}`);
      }),
      { numRuns: 10_000 },
    );
  });

  it('a citation link put in a Markdown link stays one link: it cannot close early and open a command link', () => {
    const breakouts = [
      'https://example.com/a)[pwn](command:claims.setStatus?%5B%5D)',
      'https://example.com/a)](command:x)',
      'https://example.com/a" onclick="x',
      "https://example.com/a'><img src=x>",
      'https://example.com/a>[pwn](command:x)',
      'https://example.com/a`[pwn](command:x)`',
      'https://example.com/a\\)[pwn](command:x)',
      'https://example.com/?q=)[pwn](command:x)',
      'https://example.com/#)[pwn](command:x)',
      'https://en.wikipedia.org/wiki/Foo_(bar)',
      'http://[::1]:8080/a)[pwn](command:x)',
    ];
    const payload = fc.tuple(
      fc.constantFrom(...'()[]<>"\'`\\ !*'),
      fc.string({ maxLength: 8 }),
      fc.constantFrom('command:x', 'javascript:alert(1)', 'https://evil.example'),
    );
    const crafted = fc
      .tuple(fc.webUrl(), fc.array(payload, { maxLength: 3 }))
      .map(([base, parts]) => base + parts.map(([c, s, target]) => `${c}${s}](${target})`).join(''));
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...breakouts), crafted), fc.boolean(), (input, asDoi) => {
        const link = asDoi ? citationLink({ doi: `10.1000/${input}` }) : citationLink({ url: input });
        if (link === undefined) return;
        assert.ok(
          !/[()[\]<>"'`\s\\]/.test(new URL(link).pathname + new URL(link).search + new URL(link).hash),
          `Markdown-significant characters are encoded: ${link}`,
        );
        // Both link forms a renderer sees: VS Code hovers use (…), the exported report uses (<…>).
        for (const markdown of [`[title](${link})`, `[title](<${link}>)`]) {
          const found = hrefs(render(markdown));
          assert.equal(found.length, 1, `exactly one link in ${markdown}: ${found.join(' ')}`);
          assert.match(found[0], /^https?:\/\//);
        }
      }),
      { numRuns: 3_000 },
    );
    assert.equal(citationLink({ url: 'https://en.wikipedia.org/wiki/Foo_(bar)' }), 'https://en.wikipedia.org/wiki/Foo_%28bar%29');
    assert.equal(citationLink({ doi: '10.1016/S0140-6736(20)30183-5' }), 'https://doi.org/10.1016/S0140-6736%2820%2930183-5');
    assert.equal(citationLink({ url: 'http://[::1]:8080/x(y)' }), 'http://[::1]:8080/x%28y%29', 'an IPv6 host keeps its brackets');
  });

  it('says why a citation is not opened', () => {
    assert.match(whyNotOpenable({ doi: 'not a doi' }), /"not a doi" is not a DOI/);
    assert.match(whyNotOpenable({ url: 'file:///etc/passwd' }), /only http\(s\) and DOI links are opened, and "file:\/\/\/etc\/passwd" is neither/);
    assert.match(whyNotOpenable({}), /no URL or DOI/);
    assert.ok(whyNotOpenable({ url: 'javascript:' + 'x'.repeat(10_000) }).length < 200, 'a long URL is cut short in the message');
  });
});

describe('security: Markdown from sidecar text', () => {
  it('escapeMarkdownText renders as plain text: no links, images or HTML (fast-check, 4,000 strings)', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const html = render(escapeMarkdownText(text));
        assert.deepEqual(hrefs(html), [], `no href or src in ${html}`);
        const tags = [...html.matchAll(/<\/?([a-z0-9]+)/gi)].map((m) => m[1].toLowerCase());
        for (const tag of tags) assert.ok(tag === 'p' || tag === 'br', `only paragraphs and line breaks, got <${tag}> from ${JSON.stringify(text)}: ${html}`);
      }),
      { numRuns: 4_000 },
    );
  });

  it('escapeMarkdownText keeps the words: the rendered text is the input without invisible controls', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText, fc.string({ maxLength: 40 })), (text) => {
        const html = render(escapeMarkdownText(text));
        const shown = shownText(html);
        const expected = expectedVisibleText(text);
        // markdown-it turns U+2028 and friends into plain spaces in some contexts; compare on non-space text.
        assert.equal(shown.replace(/\s+/g, ' ').trim(), expected.replace(/\s+/g, ' ').trim(), `shown ${JSON.stringify(shown)} for ${JSON.stringify(text)}`);
      }),
      { numRuns: 3_000 },
    );
  });

  it('a hostile sidecar exports to a Markdown report whose only links are its safe citation links', () => {
    const article = 'Amazon will invest up to $4 billion in Anthropic.\n';
    const claims: Claim[] = HOSTILE_LINKS.slice(0, 12).map((link, i) => ({
      id: `c${i}`,
      quote: { exact: 'Amazon', prefix: '', suffix: ' will' },
      position: { start: 0, end: 6 },
      status: 'unverified',
      note: `[click](${link}) <img src=x onerror=alert(${i})> ${link}`,
      origin: 'manual',
      citations: [
        { id: 'bad', url: link, title: `[t](${link})` },
        { id: 'good', url: `https://example.com/source-${i}?q=(x)<y>`, title: `<b>Title ${i}</b>` },
        { id: 'doi', doi: `10.1000/xyz${i})](command:evil)`, title: 'DOI' },
      ],
      conflicts: [
        {
          id: 'k1',
          other: { article: `../<b>${link}</b>.md`, claim: 'x' },
          kind: 'date',
          thisValue: `[a](${link})`,
          otherValue: '<script>',
          note: link,
          state: 'open',
          resolution: '',
        },
      ],
      created: '2024-11-07T09:00:00Z',
      updated: '2024-11-07T09:00:00Z',
    }));
    const entry: ArticleClaims = { article: '[story](command:x).md', sidecar: { version: 1, article: 'story.md', claims }, text: article };
    const html = render(exportMarkdown([entry], { title: '<script>alert(1)</script>', subtitle: '[x](javascript:alert(1))' }));
    const links = hrefs(html);
    assert.ok(links.length >= 12, `the good citation links are there: ${links.length}`);
    for (const link of links) {
      const url = new URL(link.replace(/&amp;/g, '&'));
      assert.ok(url.protocol === 'https:', `only https links: ${link}`);
      assert.ok(url.hostname === 'example.com' || url.hostname === 'doi.org', `only the citations' own hosts: ${link}`);
    }
    for (const tag of ['<img', '<script', '<iframe', '<b>']) assert.ok(!html.includes(tag), `${tag} is not rendered`);
  });

  it('CSV cells never start a spreadsheet formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      const cell = csvCell(`${start}HYPERLINK("http://evil.example","x")`);
      assert.ok(cell.startsWith(`"'`), `${JSON.stringify(start)} is neutralised: ${cell}`);
    }
    assert.equal(csvCell('-5'), `"'-5"`, 'text that looks like a negative number is still quoted as text');
    assert.equal(csvCell(-5), '"-5"', 'real numbers stay numbers');
    const formula = claimWith('c1', { exact: '=cmd|" /C calc"!A0', prefix: '', suffix: '' }, { start: 0, end: 3 }, { note: '@SUM(1+1)*cmd|" /C calc"!A0' });
    const sidecar = sidecarOf([formula], { article: 'a.md' });
    const csv = exportCsv([{ article: '+a.md', sidecar, text: '=cm' }]);
    for (const line of csv.trim().split('\r\n').slice(1)) {
      for (const cell of line.match(/"(?:[^"]|"")*"/g) ?? []) assert.ok(!/^"[=+\-@\t\r]/.test(cell), `cell ${cell} could run as a formula`);
    }
  });
});

describe('security: dangerous keys in sidecars', () => {
  const DANGEROUS = ['__proto__', 'constructor', 'prototype'];

  afterEach(() => {
    for (const target of [Object.prototype, Array.prototype, Function.prototype] as Record<string, unknown>[]) {
      assert.equal(target.polluted, undefined, 'no prototype was polluted');
      delete target.polluted;
    }
  });

  function base(): Record<string, any> {
    return {
      version: 1,
      article: 'a.md',
      claims: [
        {
          id: 'c1',
          quote: { exact: 'Amazon', prefix: '', suffix: '' },
          position: { start: 0, end: 6 },
          status: 'unverified',
          note: '',
          origin: 'manual',
          citations: [{ id: 's1', url: 'https://example.com', csl: { type: 'article', author: [{ family: 'X' }] } }],
          conflicts: [{ id: 'k1', other: { article: 'b.md', claim: 'c2' }, kind: 'date' }],
          created: '2024-11-07T09:00:00Z',
          updated: '2024-11-07T09:00:00Z',
        },
      ],
      dismissed: { candidates: [], conflicts: [] },
    };
  }

  /** Every JSON object in the document, with its path, so a key can be planted in any of them. */
  function objectPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
    if (Array.isArray(value)) return value.flatMap((item, i) => objectPaths(item, [...path, i]));
    if (typeof value !== 'object' || value === null) return [];
    return [path, ...Object.entries(value).flatMap(([key, item]) => objectPaths(item, [...path, key]))];
  }

  function assertNoDangerousKeys(value: unknown, where = 'sidecar'): void {
    if (typeof value !== 'object' || value === null) return;
    assert.ok(Object.getPrototypeOf(value) === Object.prototype || Array.isArray(value), `${where} is a plain object`);
    for (const key of Object.keys(value)) {
      assert.ok(!DANGEROUS.includes(key), `${where}.${key} survived`);
      assertNoDangerousKeys((value as Record<string, unknown>)[key], `${where}.${key}`);
    }
  }

  it('drops __proto__, constructor and prototype keys planted in any object, at any place (fast-check)', () => {
    const paths = objectPaths(base());
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...paths), fc.constantFrom(...DANGEROUS), fc.constantFrom('first', 'last')), { minLength: 1, maxLength: 4 }),
        fc.constantFrom<unknown>({ polluted: true }, { prototype: { polluted: true } }, 'polluted', [1, 2], null),
        (plants, payload) => {
          // Placeholders are planted in the parsed document and swapped for the dangerous keys in the text,
          // since no object built in JavaScript can be stringified with an own "__proto__" key.
          const doc = base();
          plants.forEach(([path, , place], i) => {
            const target = path.reduce((t: any, segment) => t[segment], doc);
            const entries = Object.entries(target);
            for (const k of Object.keys(target)) delete target[k];
            if (place === 'first') target[`__plant_${i}`] = 0;
            for (const [k, v] of entries) target[k] = v;
            if (place === 'last') target[`__plant_${i}`] = 0;
          });
          let text = JSON.stringify(doc);
          plants.forEach(([, key], i) => (text = text.replace(`"__plant_${i}":0`, `${JSON.stringify(key)}:${JSON.stringify(payload)}`)));
          assert.ok(!text.includes('__plant_'));
          const result = parseSidecar(text);
          assert.ok(result.ok, `still a valid sidecar: ${!result.ok && JSON.stringify(result.errors[0])}`);
          assertNoDangerousKeys(result.sidecar);
          assert.ok(!serializeSidecar(result.sidecar).includes('polluted'), 'nothing of the payload is written back');
          // Merging copies and spreads objects: the usual way a planted key would reach a prototype.
          const merged = mergeSidecars(result.sidecar, result.sidecar, structuredClone(result.sidecar)).merged;
          assertNoDangerousKeys(merged, 'merged');
          assert.equal(({} as Record<string, unknown>).polluted, undefined);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('a claim id or citation id spelled "__proto__" or "constructor" stays plain data', () => {
    const doc = base();
    doc.claims[0].id = '__proto__';
    doc.claims[0].citations[0].id = 'constructor';
    const result = parseSidecar(JSON.stringify(doc));
    assert.ok(result.ok);
    assert.equal(result.sidecar.claims[0].id, '__proto__');
    // Looking claims up by id must not reach Object.prototype: the store and UI use arrays and Maps.
    const byId = new Map(result.sidecar.claims.map((c) => [c.id, c]));
    assert.equal(byId.get('__proto__'), result.sidecar.claims[0]);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('very long strings parse, escape and export in linear time', () => {
    const doc = base();
    const long = '[x](command:evil) <b>'.repeat(10_000); // 210 KB
    doc.claims[0].note = long;
    (doc.claims[0].citations[0] as Citation).title = long;
    const started = performance.now();
    const result = parseSidecar(JSON.stringify(doc));
    assert.ok(result.ok);
    const html = render(exportMarkdown([{ article: 'a.md', sidecar: result.sidecar, text: 'Amazon' }]));
    const elapsed = performance.now() - started;
    assert.deepEqual(hrefs(html), ['https://example.com/']);
    assert.ok(elapsed < 10_000, `took ${elapsed} ms`);
  });
});
