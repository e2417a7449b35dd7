// Renders the PNG app icons from the SVG sources in public/ with the system Chromium, so the SVG
// stays the single source of the artwork. Run after editing an icon: node web/scripts/render-icons.mjs
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const publicDir = fileURLToPath(new URL('../public/', import.meta.url));
const targets = [
  { src: 'icon.svg', out: 'icon-192.png', size: 192 },
  { src: 'icon.svg', out: 'icon-512.png', size: 512 },
  { src: 'icon-maskable.svg', out: 'icon-maskable-512.png', size: 512 },
  { src: 'icon-maskable.svg', out: 'apple-touch-icon.png', size: 180 },
];

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage();
  for (const t of targets) {
    const svg = await readFile(publicDir + t.src, 'utf8');
    await page.setViewportSize({ width: t.size, height: t.size });
    const url = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(`<style>html,body{margin:0;background:transparent}</style><img src="${url}" width="${t.size}" height="${t.size}">`);
    await page.locator('img').evaluate((img) => img.decode());
    await page.screenshot({ path: publicDir + t.out, omitBackground: true });
    console.log(`${t.out} (${t.size}px)`);
  }
} finally {
  await browser.close();
}
