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
    const name = (path.replace(/\/$/, "").replace(/[^A-Za-z0-9]+/g, "_") || "home") + `-${width}-${lang}.png`;
    // MAX_HEIGHT clips a long page to its first pixels (the whole page otherwise)
    const max = Number(process.env.MAX_HEIGHT || 0);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.screenshot(max && height > max
      ? { path: `${outDir}/${name}`, fullPage: true, clip: { x: 0, y: 0, width: Number(width), height: max } }
      : { path: `${outDir}/${name}`, fullPage: true });
    await page.close();
  }
} finally {
  await browser.close();
}
