// Renders the marketplace icon, media/icon.png (128x128), from the activity-bar glyph media/claims.svg, with
// Debian's Chromium through playwright-core. Run it again after changing the glyph:
//
//   node scripts/render-icon.mjs
//
// The glyph draws with currentColor; here its lines are light on a dark tile and the magnifier takes the
// "unverified claim" highlight colour, so the icon reads at 16 px as well as at 128 px.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../test/launch/codeServer.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const glyph = fs.readFileSync(path.join(repoRoot, 'media', 'claims.svg'), 'utf8');
const size = 128;
const tile = '#1f2937';
const ink = '#e5e7eb';
const accent = '#f2c94c';

// The glyph's text lines (the first paths) stay light; the magnifier (circle, handle, tick) is the accent.
const inner = glyph
  .replace(/^<svg[^>]*>/, '')
  .replace(/<\/svg>\s*$/, '')
  .replace(/<circle /, `<g stroke="${accent}"><circle `)
  .replace(/$/, '</g>');

const html = `<!doctype html><html><body style="margin:0;background:transparent">
<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">
  <rect x="0" y="0" width="${size}" height="${size}" rx="24" fill="${tile}"/>
  <g transform="translate(16 16) scale(${(size - 32) / 24})" fill="none" stroke="${ink}" stroke-width="1.6"
     stroke-linecap="round" stroke-linejoin="round">${inner}</g>
</svg></body></html>`;

const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
  await page.setContent(html);
  const out = path.join(repoRoot, 'media', 'icon.png');
  await page.locator('svg').screenshot({ path: out, omitBackground: true });
  console.log(`wrote ${path.relative(repoRoot, out)}`);
} finally {
  await browser.close();
}
