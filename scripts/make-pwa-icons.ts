/**
 * The installed phone app's icons (web/public/m/*.png), drawn once from the brand mark of the phone
 * header (web/mobile/mobile-app.tsx, `m-brand-mark`): Debian's Chromium renders the SVG and takes
 * a screenshot at each size. The PNGs are committed; run this again only when the mark changes.
 *
 *   npx tsx scripts/make-pwa-icons.ts
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';

const RED = '#c8102e';
const HEART = 'M16 24s-7-4.4-7-9.3A3.9 3.9 0 0 1 16 12a3.9 3.9 0 0 1 7 2.7C23 19.6 16 24 16 24z';

/** The mark as in the header: a red disc with the white heart, on a transparent ground. */
const disc = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
  <circle cx="16" cy="16" r="15" fill="${RED}"/><path d="${HEART}" fill="#fff"/></svg>`;

/**
 * Full bleed for masks and the iOS home screen: the red fills the square and the heart stays
 * inside the maskable safe zone (the centre circle of 80 % of the width).
 */
const square = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
  <rect width="32" height="32" fill="${RED}"/>
  <g transform="translate(16 16) scale(1.45) translate(-16 -17)"><path d="${HEART}" fill="#fff"/></g></svg>`;

const ICONS = [
  { file: 'icon-192.png', size: 192, svg: disc },
  { file: 'icon-512.png', size: 512, svg: disc },
  { file: 'icon-maskable-512.png', size: 512, svg: square },
  { file: 'apple-touch-icon.png', size: 180, svg: square },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  for (const icon of ICONS) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
    const img = `data:image/svg+xml;base64,${Buffer.from(icon.svg).toString('base64')}`;
    await page.setContent(
      `<html><body style="margin:0;background:transparent"><img src="${img}" width="${icon.size}" height="${icon.size}" style="display:block"></body></html>`,
    );
    await page.waitForFunction(() => document.images[0]?.complete);
    const png = await page.screenshot({ omitBackground: true, type: 'png' });
    writeFileSync(resolve('web/public/m', icon.file), png);
    process.stdout.write(`web/public/m/${icon.file} ${icon.size}×${icon.size} ${png.length} B\n`);
    await page.close();
  }
} finally {
  await browser.close();
}
