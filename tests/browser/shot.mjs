// Screenshots of pages: node shot.mjs <base url> <out dir> <width> <lang zh|en> <path> [<path> …]
// Each page is saved as <out dir>/<path with / as _>-<width>-<lang>.png, the whole page.
import { chromium } from "playwright-core";

const [base, outDir, width, lang, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
try {
  const context = await browser.newContext({ viewport: { width: Number(width), height: 900 } });
  await context.addInitScript((l) => { try { localStorage.setItem("gongbao-ui", l); } catch (e) { /* none */ } }, lang);
  for (const path of paths) {
    const page = await context.newPage();
    await page.goto(base + path, { waitUntil: "networkidle" });
    await page.waitForTimeout(Number(process.env.WAIT || 0));
    // named by the path alone (a query string is left out): eli-sha-fu-fa-2020-76-1280-zh.png
    const name = (path.split("?")[0].replace(/\/$/, "").replace(/[^A-Za-z0-9]+/g, "-") || "home") + `-${width}-${lang}.png`;
    // MAX_HEIGHT clips a long page to its first pixels (the whole page otherwise)
    // FROM (a CSS selector) starts the picture at that element, under SUFFIX added to the file's name
    const max = Number(process.env.MAX_HEIGHT || 0);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    const from = process.env.FROM
      ? await page.$eval(process.env.FROM, (el) => Math.floor(el.getBoundingClientRect().top + window.scrollY)) : 0;
    const file = `${outDir}/${process.env.SUFFIX ? name.replace(/(-\d+-\w+\.png)$/, `-${process.env.SUFFIX}$1`) : name}`;
    await page.screenshot(max && height - from > max || from
      ? { path: file, fullPage: true, clip: { x: 0, y: from, width: Number(width), height: Math.min(max || height, height - from) } }
      : { path: file, fullPage: true });
    await page.close();
  }
} finally {
  await browser.close();
}
