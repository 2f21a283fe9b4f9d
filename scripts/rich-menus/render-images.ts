// Renders the rich menu images (bot/line/rich-menu-images/*.png) from HTML in Debian's Chromium. Run it after
// changing a menu's labels or layout; the PNGs are committed, so neither the server nor CI needs a browser for them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { type MenuDefinition, menuDefinitions } from '../../bot/line/rich-menu-definitions.ts';

const GREEN = '#06C755';

function html(menu: MenuDefinition): string {
  const { width, height } = menu.size;
  const cells = menu.areas
    .map(
      (
        area,
        i,
      ) => `<div style="position:absolute;left:${area.bounds.x}px;top:${area.bounds.y}px;width:${area.bounds.width}px;
        height:${area.bounds.height}px;box-sizing:border-box;border:4px solid #fff;display:flex;flex-direction:column;
        align-items:center;justify-content:center;background:${i === 0 ? GREEN : '#F4F6F5'};color:${i === 0 ? '#fff' : '#1F2937'}">
        <div style="font-size:${area.bounds.height > 700 ? 150 : 120}px;font-weight:700">${area.label}</div>
        <div style="font-size:64px;opacity:.75;margin-top:24px">${area.labelEn}</div></div>`,
    )
    .join('');
  return `<html><body style="margin:0;width:${width}px;height:${height}px;position:relative;
    font-family:'Noto Sans CJK TC','Noto Sans TC',sans-serif">${cells}</body></html>`;
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
for (const menu of menuDefinitions) {
  const page = await browser.newPage({ viewport: menu.size });
  await page.setContent(html(menu));
  const png = await page.screenshot({ type: 'png' });
  writeFileSync(join(import.meta.dirname, '../../bot/line/rich-menu-images', `${menu.alias}.png`), png);
  console.log(`${menu.alias}.png ${png.length} bytes`);
}
await browser.close();
